/**
 * Turns the engine's objects into what the cards show. Reads fields only: which pods back a Service is
 * whatever the EndpointSlice (or Endpoints) controller wrote.
 */
import type { Service, SimulationResult } from '../../engine/index.ts';
import {
  externalAddresses,
  isHeadless,
  nodeInternalIP,
  podId,
  podIsReady,
  serviceId,
  serviceType,
  visiblePods,
  visibleServices,
  type ViewOptions,
} from '../../store/cluster-view.ts';
import type { ExternalData, LoadBalancerData, NodeData, PodData, ServiceData } from './flow-types.ts';

export interface BackendRef {
  /** `pod/ns/name` or `external/<ip>`. */
  id: string;
  ip: string;
  ports: number[];
  ready: boolean;
}

/** Endpoints of a Service, from its EndpointSlices, falling back to the Endpoints object. */
export function serviceBackends(result: SimulationResult, svc: Service): BackendRef[] {
  const ns = svc.metadata?.namespace ?? 'default';
  const name = svc.metadata?.name ?? '';
  const out = new Map<string, BackendRef>();
  const add = (
    ref: { kind?: string; name?: string; namespace?: string } | undefined,
    ip: string,
    ports: number[],
    ready: boolean,
  ) => {
    const id = ref?.kind === 'Pod' && ref.name ? `pod/${ref.namespace ?? ns}/${ref.name}` : `external/${ip}`;
    const prev = out.get(id);
    out.set(id, {
      id,
      ip,
      ports: [...new Set([...(prev?.ports ?? []), ...ports])].sort((a, b) => a - b),
      ready,
    });
  };
  for (const slice of result.cluster.endpointSlices) {
    if (slice.metadata?.namespace !== ns || slice.metadata?.labels?.['kubernetes.io/service-name'] !== name)
      continue;
    const ports = (slice.ports ?? []).map((p) => p.port ?? 0).filter((p) => p > 0);
    for (const ep of slice.endpoints ?? []) {
      add(ep.targetRef, ep.addresses[0] ?? '', ports, ep.conditions?.ready !== false);
    }
  }
  if (out.size === 0) {
    const eps = result.cluster.endpoints.find(
      (e) => e.metadata?.namespace === ns && e.metadata?.name === name,
    );
    for (const subset of eps?.subsets ?? []) {
      const ports = (subset.ports ?? []).map((p) => p.port);
      for (const a of subset.addresses ?? []) add(a.targetRef, a.ip, ports, true);
      for (const a of subset.notReadyAddresses ?? []) add(a.targetRef, a.ip, ports, false);
    }
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function serviceData(svc: Service, endpointCount: number): ServiceData {
  const type = serviceType(svc);
  return {
    name: svc.metadata?.name ?? '',
    namespace: svc.metadata?.namespace ?? 'default',
    type,
    clusterIP: type === 'ExternalName' || isHeadless(svc) ? undefined : svc.spec?.clusterIP,
    headless: isHeadless(svc),
    externalName: svc.spec?.externalName,
    sessionAffinity: svc.spec?.sessionAffinity === 'ClientIP' ? 'ClientIP' : undefined,
    ports: (svc.spec?.ports ?? []).map((p) => ({
      name: p.name,
      port: p.port,
      targetPort: String(p.targetPort ?? p.port),
      nodePort: p.nodePort,
      protocol: p.protocol ?? 'TCP',
    })),
    endpointCount,
  };
}

export function loadBalancerData(svc: Service): LoadBalancerData {
  return {
    name: svc.metadata?.name ?? '',
    namespace: svc.metadata?.namespace ?? 'default',
    addresses: externalAddresses(svc),
    ports: (svc.spec?.ports ?? []).map((p) => ({
      port: p.port,
      nodePort: p.nodePort,
      protocol: p.protocol ?? 'TCP',
    })),
  };
}

export function nodeData(result: SimulationResult, name: string, opts: ViewOptions): NodeData {
  const node = result.cluster.nodes.find((n) => n.metadata?.name === name);
  const nodePorts = visibleServices(result, opts)
    .filter((s) => ['NodePort', 'LoadBalancer'].includes(serviceType(s)))
    .flatMap((s) =>
      (s.spec?.ports ?? [])
        .filter((p) => p.nodePort)
        .map((p) => ({ nodePort: p.nodePort!, service: s.metadata?.name ?? '' })),
    )
    .sort((a, b) => a.nodePort - b.nodePort);
  return {
    name,
    ip: node ? nodeInternalIP(node) : undefined,
    podCIDR: node?.spec?.podCIDR,
    controlPlane: node?.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined,
    nodePorts,
  };
}

export interface PodView {
  id: string;
  nodeName?: string;
  data: PodData;
}

export function podViews(
  result: SimulationResult,
  opts: ViewOptions,
  backendPorts: Map<string, number[]>,
): PodView[] {
  return visiblePods(result, opts).map((p) => {
    const id = podId(p);
    const containerPorts = (p.spec?.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map((cp) => cp.containerPort),
    );
    return {
      id,
      nodeName: p.spec?.nodeName,
      data: {
        name: p.metadata?.name ?? '',
        namespace: p.metadata?.namespace ?? 'default',
        ip: p.status?.podIP,
        ports: backendPorts.get(id) ?? [...new Set(containerPorts)].sort((a, b) => a - b),
        ready: podIsReady(p),
        phase: p.status?.phase ?? 'Pending',
      },
    };
  });
}

export function externalData(host: string, via: ExternalData['via'], ports: number[]): ExternalData {
  return { host, via, ports };
}

export { serviceId };
