/**
 * A small netfilter: evaluates the structured IptablesRule lists of one node for one packet, following
 * jumps, RETURN, MARK, statistic, recent, set, addrtype, conntrack state, DNAT and MASQUERADE. Rules with
 * `-m statistic` split the walk in two branches, so a chain evaluates to a probability distribution of
 * outcomes (computed analytically, never sampled here). Rules are read, never bypassed: whatever endpoint
 * a trace reaches, these rules sent it there.
 */
import type { IpsetInfo, IptablesRule, NodeProxyState } from '../proxy/types.ts';
import { ipsetMatches } from '../proxy/ipvs/ipset.ts';
import { cidrContains, parseCIDR, parseIPv4, type CIDR } from '../net/ip.ts';

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

const chainCache = new WeakMap<NodeProxyState, Record<NfTable, Map<string, IptablesRule[]>>>();

/** Rules of `table`/`chain` in order. */
export function chainRules(state: NodeProxyState, table: NfTable, chain: string): IptablesRule[] {
  let tables = chainCache.get(state);
  if (!tables) {
    tables = { filter: new Map(), nat: new Map() };
    for (const t of ['filter', 'nat'] as const) {
      const m = tables[t];
      for (const r of state.iptables[t].rules) {
        const list = m.get(r.chain);
        if (list) list.push(r);
        else m.set(r.chain, [r]);
      }
    }
    chainCache.set(state, tables);
  }
  return tables[table].get(chain) ?? [];
}

/** The parts of a rule the walk evaluates, parsed once per rule: a simulation's rules never change. */
interface CompiledRule {
  source?: CompiledAddr;
  destination?: CompiledAddr;
  mark?: { value: number; mask: number };
  ctstates?: readonly string[];
  /** `--to-destination ip[:port]` of a DNAT rule. */
  dnat?: { ip: string; port?: number };
}

/** `-s`/`-d`: an address or a CIDR (undefined when the CIDR does not parse, which matches nothing). */
type CompiledAddr = { ip: string } | { cidr: CIDR | undefined };

const compiled = new WeakMap<IptablesRule, CompiledRule>();

function compile(rule: IptablesRule): CompiledRule {
  let c = compiled.get(rule);
  if (c) return c;
  const m = rule.match;
  c = {};
  if (m.source) c.source = compileAddr(m.source.cidr);
  if (m.destination) c.destination = compileAddr(m.destination.cidr);
  if (m.mark) c.mark = parseMark(m.mark.value);
  if (m.ctstate) c.ctstates = m.ctstate.split(',');
  if (rule.target === 'DNAT') {
    const to = /--to-destination (\S+)/.exec(rule.targetArgs ?? '')?.[1] ?? '';
    const i = to.lastIndexOf(':');
    c.dnat = i === -1 ? { ip: to } : { ip: to.slice(0, i), port: Number(to.slice(i + 1)) };
  }
  compiled.set(rule, c);
  return c;
}

function compileAddr(cidr: string): CompiledAddr {
  return cidr.includes('/') ? { cidr: parseCIDR(cidr) } : { ip: cidr };
}

function addrMatches(addr: CompiledAddr, ip: string): boolean {
  const n = parseIPv4(ip);
  if (n === undefined) return false;
  if ('ip' in addr) return addr.ip === ip;
  return addr.cidr !== undefined && cidrContains(addr.cidr, n);
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
  const c = compile(rule);
  if (m.source && addrMatches(c.source!, pkt.src) === !!m.source.negate) return false;
  if (m.destination && addrMatches(c.destination!, pkt.dst) === !!m.destination.negate) return false;
  if (m.protocol && m.protocol !== pkt.protocol) return false;
  if (m.dport !== undefined && m.dport !== pkt.dstPort) return false;
  if (m.dstTypeLocal !== undefined && ctx.isLocalAddress(pkt.dst) !== (m.dstTypeLocal === true)) return false;
  if (m.srcTypeLocal !== undefined && ctx.isLocalAddress(pkt.src) !== (m.srcTypeLocal === true)) return false;
  if (m.mark) {
    const { value, mask } = c.mark!;
    const hit = (pkt.mark & mask) >>> 0 === (value & mask) >>> 0;
    if (hit === !!m.mark.negate) return false;
  }
  if (m.ctstate) {
    // A new connection is NEW, plus DNAT once translated.
    const hit = c.ctstates!.some((s) => s === 'NEW' || (pkt.dnat && s === 'DNAT'));
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

/** A list that shares its tail: a branch extends its parent's rules without copying them. */
type Trail<T> = { head: T; tail: Trail<T> } | undefined;

function toArray<T>(trail: Trail<T>): T[] {
  const out: T[] = [];
  for (let t = trail; t; t = t.tail) out.push(t.head);
  return out.reverse();
}

/**
 * One branch of the walk, or where it ended. `endRule` stays with a branch that continues after a
 * RETURN, as it did when branches were copied with their outcome.
 */
interface Walk {
  probability: number;
  packet: NfPacket;
  rules: Trail<IptablesRule>;
  recentSets: Trail<string>;
  end: NfEnd;
  endRule: IptablesRule | undefined;
}

function walk(
  probability: number,
  packet: NfPacket,
  rules: Trail<IptablesRule>,
  recentSets: Trail<string>,
  end: NfEnd,
  endRule: IptablesRule | undefined,
): Walk {
  return { probability, packet, rules, recentSets, end, endRule };
}

function applyTarget(ctx: NfContext, table: NfTable, rule: IptablesRule, b: Walk, depth: number): Walk[] {
  const rules = { head: rule, tail: b.rules };
  const recent = rule.match.recent;
  const sets = recent?.mode === 'set' ? { head: recent.name, tail: b.recentSets } : b.recentSets;
  const t = rule.target;
  if (t === 'MARK') {
    const [op, v] = (rule.targetArgs ?? '').split(' ');
    const val = Number(v ?? 0);
    const mark =
      op === '--xor-mark'
        ? (b.packet.mark ^ val) >>> 0
        : op === '--or-mark'
          ? (b.packet.mark | val) >>> 0
          : op === '--set-xmark' || op === '--set-mark'
            ? parseMark(v ?? '0').value
            : b.packet.mark;
    return [walk(b.probability, { ...b.packet, mark }, rules, sets, 'continue', b.endRule)];
  }
  if (t === 'RETURN') return [walk(b.probability, b.packet, rules, sets, 'return', rule)];
  if (t === 'DNAT') {
    const d = compile(rule).dnat!;
    const packet = { ...b.packet, dst: d.ip, dstPort: d.port ?? b.packet.dstPort, dnat: true };
    return [walk(b.probability, packet, rules, sets, 'DNAT', rule)];
  }
  if (TERMINAL.has(t)) return [walk(b.probability, b.packet, rules, sets, t as NfEnd, rule)];
  const next = walk(b.probability, b.packet, rules, sets, 'continue', b.endRule);
  // No target, or a jump too deep: the walk goes on with the next rule.
  if (t === '' || depth >= MAX_DEPTH) return [next];
  // A jump to a user chain: its fall-through or RETURN continues here.
  const out = runRules(ctx, table, chainRules(ctx.state, table, t), 0, next, depth + 1);
  for (let i = 0; i < out.length; i++) {
    const o = out[i]!;
    if (o.end === 'return')
      out[i] = walk(o.probability, o.packet, o.rules, o.recentSets, 'continue', o.endRule);
  }
  return out;
}

/** Each branch that continues goes on with the rules after `i`; the others have ended. */
function continueAfter(
  ctx: NfContext,
  table: NfTable,
  rules: readonly IptablesRule[],
  i: number,
  branches: Walk[],
  depth: number,
): Walk[] {
  const out: Walk[] = [];
  for (const o of branches) {
    if (o.end === 'continue') out.push(...runRules(ctx, table, rules, i + 1, o, depth));
    else out.push(o);
  }
  return out;
}

function runRules(
  ctx: NfContext,
  table: NfTable,
  rules: readonly IptablesRule[],
  start: number,
  branch: Walk,
  depth: number,
): Walk[] {
  let b = branch;
  for (let i = start; i < rules.length; i++) {
    const rule = rules[i]!;
    if (!ruleMatches(ctx, rule, b.packet)) continue;
    const p = rule.match.probability;
    if (p !== undefined && p < 1) {
      // `-m statistic`: the walk splits into the branch that takes the rule and the one that does not.
      const pp = Math.min(Math.max(p, 0), 1);
      const take = walk(b.probability * pp, b.packet, b.rules, b.recentSets, b.end, b.endRule);
      const taken = continueAfter(ctx, table, rules, i, applyTarget(ctx, table, rule, take, depth), depth);
      if (pp < 1) {
        const skip = walk(b.probability * (1 - pp), b.packet, b.rules, b.recentSets, b.end, b.endRule);
        taken.push(...runRules(ctx, table, rules, i + 1, skip, depth));
      }
      return taken;
    }
    const res = applyTarget(ctx, table, rule, b, depth);
    if (res.length === 1 && res[0]!.end === 'continue') {
      b = res[0]!;
      continue;
    }
    return continueAfter(ctx, table, rules, i, res, depth);
  }
  return [walk(b.probability, b.packet, b.rules, b.recentSets, 'continue', b.endRule)];
}

function toOutcome(w: Walk): NfOutcome {
  const o: NfOutcome = {
    probability: w.probability,
    packet: w.packet,
    rules: toArray(w.rules),
    recentSets: toArray(w.recentSets),
    end: w.end,
  };
  if (w.endRule) o.endRule = w.endRule;
  return o;
}

/** Walks `table`/`chain` (a built-in chain: falling off its end means the policy, ACCEPT). */
export function runChain(
  ctx: NfContext,
  table: NfTable,
  chain: string,
  packet: NfPacket,
  probability = 1,
): NfOutcome[] {
  const start: Walk = {
    probability,
    packet,
    rules: undefined,
    recentSets: undefined,
    end: 'continue',
    endRule: undefined,
  };
  return runRules(ctx, table, chainRules(ctx.state, table, chain), 0, start, 0)
    .filter((o) => o.probability > 0)
    .map(toOutcome);
}
