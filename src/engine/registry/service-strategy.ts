/**
 * How the Service registry reconciles a new object with the stored one before allocating and validating.
 * Mirrors pkg/registry/core/service/storage/storage.go normalizeClusterIPs and patchAllocatedValues, and
 * pkg/registry/core/service/strategy.go dropTypeDependentFields. All mutate the new Service in place.
 */
import type { Service } from '../api/objects.ts';
import { deepEqual } from '../validation/util.ts';

const needsClusterIP = (s: Service) => s.spec?.type !== 'ExternalName';
const needsNodePort = (s: Service) => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer';
const needsHCNodePort = (s: Service) =>
  s.spec?.type === 'LoadBalancer' && s.spec.externalTrafficPolicy === 'Local';

function sameClusterIPs(a: Service, b: Service): boolean {
  return (
    (a.spec?.clusterIP ?? '') === (b.spec?.clusterIP ?? '') &&
    deepEqual(a.spec?.clusterIPs ?? [], b.spec?.clusterIPs ?? [])
  );
}

/** normalizeClusterIPs: keeps clusterIP and clusterIPs in sync for clients that only set one of them. */
export function normalizeClusterIPs(svc: Service, old: Service | undefined): void {
  const s = svc.spec;
  if (!s) return;
  if (!old) {
    if (s.clusterIP && (s.clusterIPs ?? []).length === 0) s.clusterIPs = [s.clusterIP];
    return;
  }
  const o = old.spec ?? {};
  if (
    (o.clusterIPs ?? []).length > 0 &&
    (s.clusterIPs ?? []).length === 0 &&
    (o.clusterIP ?? '') === (s.clusterIP ?? '')
  ) {
    s.clusterIPs = o.clusterIPs;
  }
  if ((o.clusterIP ?? '') !== (s.clusterIP ?? '')) {
    if (o.clusterIP && !s.clusterIP) {
      if (deepEqual(o.clusterIPs ?? [], s.clusterIPs ?? [])) s.clusterIPs = undefined;
    } else if (deepEqual(o.clusterIPs ?? [], s.clusterIPs ?? [])) {
      s.clusterIPs = s.clusterIP ? [s.clusterIP] : [];
    }
  }
}

/**
 * patchAllocatedValues: values the apiserver allocated and the client left out (clusterIP, nodePorts by
 * port name, healthCheckNodePort) are carried over, so re-applying the same YAML succeeds.
 */
export function patchAllocatedValues(svc: Service, old: Service): void {
  const s = svc.spec;
  const o = old.spec;
  if (!s || !o) return;
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!s.clusterIP) s.clusterIP = o.clusterIP;
    if ((s.clusterIPs ?? []).length === 0 && (o.clusterIPs ?? []).length > 0) s.clusterIPs = o.clusterIPs;
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const used = (x: Service) =>
      new Set((x.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const newUsed = used(svc);
    const taken = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map<string, number>();
    for (const p of o.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of s.ports ?? []) {
      if ((p.nodePort ?? 0) === 0) {
        const oldVal = byName.get(p.name ?? '') ?? 0;
        if (!taken.has(oldVal) && oldVal !== 0) p.nodePort = oldVal;
      }
    }
  }
  if (needsHCNodePort(old) && needsHCNodePort(svc) && !s.healthCheckNodePort)
    s.healthCheckNodePort = o.healthCheckNodePort;
}

/**
 * dropTypeDependentFields (PrepareForUpdate): when the type changes, fields the new type does not use and
 * the user did not touch (clusterIPs, nodePorts, healthCheckNodePort, allocateLoadBalancerNodePorts,
 * loadBalancerClass, externalTrafficPolicy) are cleared; the allocator has already released them.
 */
export function dropTypeDependentFields(svc: Service, old: Service): void {
  const s = svc.spec;
  const o = old.spec;
  if (!s || !o) return;
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (sameClusterIPs(old, svc)) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (deepEqual(o.ipFamilies, s.ipFamilies)) delete s.ipFamilies;
    if ((o.ipFamilyPolicy ?? '') === (s.ipFamilyPolicy ?? '')) delete s.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(svc)) {
    const oldPorts = new Set((o.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const sameNodePorts = (s.ports ?? []).every(
      (p) => (p.nodePort ?? 0) === 0 || oldPorts.has(p.nodePort ?? 0),
    );
    if (sameNodePorts) for (const p of s.ports ?? []) delete p.nodePort;
  }
  if (
    needsHCNodePort(old) &&
    !needsHCNodePort(svc) &&
    (o.healthCheckNodePort ?? 0) === (s.healthCheckNodePort ?? 0)
  ) {
    delete s.healthCheckNodePort;
  }
  if (o.type === 'LoadBalancer' && s.type !== 'LoadBalancer') {
    if (
      s.allocateLoadBalancerNodePorts !== undefined &&
      o.allocateLoadBalancerNodePorts === s.allocateLoadBalancerNodePorts
    ) {
      delete s.allocateLoadBalancerNodePorts;
    }
    if ((o.loadBalancerClass ?? null) === (s.loadBalancerClass ?? null)) delete s.loadBalancerClass;
  }
  if (
    needsNodePort(old) &&
    !needsNodePort(svc) &&
    (o.externalTrafficPolicy ?? '') === (s.externalTrafficPolicy ?? '')
  ) {
    delete s.externalTrafficPolicy;
  }
  if (s.type !== 'LoadBalancer' && svc.status)
    (svc as { status?: unknown }).status = { ...svc.status, loadBalancer: {} };
}
