/**
 * Read-only views of a SimulationResult shared by the store and the canvas mapper: which objects a learner
 * sees, and the addresses written on them. Reading fields only; every decision was made by the engine.
 */
import type { Node, Pod, Service, SimulationResult } from '../engine/index.ts';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export interface ViewOptions {
  /** Show kube-system objects and the built-in `kubernetes` Service (hidden by default). */
  showSystem?: boolean;
}

export function isSystemObject(namespace: string | undefined, kind: string, name: string): boolean {
  if (SYSTEM_NAMESPACES.has(namespace ?? 'default')) return true;
  return kind === 'Service' && name === 'kubernetes' && (namespace ?? 'default') === 'default';
}

export const serviceId = (s: Service) =>
  `service/${s.metadata?.namespace ?? 'default'}/${s.metadata?.name ?? ''}`;
export const podId = (p: Pod) => `pod/${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`;
export const nodeId = (n: Node) => `node/${n.metadata?.name ?? ''}`;

export function visibleServices(result: SimulationResult, opts: ViewOptions = {}): Service[] {
  return result.cluster.services.filter(
    (s) => opts.showSystem || !isSystemObject(s.metadata?.namespace, 'Service', s.metadata?.name ?? ''),
  );
}

export function visiblePods(result: SimulationResult, opts: ViewOptions = {}): Pod[] {
  return result.cluster.pods.filter(
    (p) => opts.showSystem || !isSystemObject(p.metadata?.namespace, 'Pod', p.metadata?.name ?? ''),
  );
}

export function nodeInternalIP(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

export function serviceType(s: Service): string {
  return s.spec?.type ?? 'ClusterIP';
}

export function isHeadless(s: Service): boolean {
  return s.spec?.clusterIP === 'None';
}

/** LoadBalancer addresses: status ingress IPs/hostnames, then spec.externalIPs. */
export function externalAddresses(s: Service): string[] {
  const ingress = (s.status?.loadBalancer?.ingress ?? [])
    .map((i) => i.ip ?? i.hostname ?? '')
    .filter(Boolean);
  return [...new Set([...ingress, ...(s.spec?.externalIPs ?? [])])];
}

export function podIsReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Pods that no Service's Endpoints point at: the natural in-cluster clients (e.g. `nginx01`). */
export function podsNotBehindAService(result: SimulationResult, opts: ViewOptions = {}): Pod[] {
  const behind = new Set<string>();
  for (const slice of result.cluster.endpointSlices) {
    for (const ep of slice.endpoints ?? []) {
      const ref = ep.targetRef;
      if (ref?.kind === 'Pod' && ref.name)
        behind.add(`pod/${ref.namespace ?? slice.metadata?.namespace}/${ref.name}`);
    }
  }
  for (const eps of result.cluster.endpoints) {
    for (const subset of eps.subsets ?? []) {
      for (const a of [...(subset.addresses ?? []), ...(subset.notReadyAddresses ?? [])]) {
        const ref = a.targetRef;
        if (ref?.kind === 'Pod' && ref.name)
          behind.add(`pod/${ref.namespace ?? eps.metadata?.namespace}/${ref.name}`);
      }
    }
  }
  return visiblePods(result, opts).filter((p) => !behind.has(podId(p)));
}
