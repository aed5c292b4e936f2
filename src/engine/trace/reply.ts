/** Delivery at the final destination and the reply leg back through conntrack's reverse NAT. */
import { objectId } from '../api/objects.ts';
import { podId } from './cluster-index.ts';
import { fmt, podOn, type Ctx, type LbVia, type PathStep } from './context.ts';
import { reversed } from './hops.ts';
import type { Packet } from './types.ts';

/** Delivery at the final destination plus the reply leg back to the client. */
export function deliverAndReply(
  ctx: Ctx,
  out: Packet,
  path: PathStep[],
  lb: LbVia | undefined,
  asymmetric: boolean,
): { dropped: boolean } {
  const { hops, client, index } = ctx;
  const pod = podOn(index, out.dst);
  const lastNode = path[path.length - 1]?.node;
  const podNode = pod?.spec?.nodeName;
  if (pod && podNode && podNode !== lastNode) {
    hops.add({
      kind: 'node',
      at: objectId('Node', undefined, podNode),
      node: podNode,
      before: out,
      after: out,
      action: 'forward',
      code: 'hop.node.forward',
      params: { node: podNode, dst: out.dst },
      rules: [],
    });
  }
  const at = pod ? podId(pod) : `external/${out.dst}`;
  hops.add({
    kind: pod ? 'pod' : 'external',
    at,
    ...(podNode ? { node: podNode } : {}),
    before: out,
    after: out,
    action: 'deliver',
    code: pod ? 'hop.pod.deliver' : 'hop.endpoint.deliver',
    params: pod ? { pod: at, dst: out.dst, dstPort: out.dstPort } : { dst: out.dst, dstPort: out.dstPort },
    rules: [],
    ...(pod ? { objectId: at } : {}),
  });

  let reply = reversed(out);
  hops.add({
    kind: pod ? 'pod' : 'external',
    at,
    ...(podNode ? { node: podNode } : {}),
    before: reply,
    after: reply,
    action: 'reply',
    code: 'hop.reply.send',
    params: { from: at, dst: reply.dst, dstPort: reply.dstPort },
    rules: [],
    reply: true,
    ...(pod ? { objectId: at } : {}),
  });

  if (asymmetric) {
    // The reply bypasses the node that translated the request (ipvs, externalTrafficPolicy Local without
    // local endpoints): the client sees an answer from an address it never called.
    if (podNode)
      hops.add({
        kind: 'node',
        at: objectId('Node', undefined, podNode),
        node: podNode,
        before: reply,
        after: reply,
        action: 'forward',
        code: 'hop.reply.forward',
        params: { node: podNode },
        rules: [],
        reply: true,
      });
    const expected = path[path.length - 1]?.unnat?.from;
    hops.add({
      kind: 'client',
      at: client.at,
      before: reply,
      after: reply,
      action: 'drop',
      code: 'hop.reply.dropped',
      params: {
        client: client.label,
        src: reply.src,
        srcPort: reply.srcPort,
        expected: expected ? fmt(expected.dst, expected.dstPort) : '',
      },
      rules: [],
      reply: true,
    });
    return { dropped: true };
  }

  if (pod && podNode && podNode !== lastNode) {
    hops.add({
      kind: 'node',
      at: objectId('Node', undefined, podNode),
      node: podNode,
      before: reply,
      after: reply,
      action: 'forward',
      code: 'hop.reply.forward',
      params: { node: podNode },
      rules: [],
      reply: true,
    });
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i]!;
    const nodeAt = objectId('Node', undefined, step.node);
    if (step.unnat) {
      const after = reversed(step.unnat.from);
      hops.add({
        kind: 'node',
        at: nodeAt,
        node: step.node,
        before: reply,
        after,
        action: 'reply',
        code: 'hop.reply.unnat',
        params: { node: step.node, src: after.src, srcPort: after.srcPort },
        rules: [],
        reply: true,
      });
      reply = after;
    } else if (step.node !== client.node || client.kind === 'external') {
      hops.add({
        kind: 'node',
        at: nodeAt,
        node: step.node,
        before: reply,
        after: reply,
        action: 'forward',
        code: 'hop.reply.forward',
        params: { node: step.node },
        rules: [],
        reply: true,
      });
    }
  }
  if (lb) {
    const after = reversed(lb.vip);
    hops.add({
      kind: 'loadbalancer',
      at: lb.at,
      before: reply,
      after,
      action: 'reply',
      code: 'hop.reply.lb',
      params: { lb: lb.at, src: after.src, srcPort: after.srcPort },
      rules: [],
      reply: true,
      objectId: lb.objectId,
    });
    reply = after;
  }
  hops.add({
    kind: 'client',
    at: client.at,
    ...(client.node ? { node: client.node } : {}),
    before: reply,
    after: reply,
    action: 'deliver',
    code: 'hop.reply.deliver',
    params: { client: client.label, src: reply.src, srcPort: reply.srcPort },
    rules: [],
    reply: true,
    ...(client.pod ? { objectId: client.at } : {}),
  });
  return { dropped: false };
}
