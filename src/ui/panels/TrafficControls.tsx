import { useId, useMemo, useState } from 'react';
import { useT } from '../../i18n/react.ts';
import { visiblePods } from '../../store/cluster-view.ts';
import { entryPoints } from '../../store/entry-points.ts';
import { usePlayground } from '../../store/react.ts';
import {
  selectBurst,
  selectClient,
  selectLastValidResult,
  selectSendRequests,
  selectSetBurst,
  selectSetClient,
  selectSetTarget,
  selectTarget,
} from '../../store/selectors.ts';
import { EXTERNAL_CLIENT_IP } from '../../store/traffic-defaults.ts';
import type { ClientChoice } from '../../store/types.ts';
import { sendShortcutLabel } from '../app/use-shortcuts.ts';
import { ContinuousControl } from './ContinuousControl.tsx';

const EXTERNAL = 'external';
const encodeClient = (c: ClientChoice) => (c.kind === 'external' ? EXTERNAL : `pod:${c.namespace}/${c.name}`);
function decodeClient(v: string): ClientChoice {
  if (v === EXTERNAL) return { kind: 'external' };
  const [namespace = 'default', name = ''] = v.slice('pod:'.length).split('/');
  return { kind: 'pod', namespace, name };
}

/** Who sends, where to (pick or type), and how many: one, N, or continuously at a rate. */
export function TrafficControls() {
  const { t } = useT();
  const fromId = useId();
  const toId = useId();
  const listId = useId();
  const burstId = useId();
  const result = usePlayground(selectLastValidResult);
  const client = usePlayground(selectClient);
  const target = usePlayground(selectTarget);
  const setClient = usePlayground(selectSetClient);
  const setTarget = usePlayground(selectSetTarget);
  const send = usePlayground(selectSendRequests);
  const burst = usePlayground(selectBurst);
  const setBurst = usePlayground(selectSetBurst);
  const pods = useMemo(() => visiblePods(result), [result]);
  const entries = useMemo(() => entryPoints(result, client), [result, client]);
  // What the learner is typing; a new target from elsewhere (client switch, new cluster) replaces it.
  const [typed, setTyped] = useState({ base: target, text: target ?? '' });
  const draft = typed.base === target ? typed.text : (target ?? '');
  const setDraft = (text: string) => setTyped({ base: target, text });
  const commit = () => {
    if (draft.trim() && draft.trim() !== target) setTarget(draft);
  };
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
        <input
          id={toId}
          className="mono"
          data-testid="target-picker"
          list={listId}
          value={draft}
          placeholder={entries.length ? t('traffic.targetPlaceholder') : t('traffic.noTarget')}
          title={t('traffic.targetHint')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setDraft(e.target.value);
            // Picking from the list is a choice; typing waits for Enter or leaving the field.
            if (entries.some((x) => x.target === e.target.value)) setTarget(e.target.value);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
        <datalist id={listId}>
          {entries.map((e) => (
            <option key={e.target} value={e.target}>
              {t(`traffic.entry.${e.kind}`, { service: e.service, address: e.address, node: e.node ?? '' })}
            </option>
          ))}
        </datalist>
      </div>
      <div className="send-group">
        <button
          type="button"
          className="send-button"
          data-testid="send-request"
          title={hint}
          aria-keyshortcuts="R Control+Enter Meta+Enter"
          disabled={!target}
          onClick={() => send({ count: 1 })}
        >
          <span aria-hidden="true">➤</span> {t('traffic.send')}
          <kbd aria-hidden="true">R</kbd>
        </button>
        <label htmlFor={burstId} className="visually-hidden">
          {t('traffic.burst')}
        </label>
        <input
          id={burstId}
          type="number"
          className="burst-input"
          data-testid="burst-count"
          min={1}
          max={100}
          value={burst}
          onChange={(e) => setBurst(Number(e.target.value))}
        />
        <button
          type="button"
          className="secondary-button"
          data-testid="send-burst"
          title={t('traffic.sendNHint', { count: burst })}
          disabled={!target}
          onClick={() => send({ count: burst })}
        >
          {t('traffic.sendN', { count: burst })}
        </button>
      </div>
      <ContinuousControl disabled={!target} />
    </div>
  );
}
