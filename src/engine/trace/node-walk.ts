/**
 * The nodes a request crosses: each evaluates it with its own rules (node-path.ts) until one translates,
 * drops or delivers it, or routes it on to the node that owns the destination.
 */
import { objectId } from '../api/objects.ts';
import { ipInCIDR } from '../net/ip.ts';
import { nodeName as nameOf, serviceOwningVip, servicePortsAt } from './cluster-index.ts';
import {
  candidateFor,
  emptyState,
  fmt,
  noDecision,
  podOn,
  serviceIdOf,
  type Ctx,
  type PathStep,
  type Result,
  type Target,
} from './context.ts';
import { ipvsRuleRefs, ruleRef, toPacket } from './hops.ts';
import type { Entry } from './ingress.ts';
import type { NfPacket } from './netfilter.ts';
import { evaluateNode, type NodeEval } from './node-path.ts';
import { deliverAndReply } from './reply.ts';
import { deliverLocally } from './local-delivery.ts';
import type { RuleRef, TraceCandidate } from './types.ts';

/** Service a DNAT decision belongs to: the rule objects, else the VIP. */
export function serviceOfEval(ctx: Ctx, ev: NodeEval, before: NfPacket): string | undefined {
  if (ev.ipvs) return ev.ipvs.vs.serviceId;
  const r = ev.nat.rules.find((x) => x.objectId?.startsWith('service/'));
  if (r?.objectId) return r.objectId;
  for (const kind of ['clusterIP', 'loadBalancer', 'externalIP', 'nodePort'] as const) {
    const s = servicePortsAt(ctx.index, kind, before.dst, before.dstPort, ctx.protocol)[0];
    if (s) return s.serviceId;
  }
  return undefined;
}

export function candidatesOf(ctx: Ctx, ev: NodeEval): TraceCandidate[] {
  if (ev.ipvs) {
    const vsKey = `${ev.ipvs.vs.protocol} ${ev.ipvs.vs.ip}:${ev.ipvs.vs.port}`;
    return ev.ipvs.schedule.candidates.map((c) =>
      candidateFor(ctx.index, c.rs.ip, c.rs.port, c.probability, `${vsKey} -> ${c.rs.ip}:${c.rs.port}`),
    );
  }
  const byDst = new Map<string, TraceCandidate>();
  for (const o of ev.natOutcomes) {
    if (o.end !== 'DNAT') continue;
    const k = fmt(o.packet.dst, o.packet.dstPort);
    const existing = byDst.get(k);
    if (existing) existing.probability += o.probability;
    else
      byDst.set(k, candidateFor(ctx.index, o.packet.dst, o.packet.dstPort, o.probability, o.endRule?.chain));
  }
  return [...byDst.values()];
}

export function walkNodes(ctx: Ctx, target: Target, entry: Entry): Result {
  const { hops, client, index, input, rng, protocol } = ctx;
  const { dns, headless, headlessChosen } = target;
  const serviceId = entry.serviceId ?? target.serviceId;
  const { lb } = entry;
  let { pkt, hook } = entry;
  let nodeName: string | undefined = entry.nodeName;
  const path: PathStep[] = [];
  for (let visit = 0; visit < 4 && nodeName !== undefined; visit++) {
    const name: string = nodeName;
    const node = index.nodes.find((n) => nameOf(n) === name);
    const state = input.proxy[name] ?? emptyState(name);
    const before = toPacket(pkt, protocol);
    const ev = evaluateNode(node, state, hook, pkt, ctx.now, ctx.rt, rng);
    const nodeAt = objectId('Node', undefined, name);
    // In the order the kernel applies them: IPVS hooks LOCAL_OUT before filter OUTPUT, LOCAL_IN after filter INPUT.
    const ipvsRefs = ev.ipvs ? ipvsRuleRefs(state, ev.ipvs.vs, ev.ipvs.schedule.chosen) : [];
    const filterRefs = ev.filter.rules.map((r) => ruleRef(name, r));
    const natRules: RuleRef[] = [
      ...ev.nat.rules.map((r) => ruleRef(name, r)),
      ...(hook === 'OUTPUT' ? [...ipvsRefs, ...filterRefs] : [...filterRefs, ...ipvsRefs]),
    ];
    const afterNat = toPacket(ev.afterNat, protocol);

    if (ev.verdict === 'DROP' || ev.verdict === 'REJECT') {
      const comment =
        ev.verdictRule?.match.comment ??
        (ev.ipvs ? `${ev.ipvs.vs.protocol} ${ev.ipvs.vs.ip}:${ev.ipvs.vs.port}` : '');
      const code = ev.ipvsEmpty
        ? 'hop.node.ipvsNoRealServers'
        : ev.verdict === 'DROP'
          ? 'hop.node.drop'
          : 'hop.node.reject';
      const svc = serviceOfEval(ctx, ev, pkt) ?? ev.verdictRule?.objectId;
      hops.add({
        kind: 'node',
        at: nodeAt,
        node: name,
        before,
        after: afterNat,
        action: ev.verdict === 'DROP' ? 'drop' : 'reject',
        code,
        params: { node: name, comment, vs: comment },
        rules: natRules,
        ...(svc ? { objectId: svc } : {}),
      });
      return {
        node: name,
        verdict: ev.verdict,
        masquerade: false,
        candidates: [],
        ...((svc ?? serviceId) ? { serviceId: (svc ?? serviceId)! } : {}),
        ...(dns ? { dns } : {}),
      };
    }

    if (ev.verdict === 'DNAT') {
      const candidates = candidatesOf(ctx, ev);
      const chosen = candidates.find((c) => c.ip === ev.afterNat.dst && c.port === ev.afterNat.dstPort);
      const svc = serviceOfEval(ctx, ev, pkt) ?? serviceId;
      const from = fmt(pkt.dst, pkt.dstPort);
      hops.add({
        kind: 'node',
        at: nodeAt,
        node: name,
        before,
        after: afterNat,
        action: 'dnat',
        code: ev.ipvs ? 'hop.node.ipvs' : 'hop.node.dnat',
        params: ev.ipvs
          ? {
              node: name,
              vs: `${ev.ipvs.vs.protocol} ${fmt(ev.ipvs.vs.ip, ev.ipvs.vs.port)}`,
              scheduler: ev.ipvs.vs.scheduler,
              from,
              dst: afterNat.dst,
              dstPort: afterNat.dstPort,
            }
          : { node: name, from, dst: afterNat.dst, dstPort: afterNat.dstPort },
        rules: natRules,
        ...(svc ? { objectId: svc } : {}),
      });
      const affinityRule = ev.nat.rules.find((r) => r.match.recent?.mode === 'rcheck');
      const sticky = affinityRule !== undefined || ev.ipvs?.schedule.persistent === true;
      const svcRules = ev.ipvs
        ? ipvsRuleRefs(state, ev.ipvs.vs, ev.ipvs.schedule.chosen)
        : ev.nat.rules.filter((r) => /^KUBE-(SVC|SVL|SEP)-/.test(r.chain)).map((r) => ruleRef(name, r));
      if (svc) {
        const seconds = affinityRule?.match.recent?.seconds ?? ev.ipvs?.vs.persistentTimeout ?? 0;
        hops.add({
          kind: 'service',
          at: svc,
          node: name,
          before,
          after: afterNat,
          action: 'match',
          code: sticky ? 'hop.service.affinity' : 'hop.service.select',
          params: sticky
            ? { service: svc, client: pkt.src, endpoint: fmt(afterNat.dst, afterNat.dstPort), seconds }
            : {
                service: svc,
                endpoint: fmt(afterNat.dst, afterNat.dstPort),
                probability: chosen?.probability ?? 1,
              },
          rules: svcRules,
          objectId: svc,
        });
      }
      const out = toPacket(ev.out, protocol);
      if (ev.masquerade) {
        hops.add({
          kind: 'node',
          at: nodeAt,
          node: name,
          before: afterNat,
          after: out,
          action: 'masquerade',
          code: 'hop.node.masquerade',
          params: { node: name, from: afterNat.src, src: out.src },
          rules: (ev.post?.rules ?? []).map((r) => ruleRef(name, r)),
        });
      }
      path.push({ node: name, unnat: { from: before } });
      const podNode = podOn(index, out.dst)?.spec?.nodeName;
      const asymmetric =
        client.kind === 'external' && !ev.masquerade && podNode !== undefined && podNode !== name;
      const { dropped } = deliverAndReply(ctx, out, path, lb, asymmetric);
      return {
        node: name,
        verdict: dropped ? 'DROP' : 'DNAT',
        masquerade: ev.masquerade,
        candidates,
        ...(chosen ? { chosen } : {}),
        ...(svc ? { serviceId: svc } : {}),
        ...(dns ? { dns } : {}),
      };
    }

    if (ev.local)
      return deliverLocally(ctx, name, nodeAt, ev, pkt, before, natRules, path, target, serviceId);

    // Not translated and not for this node: routed on.
    path.push({ node: name });
    const out = toPacket(ev.out, protocol);
    const owner = index.nodeByIP.get(ev.out.dst);
    if (owner && nameOf(owner) !== name) {
      const next = nameOf(owner);
      hops.add({
        kind: 'node',
        at: objectId('Node', undefined, next),
        node: next,
        before: out,
        after: out,
        action: 'route',
        code: 'hop.node.route',
        params: { node: next, dst: out.dst },
        rules: [],
      });
      nodeName = next;
      hook = 'PREROUTING';
      pkt = { ...ev.out, mark: 0, bridged: false };
      continue;
    }
    const pod = podOn(index, out.dst);
    if (pod) {
      const candidates = headless ?? [candidateFor(index, out.dst, out.dstPort, 1)];
      const chosen = headlessChosen ?? candidates[0];
      deliverAndReply(ctx, out, path, lb, false);
      return {
        node: name,
        verdict: 'NONE',
        masquerade: false,
        candidates,
        ...(chosen ? { chosen } : {}),
        ...(serviceId ? { serviceId } : {}),
        ...(dns ? { dns } : {}),
      };
    }
    const vip = serviceOwningVip(index, out.dst);
    if (
      vip ||
      ipInCIDR(out.dst, input.config.serviceSubnet) ||
      ipInCIDR(out.dst, input.config.podSubnet) ||
      client.kind === 'external'
    ) {
      const svc = vip ? serviceIdOf(vip.svc.metadata?.namespace, vip.svc.metadata?.name) : serviceId;
      hops.add({
        kind: 'node',
        at: nodeAt,
        node: name,
        before,
        after: out,
        action: 'drop',
        code: 'hop.node.timeout',
        params: { node: name, dst: out.dst, dstPort: out.dstPort },
        rules: natRules,
        ...(svc ? { objectId: svc } : {}),
      });
      return {
        node: name,
        verdict: 'NONE',
        masquerade: false,
        candidates: [],
        ...(svc ? { serviceId: svc } : {}),
        ...(dns ? { dns } : {}),
      };
    }
    hops.add({
      kind: 'external',
      at: `external/${out.dst}`,
      before: out,
      after: out,
      action: 'leave',
      code: 'hop.external.leave',
      params: { host: out.dst, dstPort: out.dstPort },
      rules: [],
    });
    return { node: name, verdict: 'NONE', masquerade: false, candidates: [], ...(dns ? { dns } : {}) };
  }
  return noDecision(nodeName ?? '', { ...(dns ? { dns } : {}) });
}
