/**
 * ClusterIP and NodePort allocation for Services. Mirrors pkg/registry/core/service/storage/alloc.go
 * (Allocators: allocateCreate, allocateUpdate, releaseAllocatedResources): requested values are reserved,
 * missing ones allocated, and everything is a transaction the caller commits after validation or reverts.
 * Errors are the apiserver's: `spec.ports[0].nodePort: Invalid value: 31001: provided port is already
 * allocated`, `spec.clusterIPs: Invalid value: []string{"10.97.0.1"}: failed to allocate IP 10.97.0.1: ...`.
 */
import { FieldPath, fieldInvalid, type FieldError } from '../api/field-error.ts';
import type { Service } from '../api/objects.ts';
import { goStringSlice } from '../validation/go-value.ts';
import { needsHealthCheck } from '../validation/service.ts';
import { CLUSTER_IP_NONE, isHeadlessService } from '../validation/service-ips.ts';
import type { IPAllocator } from './ip-allocator.ts';
import { PortAllocationOperation, type PortAllocator } from './port-allocator.ts';
import { initIPFamilyFields, type IPFamily } from './service-families.ts';

export interface AllocationTxn {
  /** Keep what was allocated and perform deferred releases (after the object is stored). */
  commit(): void;
  /** Undo the allocations (the object was rejected). */
  revert(): void;
}

export type AllocationOutcome =
  | { ok: true; txn: AllocationTxn }
  | {
      ok: false;
      errors: FieldError[];
      /** An InternalError (500), not an Invalid (422). */ internal: boolean;
    };

const spec = FieldPath.root('spec');

function internalError(field: FieldPath, detail: string): AllocationOutcome {
  return { ok: false, internal: true, errors: [{ type: 'Internal error', field: field.toString(), detail }] };
}

function invalid(errors: FieldError[]): AllocationOutcome {
  return { ok: false, internal: false, errors };
}

const isNodePortType = (s: Service) => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer';

/** shouldAllocateNodePorts: NodePort always; LoadBalancer unless allocateLoadBalancerNodePorts is false. */
function shouldAllocateNodePorts(s: Service): boolean {
  if (s.spec?.type === 'NodePort') return true;
  if (s.spec?.type === 'LoadBalancer') return s.spec.allocateLoadBalancerNodePorts !== false;
  return false;
}

/** collectServiceNodePorts: the ports' nodePorts (not the health check one). */
function collectServiceNodePorts(s: Service): number[] {
  return (s.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0);
}

export class ServiceAllocators {
  constructor(
    readonly ips: IPAllocator,
    readonly nodePorts: PortAllocator,
    readonly families: readonly IPFamily[] = ['IPv4'],
  ) {}

  /** allocClusterIPs: allocate the missing clusterIPs and reserve requested ones. */
  private allocClusterIPs(svc: Service, allocated: string[]): AllocationOutcome | undefined {
    const s = svc.spec;
    if (!s || s.type === 'ExternalName') return undefined;
    if ((s.clusterIPs ?? []).length > 0 && s.clusterIPs?.[0] === CLUSTER_IP_NONE) return undefined;
    const ips = [...(s.clusterIPs ?? [])];
    const families = s.ipFamilies ?? [];
    for (let i = 0; i < families.length; i++) {
      if (families[i] !== 'IPv4') continue;
      const ip = ips[i] ?? '';
      if (ip === '') {
        const r = this.ips.allocateNext();
        if (!r.ok)
          return internalError(spec.child('clusterIPs'), `failed to allocate a serviceIP: ${r.error}`);
        allocated.push(r.ip);
        ips[i] = r.ip;
      } else {
        const r = this.ips.allocate(ip);
        if (!r.ok) {
          const e = fieldInvalid(
            spec.child('clusterIPs'),
            s.clusterIPs ?? [],
            `failed to allocate IP ${ip}: ${r.error}`,
          );
          e.badValueText = goStringSlice(s.clusterIPs);
          return invalid([e]);
        }
        allocated.push(ip);
      }
    }
    if (ips.length > 0) {
      s.clusterIPs = ips;
      s.clusterIP = ips[0];
    }
    return undefined;
  }

  /** initNodePorts: requested nodePorts are reserved, ports sharing a port number share the nodePort. */
  private initNodePorts(svc: Service, op: PortAllocationOperation): AllocationOutcome | undefined {
    const ports = svc.spec?.ports ?? [];
    const byServicePort = new Map<number, number>();
    for (let i = 0; i < ports.length; i++) {
      const sp = ports[i]!;
      const np0 = sp.nodePort ?? 0;
      if (np0 === 0 && !shouldAllocateNodePorts(svc)) continue;
      const path = spec.child('ports').index(i).child('nodePort');
      const already = byServicePort.get(sp.port) ?? 0;
      if (already === 0) {
        const requested = ports.find((p) => p.port === sp.port && (p.nodePort ?? 0) !== 0)?.nodePort ?? 0;
        if (requested !== 0) {
          const r = op.allocate(requested);
          if (!r.ok) return invalid([fieldInvalid(path, requested, r.error)]);
          sp.nodePort = requested;
          byServicePort.set(sp.port, requested);
        } else {
          const r = op.allocateNext();
          if (!r.ok) return internalError(path, `failed to allocate a nodePort: ${r.error}`);
          sp.nodePort = r.port;
          byServicePort.set(sp.port, r.port);
        }
      } else if (np0 !== already) {
        if (np0 === 0) sp.nodePort = already;
        else {
          const r = op.allocate(np0);
          if (!r.ok) return invalid([fieldInvalid(path, np0, r.error)]);
        }
      }
    }
    return undefined;
  }

  private allocHealthCheckNodePort(svc: Service, op: PortAllocationOperation): AllocationOutcome | undefined {
    const s = svc.spec!;
    const hc = s.healthCheckNodePort ?? 0;
    const path = spec.child('healthCheckNodePort');
    if (hc !== 0) {
      const r = op.allocate(hc);
      if (!r.ok)
        return internalError(path, `failed to allocate requested HealthCheck NodePort ${hc}: ${r.error}`);
    } else {
      const r = op.allocateNext();
      if (!r.ok) return internalError(path, `failed to allocate a HealthCheck NodePort 0: ${r.error}`);
      s.healthCheckNodePort = r.port;
    }
    return undefined;
  }

  private txn(op: PortAllocationOperation, allocatedIPs: string[], releaseIPs: string[] = []): AllocationTxn {
    return {
      commit: () => {
        op.commit();
        for (const ip of releaseIPs) this.ips.release(ip);
      },
      revert: () => {
        op.revert();
        for (const ip of allocatedIPs) this.ips.release(ip);
      },
    };
  }

  private fail(
    op: PortAllocationOperation,
    allocatedIPs: string[],
    outcome: AllocationOutcome,
  ): AllocationOutcome {
    this.txn(op, allocatedIPs).revert();
    return outcome;
  }

  /** allocateCreate: ipFamily fields, clusterIPs, nodePorts, healthCheckNodePort. Mutates `svc`. */
  allocateCreate(svc: Service): AllocationOutcome {
    if (!svc.spec) return { ok: true, txn: { commit: () => {}, revert: () => {} } };
    const famErrs = initIPFamilyFields(svc, undefined, this.families);
    if (famErrs.length > 0) return invalid(famErrs);
    const allocated: string[] = [];
    const op = new PortAllocationOperation(this.nodePorts);
    const ipFail = this.allocClusterIPs(svc, allocated);
    if (ipFail) return this.fail(op, allocated, ipFail);
    if (isNodePortType(svc)) {
      const f = this.initNodePorts(svc, op);
      if (f) return this.fail(op, allocated, f);
    }
    if (needsHealthCheck(svc)) {
      const f = this.allocHealthCheckNodePort(svc, op);
      if (f) return this.fail(op, allocated, f);
    }
    return { ok: true, txn: this.txn(op, allocated) };
  }

  /** updateNodePorts: reserve newly requested nodePorts, allocate missing ones, release dropped ones. */
  private updateNodePorts(
    svc: Service,
    old: Service,
    op: PortAllocationOperation,
  ): AllocationOutcome | undefined {
    const oldNumbers = collectServiceNodePorts(old);
    const seen: string[] = [];
    const allocatedHere = new Set<number>();
    const ports = svc.spec?.ports ?? [];
    for (let i = 0; i < ports.length; i++) {
      const sp = ports[i]!;
      if ((sp.nodePort ?? 0) === 0 && !shouldAllocateNodePorts(svc)) continue;
      const np = sp.nodePort ?? 0;
      if (np !== 0) {
        if (!oldNumbers.includes(np) && !allocatedHere.has(np)) {
          const r = op.allocate(np);
          if (!r.ok)
            return invalid([fieldInvalid(spec.child('ports').index(i).child('nodePort'), np, r.error)]);
          allocatedHere.add(np);
        }
      } else {
        const r = op.allocateNext();
        if (!r.ok)
          return internalError(
            spec.child('ports').index(i).child('nodePort'),
            `failed to allocate a nodePort: ${r.error}`,
          );
        sp.nodePort = r.port;
      }
      const key = `${sp.protocol ?? ''} ${sp.nodePort ?? 0}`;
      if (seen.includes(key)) return internalError(spec.child('ports'), `duplicate nodePort: {${key}}`);
      seen.push(key);
    }
    const newNumbers = collectServiceNodePorts(svc);
    for (const n of oldNumbers) if (!newNumbers.includes(n)) op.deferRelease(n);
    return undefined;
  }

  /** allocateUpdate: type changes allocate or release clusterIPs and nodePorts. Mutates `svc`. */
  allocateUpdate(svc: Service, old: Service): AllocationOutcome {
    if (!svc.spec) return { ok: true, txn: { commit: () => {}, revert: () => {} } };
    const famErrs = initIPFamilyFields(svc, old, this.families);
    if (famErrs.length > 0) return invalid(famErrs);
    const allocated: string[] = [];
    const toRelease: string[] = [];
    const op = new PortAllocationOperation(this.nodePorts);
    const oldType = old.spec?.type;
    const newType = svc.spec.type;
    if (oldType === 'ExternalName' && newType !== 'ExternalName') {
      const f = this.allocClusterIPs(svc, allocated);
      if (f) return this.fail(op, allocated, f);
    } else if (!isHeadlessService(old) && oldType !== 'ExternalName' && newType === 'ExternalName') {
      for (const ip of old.spec?.clusterIPs ?? []) if (ip !== CLUSTER_IP_NONE) toRelease.push(ip);
    }
    if (isNodePortType(old) && (newType === 'ExternalName' || newType === 'ClusterIP')) {
      for (const n of collectServiceNodePorts(old)) op.deferRelease(n);
    }
    if (isNodePortType(svc)) {
      const f = this.updateNodePorts(svc, old, op);
      if (f) return this.fail(op, allocated, f);
    }
    const needed = needsHealthCheck(old);
    const needs = needsHealthCheck(svc);
    if (!needed && needs) {
      const f = this.allocHealthCheckNodePort(svc, op);
      if (f) return this.fail(op, allocated, f);
    } else if (needed && !needs && (old.spec?.healthCheckNodePort ?? 0) !== 0) {
      op.deferRelease(old.spec?.healthCheckNodePort ?? 0);
    }
    return { ok: true, txn: this.txn(op, allocated, toRelease) };
  }

  /** releaseAllocatedResources (on delete): clusterIPs, nodePorts and the health check nodePort. */
  release(svc: Service): void {
    for (const ip of svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : [])) {
      if (ip !== CLUSTER_IP_NONE) this.ips.release(ip);
    }
    for (const n of collectServiceNodePorts(svc)) this.nodePorts.release(n);
    if (needsHealthCheck(svc) && (svc.spec?.healthCheckNodePort ?? 0) > 0)
      this.nodePorts.release(svc.spec!.healthCheckNodePort!);
  }

  /**
   * Marks the values an already-stored Service holds as allocated (objects that did not come through
   * allocateCreate, e.g. written by bootstrap code). Errors use the create path's wording.
   */
  reserve(svc: Service): FieldError[] {
    const errs: FieldError[] = [];
    const s = svc.spec;
    if (!s) return errs;
    (s.clusterIPs ?? (s.clusterIP ? [s.clusterIP] : [])).forEach((ip) => {
      if (ip === CLUSTER_IP_NONE || ip === '') return;
      const r = this.ips.allocate(ip);
      if (!r.ok && !r.notInRange) {
        const e = fieldInvalid(
          spec.child('clusterIPs'),
          s.clusterIPs ?? [ip],
          `failed to allocate IP ${ip}: ${r.error}`,
        );
        e.badValueText = goStringSlice(s.clusterIPs ?? [ip]);
        errs.push(e);
      }
    });
    const seen = new Set<number>();
    (s.ports ?? []).forEach((p, i) => {
      const np = p.nodePort ?? 0;
      if (np === 0 || seen.has(np)) return;
      seen.add(np);
      const r = this.nodePorts.allocate(np);
      if (!r.ok) errs.push(fieldInvalid(spec.child('ports').index(i).child('nodePort'), np, r.error));
    });
    const hc = s.healthCheckNodePort ?? 0;
    if (hc !== 0 && needsHealthCheck(svc) && !seen.has(hc)) {
      const r = this.nodePorts.allocate(hc);
      if (!r.ok) errs.push(fieldInvalid(spec.child('healthCheckNodePort'), hc, r.error));
    }
    return errs;
  }
}
