import { useState } from 'react';
import { useT } from '../../../i18n/react.ts';
import { usePlayground } from '../../../store/react.ts';
import { selectChanges } from '../../../store/selectors.ts';
import { NodeRuleDiff } from './NodeRuleDiff.tsx';
import { TimelineStrip } from './TimelineStrip.tsx';

/** The latest cluster change (or an earlier one), replayed step by step, with object and rule diffs. */
export function TimelinePanel() {
  const { t } = useT();
  const changes = usePlayground(selectChanges);
  const [pick, setPick] = useState<number | null>(null);
  const [replays, setReplays] = useState(0);
  const change = changes.find((c) => c.seq === pick) ?? changes[changes.length - 1];
  if (!change)
    return (
      <p className="muted" data-testid="timeline-panel">
        {t('cp.empty')}
      </p>
    );
  const { diff } = change;
  return (
    <div className="timeline-panel" data-testid="timeline-panel" data-seq={change.seq}>
      <div className="timeline-toolbar">
        {changes.map((c) => (
          <button
            key={c.seq}
            type="button"
            className="chip-button"
            aria-pressed={c.seq === change.seq}
            onClick={() => setPick(c.seq)}
          >
            #{c.seq}
          </button>
        ))}
        <button
          type="button"
          className="link-button"
          data-testid="cp-replay"
          onClick={() => setReplays((n) => n + 1)}
        >
          ↻ {t('cp.replay')}
        </button>
      </div>
      <TimelineStrip key={`${change.seq}/${replays}`} diff={diff} />
      {diff.proxyModeChanged && (
        <p className="small strong">{t('cp.mode', { mode: diff.nodes[0]?.mode ?? 'iptables' })}</p>
      )}
      <h3>{t('cp.objects')}</h3>
      <ul className="cp-objects" data-testid="cp-objects">
        {diff.objects.map((o) => (
          <li key={o.id} data-object-id={o.id} data-change={o.change}>
            <span className={`cp-badge cp-${o.change}`}>{t(`cp.change.${o.change}`)}</span>{' '}
            <span className="mono">
              {o.kind}/{o.namespace && o.namespace !== 'default' ? `${o.namespace}/` : ''}
              {o.name}
            </span>
          </li>
        ))}
      </ul>
      <h3>{t('cp.rules')}</h3>
      {diff.nodes.map((n) => (
        <NodeRuleDiff key={n.node} diff={n} />
      ))}
    </div>
  );
}
