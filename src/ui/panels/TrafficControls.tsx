import { useId, useMemo } from 'react';
import { useT } from '../../i18n/react.ts';
import { usePlayground } from '../../store/react.ts';
import {
  selectClient,
  selectLastValidResult,
  selectSendRequest,
  selectSetClient,
  selectSetTarget,
  selectTarget,
} from '../../store/selectors.ts';
import { entryPoints } from '../../store/entry-points.ts';
import { visiblePods } from '../../store/cluster-view.ts';
import { EXTERNAL_CLIENT_IP } from '../../store/traffic-defaults.ts';
import type { ClientChoice } from '../../store/types.ts';
import { sendShortcutLabel } from '../app/use-shortcuts.ts';

const EXTERNAL = 'external';
const encodeClient = (c: ClientChoice) => (c.kind === 'external' ? EXTERNAL : `pod:${c.namespace}/${c.name}`);
function decodeClient(v: string): ClientChoice {
  if (v === EXTERNAL) return { kind: 'external' };
  const [namespace = 'default', name = ''] = v.slice('pod:'.length).split('/');
  return { kind: 'pod', namespace, name };
}

/** Who sends, where to, and the Send button (R or Ctrl/Cmd+Enter). */
export function TrafficControls() {
  const { t } = useT();
  const fromId = useId();
  const toId = useId();
  const result = usePlayground(selectLastValidResult);
  const client = usePlayground(selectClient);
  const target = usePlayground(selectTarget);
  const setClient = usePlayground(selectSetClient);
  const setTarget = usePlayground(selectSetTarget);
  const send = usePlayground(selectSendRequest);
  const pods = useMemo(() => visiblePods(result), [result]);
  const entries = useMemo(() => entryPoints(result, client), [result, client]);
  const hint = t('traffic.sendHint', { shortcut: sendShortcutLabel() });

  return (
    <div className="traffic-controls" role="toolbar" aria-label={t('traffic.send')}>
      <div className="field">
        <label htmlFor={fromId}>{t('traffic.from')}</label>
        <select
          id={fromId}
          data-testid="client-picker"
          value={encodeClient(client)}
          onChange={(e) => setClient(decodeClient(e.target.value))}
        >
          <option value={EXTERNAL}>{t('traffic.externalClient', { ip: EXTERNAL_CLIENT_IP })}</option>
          {pods.map((p) => {
            const ns = p.metadata?.namespace ?? 'default';
            const name = p.metadata?.name ?? '';
            return (
              <option key={`${ns}/${name}`} value={`pod:${ns}/${name}`}>
                {t('traffic.podClient', { name: ns === 'default' ? name : `${ns}/${name}` })}
              </option>
            );
          })}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={toId}>{t('traffic.to')}</label>
        <select
          id={toId}
          data-testid="target-picker"
          value={target ?? ''}
          disabled={entries.length === 0}
          onChange={(e) => setTarget(e.target.value)}
        >
          {entries.length === 0 && <option value="">{t('traffic.noTarget')}</option>}
          {entries.map((e) => (
            <option key={e.target} value={e.target}>
              {t(`traffic.entry.${e.kind}`, { service: e.service, address: e.address, node: e.node ?? '' })}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="send-button"
        data-testid="send-request"
        title={hint}
        aria-keyshortcuts="R Control+Enter Meta+Enter"
        disabled={!target}
        onClick={() => send()}
      >
        <span aria-hidden="true">➤</span> {t('traffic.send')}
        <kbd aria-hidden="true">R</kbd>
      </button>
    </div>
  );
}
