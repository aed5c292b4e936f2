/**
 * kube-proxy's view of a Service port: pkg/proxy/serviceport.go (BaseServicePortInfo), the ServicePortName
 * of pkg/proxy/types.go, pkg/api/v1/service's traffic-policy helpers and servicechangetracker.go's
 * serviceToServiceMap. IPv4 single-stack only (the playground's cluster is IPv4).
 */
import type { Service } from '../api/objects.ts';
import { objectId } from '../api/objects.ts';
import { parseCIDR, parseIPv4 } from '../net/ip.ts';

export type ProxyProtocol = 'TCP' | 'UDP' | 'SCTP';

/** `ns/name:port` plus the protocol, as kube-proxy keys its maps (pkg/proxy/types.go ServicePortName). */
export interface ServicePortName {
  namespace: string;
  name: string;
  /** The ServicePort's name; empty for a single unnamed port. */
  port: string;
  protocol: ProxyProtocol;
}

/** ServicePortName.String(): `ns/name:port`, or `ns/name` when the port is unnamed. */
export function servicePortNameString(spn: Pick<ServicePortName, 'namespace' | 'name' | 'port'>): string {
  return `${spn.namespace}/${spn.name}${spn.port === '' ? '' : `:${spn.port}`}`;
}

/** Map key used for both the service-port map and the endpoints map (name string + protocol). */
export function servicePortKey(spn: ServicePortName): string {
  return `${servicePortNameString(spn)}/${spn.protocol}`;
}

/** BaseServicePortInfo: everything syncProxyRules needs from one Service port. */
export interface ServicePortInfo {
  name: ServicePortName;
  /** `ns/name:port`, used in rule comments and chain-name hashes. */
  nameString: string;
  /** `service/ns/name`, for linking rules and hops to the YAML. */
  serviceId: string;
  clusterIP: string;
  port: number;
  protocol: ProxyProtocol;
  /** 0 when the port has no NodePort. */
  nodePort: number;
  /** The Service port's targetPort as written (informational; kube-proxy uses the EndpointSlice port). */
  targetPort?: number | string;
  externalIPs: string[];
  /** status.loadBalancer.ingress IPs in VIP mode. */
  loadBalancerVIPs: string[];
  /** Trimmed, IPv4 loadBalancerSourceRanges. */
  loadBalancerSourceRanges: string[];
  sessionAffinityType: 'None' | 'ClientIP';
  /** sessionAffinityConfig.clientIP.timeoutSeconds when affinity is ClientIP, else 0. */
  stickyMaxAgeSeconds: number;
  /** 0 unless the Service needs a health check (LoadBalancer with externalTrafficPolicy Local). */
  healthCheckNodePort: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
}

/** pkg/api/v1/service ExternalPolicyLocal: only NodePort and LoadBalancer Services have external traffic. */
export function externalPolicyLocal(svc: Service): boolean {
  const type = svc.spec?.type ?? 'ClusterIP';
  if (type !== 'LoadBalancer' && type !== 'NodePort') return false;
  return svc.spec?.externalTrafficPolicy === 'Local';
}

/** pkg/api/v1/service InternalPolicyLocal. */
export function internalPolicyLocal(svc: Service): boolean {
  return svc.spec?.internalTrafficPolicy === 'Local';
}

/** pkg/api/v1/service NeedsHealthCheck: LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(svc: Service): boolean {
  return (svc.spec?.type ?? 'ClusterIP') === 'LoadBalancer' && externalPolicyLocal(svc);
}

/** ExternallyAccessible: reachable other than via its ClusterIP (NodePort, ExternalIP, LoadBalancer). */
export function externallyAccessible(info: ServicePortInfo): boolean {
  return info.nodePort !== 0 || info.loadBalancerVIPs.length !== 0 || info.externalIPs.length !== 0;
}

/** UsesClusterEndpoints: internal policy Cluster, or any external access (needed for short-circuiting). */
export function usesClusterEndpoints(info: ServicePortInfo): boolean {
  return !info.internalPolicyLocal || externallyAccessible(info);
}

/** UsesLocalEndpoints. */
export function usesLocalEndpoints(info: ServicePortInfo): boolean {
  return info.internalPolicyLocal || (info.externalPolicyLocal && externallyAccessible(info));
}

/**
 * proxyutil.ShouldSkipService: headless (`None`) and ExternalName Services, and Services without a
 * ClusterIP, get no proxy rules.
 */
export function shouldSkipService(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return true;
  return svc.spec?.type === 'ExternalName';
}

/** newBaseServiceInfo for each port of a Service (servicechangetracker.go serviceToServiceMap). */
export function servicePortsOf(svc: Service): ServicePortInfo[] {
  if (shouldSkipService(svc)) return [];
  const clusterIP = svc.spec!.clusterIP!;
  if (parseIPv4(clusterIP) === undefined) return [];
  const namespace = svc.metadata?.namespace ?? 'default';
  const name = svc.metadata?.name ?? '';
  const affinity = svc.spec?.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None';
  const sticky =
    affinity === 'ClientIP' ? (svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : 0;
  const externalIPs = (svc.spec?.externalIPs ?? []).filter((ip) => parseIPv4(ip) !== undefined);
  const sourceRanges = (svc.spec?.loadBalancerSourceRanges ?? [])
    .map((r) => r.trim())
    .filter((r) => parseCIDR(r) !== undefined);
  const vips = (svc.status?.loadBalancer?.ingress ?? [])
    .filter((ing) => ing.ip && (ing.ipMode === undefined || ing.ipMode === 'VIP'))
    .map((ing) => ing.ip!)
    .filter((ip) => parseIPv4(ip) !== undefined);
  const hcnp = needsHealthCheck(svc) ? (svc.spec?.healthCheckNodePort ?? 0) : 0;
  return (svc.spec?.ports ?? []).map((p) => {
    const protocol = (p.protocol ?? 'TCP') as ProxyProtocol;
    const spn: ServicePortName = { namespace, name, port: p.name ?? '', protocol };
    const info: ServicePortInfo = {
      name: spn,
      nameString: servicePortNameString(spn),
      serviceId: objectId('Service', namespace, name),
      clusterIP,
      port: p.port,
      protocol,
      nodePort: p.nodePort ?? 0,
      externalIPs,
      loadBalancerVIPs: vips,
      loadBalancerSourceRanges: sourceRanges,
      sessionAffinityType: affinity,
      stickyMaxAgeSeconds: sticky,
      healthCheckNodePort: hcnp,
      externalPolicyLocal: externalPolicyLocal(svc),
      internalPolicyLocal: internalPolicyLocal(svc),
    };
    if (p.targetPort !== undefined) info.targetPort = p.targetPort;
    return info;
  });
}

const portMaps = new WeakMap<readonly Service[], readonly ServicePortInfo[]>();

/**
 * buildServicePortMap, built once per list of Services: every node's proxier (and the tracer) reads the
 * same map. Read-only.
 */
export function servicePortMapFor(services: readonly Service[]): readonly ServicePortInfo[] {
  let map = portMaps.get(services);
  if (!map) portMaps.set(services, (map = buildServicePortMap(services)));
  return map;
}

/**
 * The ServicePortMap, in a fixed order (kube-proxy iterates a Go map; we sort by `ns/name:port` and
 * protocol so the rules come out the same every time).
 */
export function buildServicePortMap(services: readonly Service[]): ServicePortInfo[] {
  const all = services.flatMap(servicePortsOf);
  all.sort((a, b) =>
    a.nameString < b.nameString
      ? -1
      : a.nameString > b.nameString
        ? 1
        : a.protocol < b.protocol
          ? -1
          : a.protocol > b.protocol
            ? 1
            : 0,
  );
  return all;
}
