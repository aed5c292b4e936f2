/**
 * A connection for the node itself (no DNAT): kube-proxy's health check server on healthCheckNodePort,
 * a hostNetwork pod listening on the port, or nothing (connection refused).
 */
import { LABEL_SERVICE_NAME } from '../proxy/endpoint-info.ts';
import { podId } from './cluster-index.ts';
import type { Ctx, PathStep, Result, Target } from './context.ts';
import { reversed } from './hops.ts';
import type { NfPacket } from './netfilter.ts';
import type { NodeEval } from './node-path.ts';
import type { Packet, RuleRef } from './types.ts';

export function deliverLocally(
  ctx: Ctx,
  name: string,
  nodeAt: string,
  ev: NodeEval,
  pkt: NfPacket,
  before: Packet,
  natRules: RuleRef[],
  path: PathStep[],
  target: Target,
  serviceId: string | undefined,
): Result {
  const { hops, client, index, protocol } = ctx;
  const { dns } = target;
  const clientObj = client.pod ? { objectId: client.at } : {};
  const clientNode = client.node ? { node: client.node } : {};
  // Delivered to the node itself: kube-proxy's health check server, a hostNetwork pod, or nothing.
  const hostPod = index.pods.find(
    (p) =>
      p.spec?.hostNetwork &&
      p.spec.nodeName === name &&
      (p.spec.containers ?? []).some((c) =>
        (c.ports ?? []).some(
          (cp) => (cp.hostPort ?? cp.containerPort) === pkt.dstPort && (cp.protocol ?? 'TCP') === protocol,
        ),
      ),
  );
  const hc = ctx.index.servicePorts.find((s) => s.healthCheckNodePort === pkt.dstPort && protocol === 'TCP');
  path.push({ node: name });
  if (ev.verdict === 'ACCEPT' && hc) {
    const local = (ctx.input.endpointSlices ?? [])
      .filter(
        (s) =>
          s.metadata?.namespace === hc.name.namespace &&
          s.metadata?.labels?.[LABEL_SERVICE_NAME] === hc.name.name,
      )
      .flatMap((s) => s.endpoints ?? [])
      .filter((e) => e.nodeName === name && (e.conditions?.ready ?? true)).length;
    hops.add({
      kind: 'node',
      at: nodeAt,
      node: name,
      before,
      after: before,
      action: 'deliver',
      code: 'hop.node.healthCheck',
      params: { node: name, dstPort: pkt.dstPort, localEndpoints: local },
      rules: natRules,
      objectId: hc.serviceId,
    });
    return {
      node: name,
      verdict: 'ACCEPT',
      masquerade: false,
      candidates: [],
      serviceId: hc.serviceId,
      ...(dns ? { dns } : {}),
    };
  }
  if (hostPod) {
    hops.add({
      kind: 'pod',
      at: podId(hostPod),
      node: name,
      before,
      after: before,
      action: 'deliver',
      code: 'hop.node.hostProcess',
      params: { node: name, pod: podId(hostPod), dstPort: pkt.dstPort },
      rules: natRules,
      objectId: podId(hostPod),
    });
    const reply = reversed(before);
    hops.add({
      kind: 'pod',
      at: podId(hostPod),
      node: name,
      before: reply,
      after: reply,
      action: 'reply',
      code: 'hop.reply.send',
      params: { from: podId(hostPod), dst: reply.dst, dstPort: reply.dstPort },
      rules: [],
      reply: true,
      objectId: podId(hostPod),
    });
    hops.add({
      kind: 'client',
      at: client.at,
      ...clientNode,
      before: reply,
      after: reply,
      action: 'deliver',
      code: 'hop.reply.deliver',
      params: { client: client.label, src: reply.src, srcPort: reply.srcPort },
      rules: [],
      reply: true,
      ...clientObj,
    });
    return {
      node: name,
      verdict: ev.verdict === 'ACCEPT' ? 'ACCEPT' : 'NONE',
      masquerade: false,
      candidates: [],
      ...(dns ? { dns } : {}),
    };
  }
  hops.add({
    kind: 'node',
    at: nodeAt,
    node: name,
    before,
    after: before,
    action: 'reject',
    code: 'hop.node.closedPort',
    params: { node: name, dstPort: pkt.dstPort },
    rules: natRules,
  });
  return {
    node: name,
    verdict: 'NONE',
    masquerade: false,
    candidates: [],
    ...(serviceId ? { serviceId } : {}),
    ...(dns ? { dns } : {}),
  };
}
