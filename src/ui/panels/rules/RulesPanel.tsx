import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../../../i18n/react.ts';
import { usePlayground } from '../../../store/react.ts';
import {
  selectInspectedHopIndex,
  selectInspectedPacket,
  selectLastValidResult,
  selectRulesNode,
  selectSelectedServiceId,
  selectSetRulesNode,
} from '../../../store/selectors.ts';
import { RuleText } from './RuleText.tsx';
import {
  chainsOf,
  filterByChain,
  linesOn,
  numberedLines,
  serviceIpvsLines,
  serviceLines,
} from './rule-lines.ts';

const toSet = (key: string) => new Set(key ? key.split(',').map(Number) : []);

/**
 * A node's `iptables-save` (or `ipvsadm -Ln`) with line numbers: the lines that matched the inspected
 * packet's hop are highlighted and scrolled into view; the selected Service's chains are marked.
 */
export function RulesPanel() {
  const { t } = useT();
  const nodeId = useId();
  const chainId = useId();
  const result = usePlayground(selectLastValidResult);
  const packet = usePlayground(selectInspectedPacket);
  const hopIndex = usePlayground(selectInspectedHopIndex);
  const chosenNode = usePlayground(selectRulesNode);
  const setNode = usePlayground(selectSetRulesNode);
  const serviceId = usePlayground(selectSelectedServiceId);
  const [chain, setChain] = useState<string | null>(null);
  const [viewChoice, setViewChoice] = useState<'iptables' | 'ipvs' | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const nodes = Object.keys(result.proxy).sort();
  const hop = packet?.trace.hops[hopIndex];
  const node =
    (chosenNode && result.proxy[chosenNode] ? chosenNode : null) ??
    hop?.rules[0]?.node ??
    (packet?.trace.node || null) ??
    nodes[0] ??
    '';
  const proxy = result.proxy[node];
  const ipvsMode = proxy?.mode === 'ipvs';
  // The inspector's "show in rules" selects the hop and the node; the hop's RuleRefs say which lines.
  const hitRules = hop?.rules ?? [];
  const autoView =
    ipvsMode && hitRules?.some((r) => r.table === 'ipvs' && r.node === node) ? 'ipvs' : 'iptables';
  const view = ipvsMode ? (viewChoice ?? autoView) : 'iptables';

  const lines = useMemo(
    () => numberedLines(view === 'ipvs' ? (proxy?.ipvsadm ?? '') : (proxy?.iptablesSave ?? '')),
    [proxy, view],
  );
  const chains = useMemo(() => (view === 'iptables' ? chainsOf(lines) : []), [lines, view]);
  // Sets keyed by their content, so the (memoised) rule text re-renders only when a mark changes.
  const hitKey = [...linesOn(hitRules, node, view)].join(',');
  const softKey = [...linesOn(packet?.trace.hops.flatMap((h) => h.rules) ?? [], node, view)].join(',');
  const svcKey = [
    ...(view === 'ipvs' ? serviceIpvsLines(proxy, serviceId) : serviceLines(proxy, serviceId)),
  ].join(',');
  const hits = useMemo(() => toSet(hitKey), [hitKey]);
  const soft = useMemo(() => toSet(softKey), [softKey]);
  const svc = useMemo(() => toSet(svcKey), [svcKey]);
  const shown = useMemo(() => filterByChain(lines, chain), [lines, chain]);
  // The first rule the packet met on this node (PREROUTING before FORWARD), else the lowest line.
  const firstHit =
    hitRules.find((r) => r.node === node && (view === 'ipvs') === (r.table === 'ipvs'))?.line ??
    (svc.size ? Math.min(...svc) : 0);

  useEffect(() => {
    const box = scroller.current;
    const el = box?.querySelector<HTMLElement>(`[data-line="${firstHit}"]`);
    // Scroll only the rules box (scrollIntoView would also scroll the app's clipped columns).
    if (box && el) box.scrollTop = el.offsetTop - box.clientHeight / 2 + el.clientHeight / 2;
  }, [firstHit, node, view, chain]);

  return (
    <div className="rules-panel" data-testid="rules-panel" data-node={node} data-view={view}>
      <div className="rules-toolbar">
        <label htmlFor={nodeId}>{t('rules.node')}</label>
        <select id={nodeId} data-testid="rules-node" value={node} onChange={(e) => setNode(e.target.value)}>
          {nodes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {view === 'iptables' && (
          <>
            <label htmlFor={chainId}>{t('rules.chain')}</label>
            <select
              id={chainId}
              data-testid="rules-chain"
              value={chain ?? ''}
              onChange={(e) => setChain(e.target.value || null)}
            >
              <option value="">{t('rules.allChains')}</option>
              {chains.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </>
        )}
        {ipvsMode && (
          <div className="segmented small" role="group" aria-label={t('rules.view')}>
            {(['iptables', 'ipvs'] as const).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => setViewChoice(v)}>
                {v === 'ipvs' ? 'ipvsadm -Ln' : 'iptables-save'}
              </button>
            ))}
          </div>
        )}
        <span className="muted small rules-count">
          {hits.size ? t('rules.matched', { count: hits.size }) : ''}
        </span>
      </div>
      <div className="rules-text" ref={scroller} data-testid="rules-text">
        {shown.length === 0 ? (
          <p className="muted">{t('rules.empty')}</p>
        ) : (
          <RuleText lines={shown} hits={hits} soft={soft} svc={svc} />
        )}
      </div>
    </div>
  );
}
