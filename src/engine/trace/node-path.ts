/**
 * One node's kernel path for a new connection: nat PREROUTING (packets arriving from a pod or the
 * network) or nat OUTPUT (a host process), the routing decision, filter INPUT/FORWARD/OUTPUT, IPVS in
 * ipvs mode, and nat POSTROUTING (masquerade). The nat walk gives a distribution of outcomes; one is
 * sampled with the Rng, and its `recent --set` side effects are written to the runtime.
 */
import type { IptablesRule, IpvsRealServer, IpvsVirtualServer, NodeProxyState } from '../proxy/types.ts';
import { ipvsBoundAddresses } from '../proxy/ipvs/proxier.ts';
import { nodeAddresses } from '../proxy/node-ips.ts';
import type { Node } from '../api/objects.ts';
import type { Rng } from '../sim/rng.ts';
import { cidrContains, parseCIDR, parseIPv4 } from '../net/ip.ts';
import { runChain, type NfContext, type NfOutcome, type NfPacket } from './netfilter.ts';
import { scheduleIpvs, type IpvsSchedule } from './ipvs-scheduler.ts';
import { recentCheck, recentSet } from './runtime.ts';
import type { ProxyRuntime } from './types.ts';

export type Hook = 'PREROUTING' | 'OUTPUT';

export interface NodeEval {
  node: string;
  hook: Hook;
  /** Every outcome of the nat walk (the candidates come from these). */
  natOutcomes: NfOutcome[];
  /** The sampled nat outcome. */
  nat: NfOutcome;
  filterChain: 'INPUT' | 'FORWARD' | 'OUTPUT';
  filter: NfOutcome;
  ipvs?: { vs: IpvsVirtualServer; schedule: IpvsSchedule };
  post?: NfOutcome;
  /** Packet after nat (and IPVS), before POSTROUTING. */
  afterNat: NfPacket;
  /** Packet as it leaves the node (after masquerade). */
  out: NfPacket;
  verdict: 'DNAT' | 'ACCEPT' | 'DROP' | 'REJECT' | 'NONE';
  /** The rule that dropped or rejected it. */
  verdictRule?: IptablesRule;
  /** The destination is an address of this node (delivered to the host, not forwarded). */
  local: boolean;
  masquerade: boolean;
  /** IPVS found the virtual server but it has no real servers. */
  ipvsEmpty?: boolean;
}

const LOOPBACK = parseCIDR('127.0.0.0/8')!;

export function isLoopback(ip: string): boolean {
  const n = parseIPv4(ip);
  return n !== undefined && cidrContains(LOOPBACK, n);
}

/** The LOCAL addresses of a node: its addresses, loopback, and in ipvs mode the kube-ipvs0 addresses. */
export function localAddressPredicate(
  node: Node | undefined,
  state: NodeProxyState,
): (ip: string) => boolean {
  const local = localAddresses(node, state);
  return (ip) => local.has(ip) || isLoopback(ip);
}

/** The node's LOCAL addresses, computed once per node and proxy state (both are read-only results). */
const localCache = new WeakMap<NodeProxyState, Map<Node | undefined, ReadonlySet<string>>>();

function localAddresses(node: Node | undefined, state: NodeProxyState): ReadonlySet<string> {
  let byNode = localCache.get(state);
  if (!byNode) localCache.set(state, (byNode = new Map()));
  let local = byNode.get(node);
  if (!local) {
    local = new Set([
      ...nodeAddresses(node),
      ...(state.mode === 'ipvs' ? ipvsBoundAddresses(state.ipsets) : []),
    ]);
    byNode.set(node, local);
  }
  return local;
}

function sample<T extends { probability: number }>(list: readonly T[], rng: Rng): T {
  if (list.length === 1) return list[0]!;
  const total = list.reduce((s, o) => s + o.probability, 0);
  let r = rng.next() * total;
  for (const o of list) {
    r -= o.probability;
    if (r < 0) return o;
  }
  return list[list.length - 1]!;
}

function findVirtualServer(state: NodeProxyState, pkt: NfPacket): IpvsVirtualServer | undefined {
  return state.ipvs.find(
    (v) => v.ip === pkt.dst && v.port === pkt.dstPort && v.protocol.toLowerCase() === pkt.protocol,
  );
}

const single = (o: NfOutcome[], fallback: NfPacket): NfOutcome =>
  o[0] ?? { probability: 1, packet: fallback, rules: [], end: 'continue', recentSets: [] };

/** Evaluates the node's rules for `packet` entering at `hook`; samples and commits side effects. */
export function evaluateNode(
  node: Node | undefined,
  state: NodeProxyState,
  hook: Hook,
  packet: NfPacket,
  now: number,
  rt: ProxyRuntime,
  rng: Rng,
): NodeEval {
  const name = state.node;
  const isLocalAddress = localAddressPredicate(node, state);
  const ctx: NfContext = {
    state,
    isLocalAddress,
    recentCheck: (list, src, seconds) => recentCheck(rt, name, list, src, seconds, now),
  };
  const natOutcomes = runChain(ctx, 'nat', hook, packet);
  const nat = sample(natOutcomes.length > 0 ? natOutcomes : [single([], packet)], rng);
  for (const list of nat.recentSets) recentSet(rt, name, list, packet.src, now);

  let afterNat: NfPacket = nat.packet;
  let ipvs: NodeEval['ipvs'];
  let ipvsEmpty = false;
  const runIpvs = () => {
    if (state.mode !== 'ipvs') return;
    const vs = findVirtualServer(state, afterNat);
    if (!vs) return;
    const schedule = scheduleIpvs(vs, name, afterNat.src, afterNat.dst, now, rt);
    ipvs = { vs, schedule };
    if (!schedule.chosen) {
      ipvsEmpty = true;
      return;
    }
    const rs: IpvsRealServer = schedule.chosen;
    afterNat = {
      ...afterNat,
      dst: rs.ip,
      dstPort: rs.port,
      dnat: true,
      ipvs: { vaddr: vs.ip, vproto: vs.protocol.toLowerCase(), vport: vs.port },
    };
  };

  const local = isLocalAddress(nat.packet.dst);
  let filterChain: NodeEval['filterChain'];
  let filter: NfOutcome;
  if (hook === 'OUTPUT') {
    runIpvs(); // IPVS LOCAL_OUT runs before filter OUTPUT
    filterChain = 'OUTPUT';
    filter = single(runChain(ctx, 'filter', 'OUTPUT', afterNat), afterNat);
  } else {
    filterChain = local ? 'INPUT' : 'FORWARD';
    filter = single(runChain(ctx, 'filter', filterChain, afterNat), afterNat);
    if (local && filter.end !== 'DROP' && filter.end !== 'REJECT') runIpvs(); // IPVS LOCAL_IN runs after filter INPUT
  }

  // One object shape for every outcome (spreading a shared base per request was the costliest line here).
  const result = (
    out: NfPacket,
    verdict: NodeEval['verdict'],
    masquerade: boolean,
    extra: Pick<NodeEval, 'post' | 'verdictRule' | 'ipvsEmpty'> = {},
  ): NodeEval => ({
    node: name,
    hook,
    natOutcomes,
    nat,
    filterChain,
    filter,
    afterNat,
    local,
    ipvs,
    out,
    verdict,
    masquerade,
    post: extra.post,
    verdictRule: extra.verdictRule,
    ipvsEmpty: extra.ipvsEmpty,
  });
  if (filter.end === 'DROP' || filter.end === 'REJECT') {
    return result(afterNat, filter.end, false, { verdictRule: filter.endRule! });
  }
  if (ipvsEmpty) return result(afterNat, 'REJECT', false, { ipvsEmpty: true });
  const dnat = nat.end === 'DNAT' || ipvs?.schedule.chosen !== undefined;
  // Delivered to this host without address translation: no POSTROUTING masquerade to show.
  if (!dnat && local) return result(afterNat, filter.end === 'ACCEPT' ? 'ACCEPT' : 'NONE', false);
  const postOutcomes = runChain(ctx, 'nat', 'POSTROUTING', afterNat);
  const post = single(postOutcomes, afterNat);
  const masquerade = post.end === 'MASQUERADE';
  const out = masquerade ? { ...post.packet, src: nodeAddresses(node)[0] ?? post.packet.src } : post.packet;
  return result(out, dnat ? 'DNAT' : 'NONE', masquerade, { post });
}
