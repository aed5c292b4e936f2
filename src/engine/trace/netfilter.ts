/**
 * A small netfilter: evaluates the structured IptablesRule lists of one node for one packet, following
 * jumps, RETURN, MARK, statistic, recent, set, addrtype, conntrack state, DNAT and MASQUERADE. Rules with
 * `-m statistic` split the walk in two branches, so a chain evaluates to a probability distribution of
 * outcomes (computed analytically, never sampled here). Rules are read, never bypassed: whatever endpoint
 * a trace reaches, these rules sent it there.
 */
import type { IpsetInfo, IptablesRule, NodeProxyState } from '../proxy/types.ts';
import { ipsetMatches } from '../proxy/ipvs/ipset.ts';
import { ipInCIDR, parseIPv4 } from '../net/ip.ts';

export type NfTable = 'filter' | 'nat';

/** The packet as netfilter sees it while it walks the chains. */
export interface NfPacket {
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  /** lowercase, as in `-p tcp`. */
  protocol: string;
  /** skb mark (KUBE-MARK-MASQ ORs 0x4000 in). */
  mark: number;
  /** conntrack has the DNAT status bit (ctstate DNAT). */
  dnat: boolean;
  /** Arrived through a bridge port (a pod behind a bridge CNI such as flannel's cni0): physdev-is-in. */
  bridged: boolean;
  /** Set once IPVS has handled the packet (`-m ipvs --vaddr`). */
  ipvs?: { vaddr: string; vproto: string; vport: number };
}

/** What the rules need to know about the node and the kernel state. */
export interface NfContext {
  state: NodeProxyState;
  /** Addresses of type LOCAL on this node (node IPs, loopback, kube-ipvs0 addresses). */
  isLocalAddress(ip: string): boolean;
  /** xt_recent: is `src` in list `name`, seen within `seconds`? */
  recentCheck(name: string, src: string, seconds: number | undefined): boolean;
}

export type NfEnd = 'continue' | 'return' | 'ACCEPT' | 'DROP' | 'REJECT' | 'DNAT' | 'MASQUERADE';

/** One branch of the walk. */
export interface NfOutcome {
  probability: number;
  packet: NfPacket;
  /** The rules that matched and acted, in order (jumps included). */
  rules: IptablesRule[];
  end: NfEnd;
  /** The rule that ended the walk (DNAT, DROP, ...). */
  endRule?: IptablesRule;
  /** `-m recent --set` lists this branch updates (applied only if the branch is the one taken). */
  recentSets: string[];
}

const chainCache = new WeakMap<NodeProxyState, Map<string, IptablesRule[]>>();

/** Rules of `table`/`chain` in order. */
export function chainRules(state: NodeProxyState, table: NfTable, chain: string): IptablesRule[] {
  let m = chainCache.get(state);
  if (!m) {
    m = new Map();
    for (const t of ['filter', 'nat'] as const) {
      for (const r of state.iptables[t].rules) {
        const k = `${t}/${r.chain}`;
        const list = m.get(k) ?? [];
        list.push(r);
        m.set(k, list);
      }
    }
    chainCache.set(state, m);
  }
  return m.get(`${table}/${chain}`) ?? [];
}

function addrMatches(cidr: string, ip: string): boolean {
  if (parseIPv4(ip) === undefined) return false;
  return cidr.includes('/') ? ipInCIDR(ip, cidr) : cidr === ip;
}

function parseMark(v: string): { value: number; mask: number } {
  const [value, mask] = v.split('/');
  const n = Number(value);
  return { value: n, mask: mask === undefined ? 0xffffffff : Number(mask) };
}

function ipsetOf(state: NodeProxyState, name: string): IpsetInfo | undefined {
  return state.ipsets?.find((s) => s.name === name);
}

/** Does the rule's match part match the packet (statistic excluded)? */
export function ruleMatches(ctx: NfContext, rule: IptablesRule, pkt: NfPacket): boolean {
  const m = rule.match;
  if (m.source && addrMatches(m.source.cidr, pkt.src) === !!m.source.negate) return false;
  if (m.destination && addrMatches(m.destination.cidr, pkt.dst) === !!m.destination.negate) return false;
  if (m.protocol && m.protocol !== pkt.protocol) return false;
  if (m.dport !== undefined && m.dport !== pkt.dstPort) return false;
  if (m.dstTypeLocal !== undefined && ctx.isLocalAddress(pkt.dst) !== (m.dstTypeLocal === true)) return false;
  if (m.srcTypeLocal !== undefined && ctx.isLocalAddress(pkt.src) !== (m.srcTypeLocal === true)) return false;
  if (m.mark) {
    const { value, mask } = parseMark(m.mark.value);
    const hit = (pkt.mark & mask) >>> 0 === (value & mask) >>> 0;
    if (hit === !!m.mark.negate) return false;
  }
  if (m.ctstate) {
    const states = new Set(['NEW', ...(pkt.dnat ? ['DNAT'] : [])]);
    const hit = m.ctstate.split(',').some((s) => states.has(s));
    if (hit === !!m.ctstateNegate) return false;
  }
  if (m.recent && m.recent.mode === 'rcheck' && !ctx.recentCheck(m.recent.name, pkt.src, m.recent.seconds))
    return false;
  if (m.matchSet) {
    const hit = ipsetMatches(ipsetOf(ctx.state, m.matchSet.name), m.matchSet.flags, pkt);
    if (hit === !!m.matchSet.negate) return false;
  }
  if (m.physdevIsIn !== undefined && pkt.bridged !== (m.physdevIsIn === true)) return false;
  if (m.ipvs) {
    const v = pkt.ipvs;
    if (!v || v.vaddr !== m.ipvs.vaddr || v.vproto !== m.ipvs.vproto || v.vport !== m.ipvs.vport)
      return false;
  }
  return true;
}

const TERMINAL = new Set(['ACCEPT', 'DROP', 'REJECT', 'DNAT', 'MASQUERADE']);
const MAX_DEPTH = 32;

interface Branch {
  probability: number;
  packet: NfPacket;
  rules: IptablesRule[];
  recentSets: string[];
}

function applyTarget(
  ctx: NfContext,
  table: NfTable,
  rule: IptablesRule,
  b: Branch,
  depth: number,
): NfOutcome[] {
  const next: Branch = { ...b, rules: [...b.rules, rule] };
  if (rule.match.recent?.mode === 'set') next.recentSets = [...b.recentSets, rule.match.recent.name];
  const t = rule.target;
  if (t === '') return [{ ...next, end: 'continue' }];
  if (t === 'MARK') {
    const [op, v] = (rule.targetArgs ?? '').split(' ');
    const val = Number(v ?? 0);
    const mark =
      op === '--xor-mark'
        ? (next.packet.mark ^ val) >>> 0
        : op === '--or-mark'
          ? (next.packet.mark | val) >>> 0
          : op === '--set-xmark' || op === '--set-mark'
            ? parseMark(v ?? '0').value
            : next.packet.mark;
    return [{ ...next, packet: { ...next.packet, mark }, end: 'continue' }];
  }
  if (t === 'RETURN') return [{ ...next, end: 'return', endRule: rule }];
  if (t === 'DNAT') {
    const to = /--to-destination (\S+)/.exec(rule.targetArgs ?? '')?.[1] ?? '';
    const i = to.lastIndexOf(':');
    const ip = i === -1 ? to : to.slice(0, i);
    const port = i === -1 ? next.packet.dstPort : Number(to.slice(i + 1));
    return [
      { ...next, packet: { ...next.packet, dst: ip, dstPort: port, dnat: true }, end: 'DNAT', endRule: rule },
    ];
  }
  if (TERMINAL.has(t)) return [{ ...next, end: t as NfEnd, endRule: rule }];
  // A jump to a user chain: its fall-through or RETURN continues here.
  if (depth >= MAX_DEPTH) return [{ ...next, end: 'continue' }];
  return runRules(ctx, table, chainRules(ctx.state, table, t), 0, next, depth + 1).map((o) =>
    o.end === 'continue' || o.end === 'return' ? { ...o, end: 'continue' as const } : o,
  );
}

function runRules(
  ctx: NfContext,
  table: NfTable,
  rules: readonly IptablesRule[],
  start: number,
  branch: Branch,
  depth: number,
): NfOutcome[] {
  let b = branch;
  for (let i = start; i < rules.length; i++) {
    const rule = rules[i]!;
    if (!ruleMatches(ctx, rule, b.packet)) continue;
    const p = rule.match.probability;
    if (p !== undefined && p < 1) {
      const pp = Math.min(Math.max(p, 0), 1);
      const taken = applyTarget(ctx, table, rule, { ...b, probability: b.probability * pp }, depth);
      const takenAll = taken.flatMap((o) =>
        o.end === 'continue' ? runRules(ctx, table, rules, i + 1, o, depth) : [o],
      );
      const notTaken =
        pp < 1
          ? runRules(ctx, table, rules, i + 1, { ...b, probability: b.probability * (1 - pp) }, depth)
          : [];
      return [...takenAll, ...notTaken];
    }
    const res = applyTarget(ctx, table, rule, b, depth);
    if (res.length === 1 && res[0]!.end === 'continue') {
      b = res[0]!;
      continue;
    }
    return res.flatMap((o) => (o.end === 'continue' ? runRules(ctx, table, rules, i + 1, o, depth) : [o]));
  }
  return [{ ...b, end: 'continue' }];
}

/** Walks `table`/`chain` (a built-in chain: falling off its end means the policy, ACCEPT). */
export function runChain(
  ctx: NfContext,
  table: NfTable,
  chain: string,
  packet: NfPacket,
  probability = 1,
): NfOutcome[] {
  return runRules(
    ctx,
    table,
    chainRules(ctx.state, table, chain),
    0,
    { probability, packet, rules: [], recentSets: [] },
    0,
  ).filter((o) => o.probability > 0);
}
