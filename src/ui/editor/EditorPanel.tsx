import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/react.ts';
import { usePlaygroundStore } from '../../store/react.ts';
import { useResolvedTheme } from '../app/use-theme.ts';
import type { EditorHandle } from './mount-editor.ts';

const SCHEMA_URL = `${import.meta.env.BASE_URL}schemas/kubernetes.schema.json`;

/** Monaco, loaded with a dynamic import after the first paint; `data-ready` tells tests it is up. */
export function EditorPanel() {
  const store = usePlaygroundStore();
  const { t } = useT();
  const dark = useResolvedTheme() === 'dark';
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<EditorHandle | null>(null);
  const darkRef = useRef(dark);
  const labelRef = useRef(t('editor.label'));
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let cancelled = false;
    void import('./mount-editor.ts')
      .then(({ mountEditor }) =>
        cancelled
          ? null
          : mountEditor(el, {
              store,
              schemaUrl: SCHEMA_URL,
              dark: darkRef.current,
              ariaLabel: labelRef.current,
              onSend: () => store.getState().sendRequest(),
              isCancelled: () => cancelled,
            }),
      )
      .then((h) => {
        if (!h) return;
        if (cancelled) h.dispose();
        else {
          handle.current = h;
          setReady(true);
        }
      });
    return () => {
      cancelled = true;
      handle.current?.dispose();
      handle.current = null;
      setReady(false);
    };
  }, [store]);

  useEffect(() => {
    darkRef.current = dark;
    handle.current?.setTheme(dark);
  }, [dark, ready]);

  return (
    <section className="editor-panel" aria-label={t('editor.label')}>
      <div className="editor-host" ref={host} data-testid="editor" data-ready={ready ? 'true' : 'false'} />
      {!ready && <p className="editor-loading">{t('editor.loading')}</p>}
    </section>
  );
}
