/**
 * Where the packet first meets a node's kernel: the client's own node, the node an external client
 * addressed, or — through a cloud load balancer or the network's route to the cluster — a chosen node.
 */
import { objectId } from '../api/objects.ts';
import { primaryNodeIP } from '../proxy/node-ips.ts';
import { ipInCIDR } from '../net/ip.ts';
import { nodeName as nameOf, serviceOwningVip, servicePortsAt } from './cluster-index.ts';
import {
  loadBalancerNodes,
  noDecision,
  pickNode,
  serviceIdOf,
  type Ctx,
  type LbVia,
  type Result,
  type Target,
} from './context.ts';
import type { NfPacket } from './netfilter.ts';
import type { Hook } from './node-path.ts';
import type { Hop, Packet } from './types.ts';

export interface Entry {
  nodeName: string;
  pkt: NfPacket;
  hook: Hook;
  lb?: LbVia;
  serviceId?: string;
}

export function enterCluster(ctx: Ctx, target: Target): { done: Result } | Entry {
  const { hops, client, index, req, input, protocol } = ctx;
  const { first } = target;
  const { dst, dstPort, srcPort } = first;
  let serviceId = target.serviceId;
  const none = (node: string, extra: Partial<Result> = {}) => ({ done: noDecision(node, extra) });
  let pkt: NfPacket = {
    src: client.src,
    srcPort,
    dst,
    dstPort,
    protocol: protocol.toLowerCase(),
    mark: 0,
    dnat: false,
    bridged: client.bridged,
  };
  const hook: Hook = client.hook;
  let nodeName = client.node;
  let lb: { at: string; vip: Packet; objectId: string } | undefined;
  if (client.kind === 'external') {
    const owner = index.nodeByIP.get(dst);
    const vip = serviceOwningVip(index, dst);
    if (owner) {
      nodeName = nameOf(owner);
    } else if (vip?.kind === 'loadBalancer') {
      const lbAt = `lb/${vip.svc.metadata?.namespace ?? 'default'}/${vip.svc.metadata?.name ?? ''}`;
      const lbObj = serviceIdOf(vip.svc.metadata?.namespace, vip.svc.metadata?.name);
      serviceId ??= lbObj;
      // The load balancer itself refuses the packet: one drop hop at the LB, and the trace ends there.
      const lbDrop = (code: string, params: Hop['params'], extra: { serviceId?: string }) => {
        hops.add({
          kind: 'loadbalancer',
          at: lbAt,
          before: first,
          after: first,
          action: 'drop',
          code,
          params,
          rules: [],
          objectId: lbObj,
        });
        return { done: { node: '', verdict: 'DROP' as const, masquerade: false, candidates: [], ...extra } };
      };
      const svcPort = servicePortsAt(index, 'loadBalancer', dst, dstPort, protocol)[0];
      if (!svcPort) {
        return lbDrop('hop.lb.noPort', { lb: lbAt, dstPort }, serviceId ? { serviceId } : {});
      }
      const ranges = svcPort.loadBalancerSourceRanges;
      if (ranges.length > 0 && !ranges.some((r) => ipInCIDR(client.src, r))) {
        return lbDrop(
          'hop.lb.sourceRangeDenied',
          { lb: lbAt, src: client.src, ranges: ranges.join(', ') },
          { serviceId: svcPort.serviceId },
        );
      }
      const { nodes, healthy } = loadBalancerNodes(ctx, svcPort);
      const target = pickNode(ctx, nodes);
      if (!target) {
        return lbDrop('hop.lb.noNodes', { lb: lbAt }, { serviceId: svcPort.serviceId });
      }
      nodeName = nameOf(target);
      const nodeIP = primaryNodeIP(target)!;
      const after: Packet =
        svcPort.nodePort !== 0 ? { ...first, dst: nodeIP, dstPort: svcPort.nodePort } : first;
      hops.add({
        kind: 'loadbalancer',
        at: lbAt,
        node: nodeName,
        before: first,
        after,
        action: 'route',
        code: svcPort.nodePort !== 0 ? 'hop.lb.forward' : 'hop.lb.forwardVip',
        params: {
          lb: lbAt,
          node: nodeName,
          dst: after.dst,
          dstPort: after.dstPort,
          healthyNodes: healthy,
          nodes: ctx.index.nodes.length,
        },
        rules: [],
        objectId: lbObj,
      });
      lb = { at: lbAt, vip: first, objectId: lbObj };
      pkt = { ...pkt, dst: after.dst, dstPort: after.dstPort };
    } else if (
      vip?.kind === 'externalIP' ||
      vip?.kind === 'clusterIP' ||
      ipInCIDR(dst, input.config.serviceSubnet) ||
      (req.node !== undefined && index.podByIP.has(dst))
    ) {
      // Routed to the cluster by the network (an externalIP, or a static route for the Service range):
      // it arrives at the node the request names, by default the first node.
      const target = index.nodes.find((n) => nameOf(n) === req.node) ?? index.nodes[0];
      if (target) {
        nodeName = nameOf(target);
        hops.add({
          kind: 'node',
          at: objectId('Node', undefined, nodeName),
          node: nodeName,
          before: first,
          after: first,
          action: 'route',
          code: 'hop.node.route',
          params: { node: nodeName, dst },
          rules: [],
        });
      }
    }
    if (nodeName === undefined) {
      hops.add({
        kind: 'client',
        at: client.at,
        before: first,
        after: first,
        action: 'drop',
        code: 'hop.external.unroutable',
        params: { dst },
        rules: [],
      });
      return none('', { ...(serviceId ? { serviceId } : {}) });
    }
  }
  if (nodeName === undefined) return none(client.node ?? '');
  return { nodeName, pkt, hook, ...(lb ? { lb } : {}), ...(serviceId ? { serviceId } : {}) };
}
