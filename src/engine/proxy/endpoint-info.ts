/**
 * kube-proxy's endpoints: pkg/proxy/endpoint.go (BaseEndpointInfo) built from EndpointSlices the way
 * pkg/proxy/endpointslicecache.go does (group by ServicePortName, dedupe by `ip:port`, sort by the
 * endpoint string).
 */
import type { EndpointSlice, Pod } from '../api/objects.ts';
import { objectId } from '../api/objects.ts';
import { parseIPv4 } from '../net/ip.ts';
import { servicePortKey, type ProxyProtocol, type ServicePortName } from './service-port.ts';

export interface EndpointInfo {
  ip: string;
  port: number;
  /** conditions.ready, nil meaning true. */
  isReady: boolean;
  /** conditions.serving, nil meaning true. */
  isServing: boolean;
  /** conditions.terminating, nil meaning false. */
  isTerminating: boolean;
  /** nodeName equals the node kube-proxy runs on. */
  isLocal: boolean;
  zoneHints: string[];
  nodeName: string;
  zone: string;
  /** `pod/ns/name` of the endpoint's Pod (targetRef, else the Pod with this IP). */
  podId?: string;
}

/** Endpoint.String(): `ip:port` (net.JoinHostPort). */
export function endpointString(ep: Pick<EndpointInfo, 'ip' | 'port'>): string {
  return `${ep.ip}:${ep.port}`;
}

/** EndpointsMap: servicePortKey → endpoints sorted by endpoint string. */
export type EndpointsMap = Map<string, EndpointInfo[]>;

/** kubernetes.io/service-name label of an EndpointSlice. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

function podIdFor(
  targetRef: { kind?: string; name?: string; namespace?: string } | undefined,
  ip: string,
  sliceNamespace: string,
  podsByIP: Map<string, Pod>,
): string | undefined {
  if (targetRef?.kind === 'Pod' && targetRef.name) {
    return objectId('Pod', targetRef.namespace ?? sliceNamespace, targetRef.name);
  }
  const pod = podsByIP.get(ip);
  return pod ? objectId('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '') : undefined;
}

/** Pods by status.podIP (hostNetwork pods share the node IP and are skipped). */
export function podsByIP(pods: readonly Pod[]): Map<string, Pod> {
  const m = new Map<string, Pod>();
  for (const p of pods) {
    const ip = p.status?.podIP;
    if (ip && !p.spec?.hostNetwork && !m.has(ip)) m.set(ip, p);
  }
  return m;
}

/**
 * EndpointSliceCache.getEndpointsMap for all slices, as seen by kube-proxy on `localNode`.
 * Ports with a nil name or no port number are ignored, as kube-proxy ignores them.
 */
export function buildEndpointsMap(
  slices: readonly EndpointSlice[],
  localNode: string,
  pods: readonly Pod[] = [],
): EndpointsMap {
  const byIP = podsByIP(pods);
  const sets = new Map<string, Map<string, EndpointInfo>>();
  const sorted = [...slices].sort((a, b) => {
    const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
    const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  for (const slice of sorted) {
    const svcName = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
    const namespace = slice.metadata?.namespace ?? 'default';
    if (!svcName) continue;
    if (slice.addressType && slice.addressType !== 'IPv4') continue;
    const ports = [...(slice.ports ?? [])].sort((a, b) => (a.port ?? 0) - (b.port ?? 0));
    const endpoints = [...(slice.endpoints ?? [])].sort((a, b) => {
      const x = (a.addresses ?? []).join(',');
      const y = (b.addresses ?? []).join(',');
      return x < y ? -1 : x > y ? 1 : 0;
    });
    for (const port of ports) {
      if (port.name === undefined || port.name === null) continue;
      if (!port.port) continue;
      const spn: ServicePortName = {
        namespace,
        name: svcName,
        port: port.name,
        protocol: (port.protocol ?? 'TCP') as ProxyProtocol,
      };
      const key = servicePortKey(spn);
      let set = sets.get(key);
      if (!set) sets.set(key, (set = new Map()));
      for (const ep of endpoints) {
        const ip = ep.addresses?.[0];
        if (!ip || parseIPv4(ip) === undefined) continue;
        const nodeName = ep.nodeName ?? '';
        const info: EndpointInfo = {
          ip,
          port: port.port,
          isReady: ep.conditions?.ready ?? true,
          isServing: ep.conditions?.serving ?? true,
          isTerminating: ep.conditions?.terminating ?? false,
          isLocal: localNode !== '' && nodeName === localNode,
          zoneHints: (ep.hints?.forZones ?? []).map((z) => z.name),
          nodeName,
          zone: ep.zone ?? '',
        };
        const podId = podIdFor(ep.targetRef, ip, namespace, byIP);
        if (podId) info.podId = podId;
        const k = endpointString(info);
        if (!set.has(k) || info.isLocal) set.set(k, info);
      }
    }
  }
  const out: EndpointsMap = new Map();
  for (const [key, set] of sets) {
    if (set.size === 0) continue;
    const list = [...set.values()].sort((a, b) => {
      const x = endpointString(a);
      const y = endpointString(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    out.set(key, list);
  }
  return out;
}
