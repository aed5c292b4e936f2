/**
 * The informer caches of CoreDNS's kubernetes plugin (plugin/kubernetes/controller.go and object/), built once
 * per cluster state: Services by name (svcNameNamespaceIndex) and by ClusterIP (svcIPIndex), EndpointSlices
 * converted as object.EndpointSliceToEndpoints does (ready addresses only) by service (epNameNamespaceIndex)
 * and by address (epIPIndex), and pods by IP (podIPIndex, used by `pods verified`).
 */
import type { EndpointSlice, Pod, Service } from '../api/objects.ts';
import { canonicalIP, endpointHostname } from './names.ts';

export type PodMode = 'disabled' | 'insecure' | 'verified';

/** What CoreDNS watches. Plain Kubernetes objects (EndpointSlices of discovery.k8s.io/v1). */
export interface DnsZoneInput {
  /** The cluster domain, kubeadm's networking.dnsDomain (cluster.local). */
  dnsDomain: string;
  services: Service[];
  endpointSlices: EndpointSlice[];
  pods: Pod[];
  /**
   * Namespaces that exist (CoreDNS answers NXDOMAIN under a namespace it cannot find). Absent: kubeadm's four
   * namespaces plus every namespace one of the objects above lives in.
   */
  namespaces?: string[];
  /** The `pods` option of the kubernetes plugin; kubeadm's Corefile says `pods insecure`. */
  podMode?: PodMode;
  /** The `ttl` option; kubeadm's Corefile says `ttl 30`. */
  ttl?: number;
}

/** A Service or EndpointSlice port as object.Service / object.EndpointPort keep it; port -1 when there are none. */
export interface IndexedPort {
  name: string;
  protocol: string;
  port: number;
}

/** object.Service: what CoreDNS keeps of a Service. */
export interface IndexedService {
  name: string;
  namespace: string;
  type: string;
  /** spec.clusterIPs, else [spec.clusterIP]; ["None"] for a headless Service. */
  clusterIPs: string[];
  externalName: string;
  ports: IndexedPort[];
  headless: boolean;
}

/** object.EndpointAddress of a ready endpoint, with its DNS label (hostname or dashed IP) precomputed. */
export interface IndexedAddress {
  ip: string;
  hostname: string;
}

/** object.Endpoints: one EndpointSlice, reduced to its ports and ready addresses. */
export interface IndexedEndpoints {
  sliceName: string;
  ports: IndexedPort[];
  addresses: IndexedAddress[];
}

export interface DnsIndex {
  /** Lower-case cluster domain without the trailing dot. */
  zone: string;
  ttl: number;
  podMode: PodMode;
  namespaces: ReadonlySet<string>;
  /** By ServiceKey `name.namespace`. */
  services: ReadonlyMap<string, IndexedService>;
  /** By EndpointsKey `service-name.namespace`, slices sorted by name. */
  endpoints: ReadonlyMap<string, IndexedEndpoints[]>;
  /** By canonical ClusterIP: the first Service (namespace, name order) holding it. */
  serviceByIP: ReadonlyMap<string, IndexedService>;
  /** By canonical ready endpoint address: the Services' EndpointsKeys and the endpoint's DNS label. */
  endpointsByIP: ReadonlyMap<string, { key: string; hostname: string }[]>;
  /** By status.podIP: namespaces of the pods holding it. */
  podsByIP: ReadonlyMap<string, string[]>;
}

export const DEFAULT_DNS_TTL = 30;
/** The namespaces every kubeadm cluster has (as sim/bootstrap.ts creates them). */
const KUBEADM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

/** object.ServiceKey / object.EndpointsKey. */
export function serviceKey(name: string, namespace: string): string {
  return `${name}.${namespace}`.toLowerCase();
}

function byNamespaceName(a: { metadata?: { namespace?: string; name?: string } }, b: typeof a): number {
  const x = `${a.metadata?.namespace ?? 'default'}/${a.metadata?.name ?? ''}`;
  const y = `${b.metadata?.namespace ?? 'default'}/${b.metadata?.name ?? ''}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** object.ToService. */
function toIndexedService(svc: Service): IndexedService {
  const spec = svc.spec ?? {};
  const clusterIPs =
    spec.clusterIPs && spec.clusterIPs.length > 0 ? [...spec.clusterIPs] : [spec.clusterIP ?? ''];
  const ports = (spec.ports ?? []).map((p) => ({
    name: p.name ?? '',
    protocol: p.protocol ?? 'TCP',
    port: p.port,
  }));
  return {
    name: svc.metadata?.name ?? '',
    namespace: svc.metadata?.namespace ?? 'default',
    type: spec.type ?? 'ClusterIP',
    clusterIPs,
    externalName: spec.externalName ?? '',
    // object.ToService adds a sentinel port -1 when the Service declares none.
    ports: ports.length > 0 ? ports : [{ name: '', protocol: '', port: -1 }],
    headless: clusterIPs[0] === 'None',
  };
}

/** object.EndpointSliceToEndpoints: ready (or unknown-readiness) addresses only; sentinel port -1 when portless. */
function toIndexedEndpoints(slice: EndpointSlice): IndexedEndpoints {
  const ports = (slice.ports ?? []).map((p) => ({
    name: p.name ?? '',
    protocol: p.protocol ?? 'TCP',
    port: p.port ?? -1,
  }));
  const addresses: IndexedAddress[] = [];
  for (const ep of slice.endpoints ?? []) {
    if (ep.conditions?.ready === false) continue;
    for (const ip of ep.addresses ?? []) addresses.push({ ip, hostname: endpointHostname(ip, ep.hostname) });
  }
  return {
    sliceName: slice.metadata?.name ?? '',
    ports: ports.length > 0 ? ports : [{ name: '', protocol: '', port: -1 }],
    addresses,
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the caches once; resolveDnsIndexed then answers each question from them. */
export function buildDnsIndex(zone: DnsZoneInput): DnsIndex {
  const namespaces = new Set<string>(zone.namespaces ?? KUBEADM_NAMESPACES);
  if (!zone.namespaces) {
    for (const obj of [...zone.services, ...zone.endpointSlices, ...zone.pods]) {
      namespaces.add(obj.metadata?.namespace ?? 'default');
    }
  }

  const services = new Map<string, IndexedService>();
  const serviceByIP = new Map<string, IndexedService>();
  for (const svc of [...zone.services].sort(byNamespaceName)) {
    const s = toIndexedService(svc);
    const key = serviceKey(s.name, s.namespace);
    if (services.has(key)) continue;
    services.set(key, s);
    if (s.type === 'ExternalName') continue;
    for (const ip of s.clusterIPs) {
      const c = canonicalIP(ip);
      if (c !== undefined && !serviceByIP.has(c)) serviceByIP.set(c, s);
    }
  }

  const endpoints = new Map<string, IndexedEndpoints[]>();
  const endpointsByIP = new Map<string, { key: string; hostname: string }[]>();
  for (const slice of [...zone.endpointSlices].sort(byNamespaceName)) {
    if (slice.addressType === 'FQDN') continue; // CoreDNS serves addresses; the EndpointSlice controller makes none of these
    const key = serviceKey(
      slice.metadata?.labels?.[LABEL_SERVICE_NAME] ?? '',
      slice.metadata?.namespace ?? 'default',
    );
    const eps = toIndexedEndpoints(slice);
    pushTo(endpoints, key, eps);
    for (const a of eps.addresses) {
      const c = canonicalIP(a.ip);
      if (c !== undefined) pushTo(endpointsByIP, c, { key, hostname: a.hostname });
    }
  }

  const podsByIP = new Map<string, string[]>();
  for (const pod of zone.pods) {
    const ip = pod.status?.podIP;
    if (ip) pushTo(podsByIP, ip, pod.metadata?.namespace ?? 'default');
  }

  return {
    zone: zone.dnsDomain.toLowerCase().replace(/\.$/, ''),
    ttl: zone.ttl ?? DEFAULT_DNS_TTL,
    podMode: zone.podMode ?? 'insecure',
    namespaces,
    services,
    endpoints,
    serviceByIP,
    endpointsByIP,
    podsByIP,
  };
}
