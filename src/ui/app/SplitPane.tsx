import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/react.ts';
import { createLocalStorage } from '../../platform/storage.ts';

const storage = createLocalStorage();
const KEY = 'split';
const MIN = 22;
const MAX = 70;
const clamp = (v: number) => Math.min(MAX, Math.max(MIN, v));

/** The saved split, else a third (a little less on small screens, where the canvas needs the room). */
function savedRatio(): number {
  const v = Number(storage.get(KEY));
  if (Number.isFinite(v) && v > 0) return clamp(v);
  return window.innerWidth < 1440 ? 31 : 34;
}

/** Editor | canvas, with a draggable (and keyboard-operable) separator; the editor can be hidden. */
export function SplitPane({ left, right }: { left: ReactNode; right: ReactNode }) {
  const { t } = useT();
  const [ratio, setRatio] = useState(savedRatio);
  const [collapsed, setCollapsed] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const commit = useCallback((v: number) => {
    const next = clamp(v);
    setRatio(next);
    storage.set(KEY, String(Math.round(next)));
  }, []);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId) || !root.current) return;
    const box = root.current.getBoundingClientRect();
    commit(((e.clientX - box.left) / box.width) * 100);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft') commit(ratio - 3);
    else if (e.key === 'ArrowRight') commit(ratio + 3);
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="split"
      ref={root}
      data-collapsed={collapsed}
      style={{ gridTemplateColumns: collapsed ? '0 auto minmax(0, 1fr)' : `${ratio}% auto minmax(0, 1fr)` }}
    >
      <div className="split-left" hidden={collapsed}>
        {left}
      </div>
      <div className="split-bar">
        {!collapsed && (
          <div
            className="split-handle"
            role="separator"
            tabIndex={0}
            aria-orientation="vertical"
            aria-label={t('split.label')}
            aria-valuemin={MIN}
            aria-valuemax={MAX}
            aria-valuenow={Math.round(ratio)}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onKeyDown={onKeyDown}
          />
        )}
        <button
          type="button"
          className="split-toggle"
          aria-expanded={!collapsed}
          title={collapsed ? t('editor.showEditor') : t('editor.hideEditor')}
          aria-label={collapsed ? t('editor.showEditor') : t('editor.hideEditor')}
          onClick={() => setCollapsed((c) => !c)}
        >
          <span aria-hidden="true">{collapsed ? '›' : '‹'}</span>
        </button>
      </div>
      <div className="split-right">{right}</div>
    </div>
  );
}
