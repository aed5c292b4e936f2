/** Lookups the tracer needs: who owns an IP (node, pod, Service VIP) and which Service port a VIP:port is. */
import type { Node, Pod, Service } from '../api/objects.ts';
import { objectId } from '../api/objects.ts';
import { nodeAddresses } from '../proxy/node-ips.ts';
import { buildServicePortMap, type ServicePortInfo } from '../proxy/service-port.ts';
import { parseIPv4 } from '../net/ip.ts';

export interface ClusterIndex {
  services: Service[];
  servicePorts: ServicePortInfo[];
  nodes: Node[];
  pods: Pod[];
  nodeByIP: Map<string, Node>;
  podByIP: Map<string, Pod>;
}

export function buildClusterIndex(
  services: readonly Service[],
  nodes: readonly Node[],
  pods: readonly Pod[],
): ClusterIndex {
  const nodeByIP = new Map<string, Node>();
  for (const n of nodes) for (const ip of nodeAddresses(n)) if (!nodeByIP.has(ip)) nodeByIP.set(ip, n);
  const podByIP = new Map<string, Pod>();
  for (const p of pods) {
    const ip = p.status?.podIP;
    if (ip && !p.spec?.hostNetwork && !podByIP.has(ip)) podByIP.set(ip, p);
  }
  return {
    services: [...services],
    servicePorts: buildServicePortMap(services),
    nodes: [...nodes],
    pods: [...pods],
    nodeByIP,
    podByIP,
  };
}

/** Indexes already built, by the exact arrays they index (a SimulationResult's lists never change). */
const indexCache = new WeakMap<
  readonly Service[],
  WeakMap<readonly Node[], WeakMap<readonly Pod[], ClusterIndex>>
>();

/**
 * buildClusterIndex, built once per set of lists: a session traces many requests through one simulation
 * result. Callers must treat the index (and the lists) as read-only.
 */
export function clusterIndexFor(
  services: readonly Service[],
  nodes: readonly Node[],
  pods: readonly Pod[],
): ClusterIndex {
  let byNodes = indexCache.get(services);
  if (!byNodes) indexCache.set(services, (byNodes = new WeakMap()));
  let byPods = byNodes.get(nodes);
  if (!byPods) byNodes.set(nodes, (byPods = new WeakMap()));
  let index = byPods.get(pods);
  if (!index) byPods.set(pods, (index = buildClusterIndex(services, nodes, pods)));
  return index;
}

export const nodeName = (n: Node | undefined) => n?.metadata?.name ?? '';
export const podId = (p: Pod) => objectId('Pod', p.metadata?.namespace ?? 'default', p.metadata?.name ?? '');

export type VipKind = 'clusterIP' | 'loadBalancer' | 'externalIP' | 'nodePort';

/** Service ports whose VIP of the given kind is ip:port/protocol. */
export function servicePortsAt(
  index: ClusterIndex,
  kind: VipKind,
  ip: string,
  port: number,
  protocol: string,
): ServicePortInfo[] {
  return index.servicePorts.filter((s) => {
    if (s.protocol !== protocol) return false;
    switch (kind) {
      case 'clusterIP':
        return s.clusterIP === ip && s.port === port;
      case 'loadBalancer':
        return s.loadBalancerVIPs.includes(ip) && s.port === port;
      case 'externalIP':
        return s.externalIPs.includes(ip) && s.port === port;
      case 'nodePort':
        return s.nodePort === port && index.nodeByIP.has(ip);
    }
    return false;
  });
}

/** Any Service (proxied or not) that has `ip` as ClusterIP / LB IP / externalIP. */
export function serviceOwningVip(
  index: ClusterIndex,
  ip: string,
): { svc: Service; kind: VipKind } | undefined {
  for (const svc of index.services) {
    if (svc.spec?.clusterIP === ip || svc.spec?.clusterIPs?.includes(ip)) return { svc, kind: 'clusterIP' };
    if (svc.status?.loadBalancer?.ingress?.some((i) => i.ip === ip)) return { svc, kind: 'loadBalancer' };
    if (svc.spec?.externalIPs?.includes(ip)) return { svc, kind: 'externalIP' };
  }
  return undefined;
}

export function findService(index: ClusterIndex, namespace: string, name: string): Service | undefined {
  return index.services.find(
    (s) => (s.metadata?.namespace ?? 'default') === namespace && s.metadata?.name === name,
  );
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== undefined;
}
