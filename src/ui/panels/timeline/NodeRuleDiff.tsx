import { useT } from '../../../i18n/react.ts';
import type { DiffLine, NodeRulesDiff } from '../../../engine/index.ts';

const SHOWN = 60;

function Lines({ added, removed }: { added: DiffLine[]; removed: DiffLine[] }) {
  const rows = [
    ...removed.map((l) => ({ ...l, sign: '-' as const })),
    ...added.map((l) => ({ ...l, sign: '+' as const })),
  ].slice(0, SHOWN);
  return (
    <ol className="diff-lines mono">
      {rows.map((l) => (
        <li key={`${l.sign}${l.line}`} data-sign={l.sign}>
          <span className="rule-no">{l.line}</span>
          <span>
            <span aria-hidden="true">{l.sign} </span>
            {l.text}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** One node's rule lines added (+) and removed (−) by kube-proxy's sync after the change. */
export function NodeRuleDiff({ diff: n }: { diff: NodeRulesDiff }) {
  const { t } = useT();
  const added = n.iptables.added.length + n.ipvs.added.length;
  const removed = n.iptables.removed.length + n.ipvs.removed.length;
  return (
    <details
      className="node-diff"
      data-node={n.node}
      data-added={added}
      data-removed={removed}
      open={added + removed > 0 && added + removed < 30}
    >
      <summary>
        <strong>{n.node}</strong>{' '}
        {added + removed === 0 ? (
          <span className="muted">{t('cp.noRuleChange')}</span>
        ) : (
          <>
            <span className="diff-add">+{added}</span> <span className="diff-del">−{removed}</span>
          </>
        )}
      </summary>
      <Lines added={n.iptables.added} removed={n.iptables.removed} />
      {n.ipvs.added.length + n.ipvs.removed.length > 0 && (
        <>
          <div className="muted small">{t('cp.ipvsRules')}</div>
          <Lines added={n.ipvs.added} removed={n.ipvs.removed} />
        </>
      )}
    </details>
  );
}
