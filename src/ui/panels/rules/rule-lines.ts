/**
 * The rules panel's view of a node's kube-proxy dump: numbered lines, the chains in it, and which lines to
 * mark for a packet (the rules that matched) or a Service (its chains). Pure; reads the engine's RuleRefs
 * and IptablesRule.objectId, never re-evaluates a rule.
 */
import type { NodeProxyState, RuleRef } from '../../../engine/index.ts';

export interface RuleLine {
  line: number;
  text: string;
  chain?: string;
}

const CHAIN = /^(?::(\S+)|-A (\S+))/;

export function numberedLines(text: string): RuleLine[] {
  if (!text) return [];
  return text.split('\n').map((t, i) => {
    const m = CHAIN.exec(t);
    const chain = m ? (m[1] ?? m[2]) : undefined;
    return { line: i + 1, text: t, ...(chain ? { chain } : {}) };
  });
}

/** Chain names in the order iptables-save declares them. */
export function chainsOf(lines: readonly RuleLine[]): string[] {
  return [...new Set(lines.filter((l) => l.text.startsWith(':')).map((l) => l.chain!))];
}

export function filterByChain(lines: readonly RuleLine[], chain: string | null): RuleLine[] {
  return chain ? lines.filter((l) => l.chain === chain) : [...lines];
}

/** iptables-save lines of a Service's rules (kube-proxy tags each rule with the object it exists for). */
export function serviceLines(proxy: NodeProxyState | undefined, serviceId: string | null): Set<number> {
  const out = new Set<number>();
  if (!proxy || !serviceId) return out;
  for (const table of [proxy.iptables.nat, proxy.iptables.filter])
    for (const r of table.rules) if (r.objectId === serviceId) out.add(r.line);
  return out;
}

/** ipvsadm -Ln lines of a Service's virtual servers and their real servers. */
export function serviceIpvsLines(proxy: NodeProxyState | undefined, serviceId: string | null): Set<number> {
  const out = new Set<number>();
  if (!proxy || !serviceId || !proxy.ipvsadm) return out;
  const vips = new Set(
    proxy.ipvs
      .filter((v) => v.serviceId === serviceId)
      .map((v) => `${v.ip.includes(':') ? `[${v.ip}]` : v.ip}:${v.port}`),
  );
  let inside = false;
  proxy.ipvsadm.split('\n').forEach((t, i) => {
    if (/^(TCP|UDP|SCTP)\s/.test(t)) inside = vips.has(t.split(/\s+/)[1] ?? '');
    else if (!t.trimStart().startsWith('->')) inside = false;
    if (inside) out.add(i + 1);
  });
  return out;
}

export function linesOn(rules: readonly RuleRef[], node: string, view: 'iptables' | 'ipvs'): Set<number> {
  return new Set(
    rules.filter((r) => r.node === node && (view === 'ipvs') === (r.table === 'ipvs')).map((r) => r.line),
  );
}
