/**
 * A MetalLB-style LoadBalancer controller (metallb controller, layer 2 mode): every `type: LoadBalancer`
 * Service without `spec.loadBalancerClass` and without an ingress in `status.loadBalancer` gets the next free
 * address of `config.loadBalancerPool` (a CIDR, all of whose addresses are usable as in MetalLB's default
 * avoidBuggyIPs: false, or an `a.b.c.d-e.f.g.h` range). An address asked for with the
 * `metallb.io/loadBalancerIPs` (or older `metallb.universe.tf/loadBalancerIPs`) annotation or the deprecated
 * `spec.loadBalancerIP` is honoured if it is in the pool and free; otherwise the Service stays `<pending>`.
 *
 * `spec.externalIPs` never populate the ingress: kubectl's EXTERNAL-IP column shows them from the spec.
 * A Service that names its own externalIPs is taken as reached through them (the guides' bare-metal
 * cluster has no load-balancer controller and uses externalIPs instead), so it is not given a pool address.
 */
import type { Service } from '../api/objects.ts';
import { formatIPv4, parseCIDR, parseIPv4 } from '../net/ip.ts';
import {
  asKube,
  diagnose,
  mut,
  emit,
  idOfTyped,
  nameOf,
  namespaceOf,
  type ControllerContext,
} from './meta.ts';

const IP_ANNOTATIONS = ['metallb.io/loadBalancerIPs', 'metallb.universe.tf/loadBalancerIPs'];

/** The pool's addresses in allocation order. */
export function poolAddresses(pool: string): number[] {
  const range = /^\s*([\d.]+)\s*-\s*([\d.]+)\s*$/.exec(pool);
  let first: number | undefined;
  let last: number | undefined;
  if (range) {
    first = parseIPv4(range[1]!);
    last = parseIPv4(range[2]!);
  } else {
    const c = parseCIDR(pool.trim());
    if (c) {
      first = c.base;
      last = c.base + c.size - 1;
    }
  }
  if (first === undefined || last === undefined || last < first || last - first > 65535) return [];
  const out: number[] = [];
  for (let n = first; n <= last; n++) out.push(n);
  return out;
}

function requestedIP(svc: Service): string | undefined {
  for (const a of IP_ANNOTATIONS) {
    const v = svc.metadata?.annotations?.[a];
    if (v) return v.split(',')[0]!.trim();
  }
  return svc.spec?.loadBalancerIP || undefined;
}

function ingressIPs(svc: Service): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip);
}

/**
 * Assigns LoadBalancer ingress IPs; Services with a requested address are served before the rest. An empty
 * `config.loadBalancerPool` means no load-balancer controller is installed: Services stay `<pending>`.
 */
export function syncLoadBalancers(cc: ControllerContext): void {
  if (!cc.ctx.config.loadBalancerPool.trim()) return;
  const pool = poolAddresses(cc.ctx.config.loadBalancerPool);
  const inPool = new Set(pool);
  const services = cc.store.list<Service>('Service');
  const used = new Set(services.flatMap(ingressIPs));
  const pending = services.filter(
    (s) =>
      s.spec?.type === 'LoadBalancer' &&
      !s.spec.loadBalancerClass &&
      !(s.spec.externalIPs ?? []).length &&
      !(s.status?.loadBalancer?.ingress ?? []).length,
  );
  const ordered = [...pending.filter((s) => requestedIP(s)), ...pending.filter((s) => !requestedIP(s))];
  for (const svc of ordered) {
    const svcId = idOfTyped(svc, 'Service');
    const want = requestedIP(svc);
    let ip: string | undefined;
    let failure: string | undefined;
    if (want) {
      const n = parseIPv4(want);
      if (n === undefined || !inPool.has(n)) failure = `["${want}"] is not allowed in config`;
      else if (used.has(want))
        failure = `can't change sharing key for "${namespaceOf(svc)}/${nameOf(svc)}", address also in use by another service`;
      else ip = want;
    } else {
      const free = pool.find((n) => !used.has(formatIPv4(n)));
      if (free === undefined) failure = 'no available IPs';
      else ip = formatIPv4(free);
    }
    if (!ip) {
      const message = `Failed to allocate IP for "${namespaceOf(svc)}/${nameOf(svc)}": ${failure}`;
      emit(cc, () => ({
        type: 'Warning',
        reason: 'AllocationFailed',
        message,
        involvedObject: svcId,
        source: 'metallb-controller',
      }));
      diagnose(cc, {
        severity: 'warning',
        code: 'LoadBalancerAllocationFailed',
        objectId: svcId,
        ownerId: svcId,
        message,
        params: { pool: cc.ctx.config.loadBalancerPool },
      });
      continue;
    }
    used.add(ip);
    mut(svc).status = { ...svc.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
    cc.store.write(asKube(svc));
    emit(cc, () => ({
      type: 'Normal',
      reason: 'IPAllocated',
      message: `Assigned IP ["${ip}"]`,
      involvedObject: svcId,
      source: 'metallb-controller',
    }));
  }
}
