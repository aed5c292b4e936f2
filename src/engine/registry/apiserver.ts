/**
 * The apiserver as `kubectl apply` meets it, for one object at a time: decode → default → (Service:
 * allocate clusterIPs and nodePorts) → prepare → validate → store, or a rejection with the apiserver's
 * errors. Mirrors k8s.io/apiserver genericregistry.Store Create/Update (BeginCreate/BeginUpdate run the
 * Service allocators *before* validation, and are reverted when validation fails) with the per-kind
 * strategies of pkg/registry. An existing object is updated with the three-way merge kubectl apply does.
 */
import type { FieldError } from '../api/field-error.ts';
import { NAMESPACED_KINDS, idOf, type KubeObject, type Service } from '../api/objects.ts';
import type { SimContext } from '../sim/context.ts';
import type { ObjectStore } from '../sim/object-store.ts';
import type { Rng } from '../sim/rng.ts';
import { decodeObject, type Decoded } from '../validation/decode.ts';
import { validateDecoded, validateObjectUpdate } from '../validation/index.ts';
import { asRecord, deepClone, deepEqual, isRecord, setOwn } from '../validation/util.ts';
import { threeWayMerge } from './apply-merge.ts';
import { applyDefaults } from './defaults.ts';
import { IPAllocator } from './ip-allocator.ts';
import { PortAllocator } from './port-allocator.ts';
import { ServiceAllocators, type AllocationTxn } from './service-alloc.ts';
import { clusterFamiliesOf } from './service-families.ts';
import { normalizeClusterIPs, patchAllocatedValues } from './service-strategy.ts';
import {
  alreadyExistsMessage,
  conflictMessage,
  decodeErrorMessage,
  internalErrorMessage,
  invalidMessage,
} from './status-error.ts';
import { prepareForCreate, prepareForUpdate } from './strategy.ts';
import { uidFor } from './uid.ts';
import { kubeadmNamespaces, kubeadmServices, kubernetesEndpoints } from './bootstrap.ts';

export type ApplyResult =
  | { ok: true; stored: KubeObject; created: boolean }
  | {
      ok: false;
      errors: FieldError[];
      reason: 'Invalid' | 'AlreadyExists' | 'Conflict';
      /** What kubectl prints, e.g. `The Service "web" is invalid: spec.ports[0].port: ...`. */
      message: string;
    };

const NOOP_TXN: AllocationTxn = { commit: () => {}, revert: () => {} };
/** k8s.io/apimachinery/pkg/util/rand alphanumerics (no vowels, no 0/1/3). */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

function kindOf(o: Record<string, unknown>): string {
  return typeof o.kind === 'string' ? o.kind : '';
}

function nameOf(o: Record<string, unknown>): string {
  const n = asRecord(o.metadata).name;
  return typeof n === 'string' ? n : '';
}

function invalid(kind: string, name: string, errors: FieldError[], internal = false): ApplyResult {
  return {
    ok: false,
    errors,
    reason: 'Invalid',
    message: internal ? internalErrorMessage(errors) : invalidMessage(kind, name, errors),
  };
}

function decodeFailure(o: Record<string, unknown>, errors: FieldError[]): ApplyResult {
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  return { ok: false, errors, reason: 'Invalid', message: decodeErrorMessage(kindOf(o), apiVersion, errors) };
}

/**
 * The stored objects and what the apiserver remembers about them at one instant (deep copies), so that a
 * later simulation can start from there instead of repeating the same writes (sim/bootstrap.ts).
 */
export interface ApiServerSnapshot {
  readonly objects: readonly KubeObject[];
  readonly lastApplied: ReadonlyMap<string, unknown>;
  readonly generated: ReadonlyMap<string, number>;
  readonly revision: number;
}

export class ApiServer {
  /** ClusterIP and NodePort allocators (--service-cluster-ip-range, --service-node-port-range). */
  readonly allocators: ServiceAllocators;
  /** The manifest each object was last applied with (the kubectl last-applied-configuration). */
  private readonly lastApplied = new Map<string, unknown>();
  private readonly generated = new Map<string, number>();

  /** appliedAs() of the objects created from a preparedCreate result. */
  private readonly madeFrom = new Map<KubeObject, string>();
  /** The cluster configuration as text: what preparedCreate's results depend on besides the object. */
  private readonly configKey: string;

  constructor(
    private readonly store: ObjectStore,
    private readonly ctx: SimContext,
  ) {
    const cfg = ctx.config;
    this.configKey = JSON.stringify(cfg);
    this.allocators = new ServiceAllocators(
      new IPAllocator(cfg.serviceSubnet, ctx.rng.fork('ipallocator')),
      new PortAllocator(cfg.nodePortRange, ctx.rng.fork('portallocator')),
      clusterFamiliesOf(cfg.serviceSubnet),
    );
  }

  /** names.SimpleNameGenerator: generateName + 5 random characters, from a fork keyed by the prefix. */
  private generateName(kind: string, namespace: string | undefined, prefix: string): string {
    const key = `${kind}/${namespace ?? ''}/${prefix}`;
    for (;;) {
      const n = (this.generated.get(key) ?? 0) + 1;
      this.generated.set(key, n);
      const rng: Rng = this.ctx.rng.fork(`generateName:${key}#${n}`);
      const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
      let name = base;
      for (let i = 0; i < 5; i++) name += SAFE_ALPHANUMS[rng.int(SAFE_ALPHANUMS.length)];
      if (!this.store.get(kind, namespace, name)) return name;
    }
  }

  /**
   * `kubectl apply` of one object: create it, or update the live one with a three-way merge. `obj` is kept
   * as its last-applied configuration (not copied: the manifest's objects are made anew for each
   * simulation and nothing changes them), so the caller must not change it afterwards.
   */
  apply(obj: KubeObject): ApplyResult {
    const input = obj as unknown as Record<string, unknown>;
    const kind = kindOf(asRecord(input));
    const meta = asRecord(asRecord(input).metadata);
    const name = nameOf(asRecord(input));
    const ns = NAMESPACED_KINDS.has(kind)
      ? (typeof meta.namespace === 'string' && meta.namespace) || 'default'
      : undefined;
    const live = name ? this.store.get(kind, ns, name) : undefined;
    const decoded = decodeApplied(obj);
    return live ? this.update(obj, live, decoded) : this.createObject(obj, true, false, decoded);
  }

  /** `kubectl create`: AlreadyExists when the object is there. */
  create(obj: KubeObject): ApplyResult {
    return this.createObject(obj, false, true);
  }

  private createObject(
    obj: KubeObject,
    recordApplied: boolean,
    failIfExists = false,
    decoded: Decoded = decodeObject(obj),
  ): ApplyResult {
    const kind = kindOf(decoded.value);
    if (decoded.errors.length > 0) return decodeFailure(asRecord(obj), decoded.errors);
    if (kind !== 'Service' && !failIfExists) {
      const prepared = this.preparedCreate(decoded);
      if (prepared) {
        const { out, errors, token } = prepared;
        if (errors.length > 0) return invalid(kind, out.metadata.name, errors);
        const result = this.stored(obj, out, recordApplied);
        const meta = out.metadata as { creationTimestamp?: string; resourceVersion?: string };
        this.madeFrom.set(out, `${token}@${meta.creationTimestamp}@${meta.resourceVersion}`);
        return result;
      }
    }

    const out = this.defaulted(decoded, failIfExists);
    const meta = out.metadata as unknown as Record<string, unknown>;
    if (!meta.name && typeof meta.generateName === 'string' && meta.generateName) {
      meta.name = this.generateName(kind, out.metadata.namespace, meta.generateName);
      meta.uid ??= uidFor(kind, out.metadata.namespace, out.metadata.name);
    }
    const name = out.metadata.name ?? '';
    if (failIfExists && name && this.store.get(kind, out.metadata.namespace, name)) {
      return { ok: false, errors: [], reason: 'AlreadyExists', message: alreadyExistsMessage(kind, name) };
    }

    let txn = NOOP_TXN;
    if (kind === 'Service') {
      const svc = out as unknown as Service;
      normalizeClusterIPs(svc, undefined);
      const outcome = this.allocators.allocateCreate(svc);
      if (!outcome.ok) return invalid(kind, name, outcome.errors, outcome.internal);
      txn = outcome.txn;
    }
    prepareForCreate(out);
    const errors = validateDecoded(out);
    if (errors.length > 0) {
      txn.revert();
      return invalid(kind, name, errors);
    }
    txn.commit();
    return this.stored(obj, out, recordApplied);
  }

  /** The end of a create: the creationTimestamp, the write, the last-applied record. */
  private stored(obj: KubeObject, out: KubeObject, recordApplied: boolean): ApplyResult {
    (out.metadata as { creationTimestamp?: string }).creationTimestamp = this.ctx.clock.rfc3339();
    this.store.write(out);
    if (recordApplied) this.lastApplied.set(idOf(out), obj);
    return { ok: true, stored: out, created: true };
  }

  /**
   * The defaulted object without a resourceVersion, as createObject starts from it: for an apply, made
   * once per decode and configuration (a Service's defaulting is a function of them too) and copied.
   */
  private defaulted(decoded: Decoded, failIfExists: boolean): KubeObject {
    let known = failIfExists ? undefined : defaultedCreates.get(decoded);
    if (known?.configKey !== this.configKey) {
      const out = applyDefaults(decoded.value as unknown as KubeObject, this.ctx.config);
      delete (out.metadata as { resourceVersion?: string }).resourceVersion;
      if (failIfExists) return out;
      known = { configKey: this.configKey, out };
      defaultedCreates.set(decoded, known);
    }
    return deepClone(known.out);
  }

  /**
   * Defaulting, PrepareForCreate and validation of a named object that allocates nothing (anything but a
   * Service): a function of its decode and the cluster configuration alone. Done once per decode (the
   * manifest's unchanged documents keep theirs, see decodeApplied) and copied for each create.
   */
  private preparedCreate(
    decoded: Decoded,
  ): { out: KubeObject; errors: FieldError[]; token: string } | undefined {
    const name = asRecord(decoded.value.metadata).name;
    if (typeof name !== 'string' || name === '') return undefined;
    let prepared = preparedCreates.get(decoded);
    if (prepared?.configKey !== this.configKey) {
      const out = applyDefaults(decoded.value as unknown as KubeObject, this.ctx.config);
      delete (out.metadata as { resourceVersion?: string }).resourceVersion;
      prepareForCreate(out);
      prepared = {
        configKey: this.configKey,
        out,
        errors: validateDecoded(out),
        token: `prepared#${++preparedCount}`,
      };
      preparedCreates.set(decoded, prepared);
    }
    return { out: copyPrepared(prepared.out), errors: prepared.errors, token: prepared.token };
  }

  /**
   * A short text that stands for a stored object's whole content, while it is as its create left it:
   * objects created from the same preparedCreate result at the same time and revision are equal. For the
   * workload memo's key, which otherwise serializes every Deployment in full on every keystroke. Undefined
   * for objects created another way; callers must ask before anything changes the object.
   */
  appliedAs(obj: KubeObject): string | undefined {
    return this.madeFrom.get(obj);
  }

  private update(obj: KubeObject, live: KubeObject, decoded: Decoded): ApplyResult {
    const kind = live.kind;
    const name = live.metadata.name;
    if (decoded.errors.length > 0) return decodeFailure(asRecord(obj), decoded.errors);
    const wantRV = asRecord(decoded.value.metadata).resourceVersion;
    if (typeof wantRV === 'string' && wantRV !== '' && wantRV !== live.metadata.resourceVersion) {
      return { ok: false, errors: [], reason: 'Conflict', message: conflictMessage(kind, name) };
    }
    const id = idOf(live);
    const desired = deepClone(decoded.value);
    const desiredMeta = asRecord(desired.metadata);
    if (NAMESPACED_KINDS.has(kind) && !desiredMeta.namespace && isRecord(desired.metadata))
      desired.metadata.namespace = live.metadata.namespace;
    const merged = applyDefaults(
      threeWayMerge(live, this.lastApplied.get(id), desired as unknown as KubeObject),
      this.ctx.config,
    );
    const mergedMeta = merged.metadata as unknown as Record<string, unknown>;
    mergedMeta.resourceVersion = live.metadata.resourceVersion;

    let txn = NOOP_TXN;
    if (kind === 'Service') {
      const svc = merged as unknown as Service;
      const old = live as unknown as Service;
      patchAllocatedValues(svc, old);
      normalizeClusterIPs(svc, old);
      const outcome = this.allocators.allocateUpdate(svc, old);
      if (!outcome.ok) return invalid(kind, name, outcome.errors, outcome.internal);
      txn = outcome.txn;
    }
    prepareForUpdate(merged, live);
    const errors = validateObjectUpdate(merged, live, this.ctx.config);
    if (errors.length > 0) {
      txn.revert();
      return invalid(kind, name, errors);
    }
    this.lastApplied.set(id, obj);
    if (deepEqual(merged, live)) {
      txn.commit();
      return { ok: true, stored: live, created: false };
    }
    this.store.write(merged);
    txn.commit();
    return { ok: true, stored: merged, created: false };
  }

  /** Releases what a deleted object held (a Service's clusterIPs and nodePorts). */
  release(obj: KubeObject): void {
    if (obj.kind === 'Service') this.allocators.release(obj as unknown as Service);
  }

  /** `kubectl delete`: removes the object and releases its allocations; returns what was deleted. */
  delete(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const ns = NAMESPACED_KINDS.has(kind) ? (namespace ?? 'default') : undefined;
    const live = this.store.get(kind, ns, name);
    if (!live) return undefined;
    this.store.remove(kind, ns, name);
    this.lastApplied.delete(idOf(live));
    this.release(live);
    return live;
  }

  /** Marks an object that reached the store another way as holding its clusterIPs and nodePorts. */
  reserve(obj: KubeObject): FieldError[] {
    return obj.kind === 'Service' ? this.allocators.reserve(obj as unknown as Service) : [];
  }

  /**
   * A deep copy of the store and of this apiserver's records. The allocators are not copied: restore()
   * re-derives them from the stored Services, which is exact as long as every allocation made so far is
   * held by a stored Service and none was drawn at random (true of the bootstrap objects, whose clusterIPs
   * are fixed).
   */
  snapshot(): ApiServerSnapshot {
    return {
      objects: this.store.all().map((o) => deepClone(o)),
      lastApplied: new Map([...this.lastApplied].map(([id, o]) => [id, deepClone(o)])),
      generated: new Map(this.generated),
      revision: this.store.currentRevision,
    };
  }

  /** Continues from a snapshot on an empty store: the objects (copied again), the records, the allocations. */
  restore(snapshot: ApiServerSnapshot): void {
    for (const o of snapshot.objects) {
      const copy = deepClone(o);
      this.store.put(copy);
      this.reserve(copy);
    }
    for (const [id, o] of snapshot.lastApplied) this.lastApplied.set(id, deepClone(o));
    for (const [key, n] of snapshot.generated) this.generated.set(key, n);
    this.store.setRevision(snapshot.revision);
  }

  /**
   * The Services every kubeadm cluster starts with: `default/kubernetes` (the first IP of the service
   * subnet, https 443 -> 6443, created by the apiserver) and `kube-system/kube-dns` (the tenth IP, the
   * CoreDNS addon's manifest). Created like `kubectl create` (no last-applied record).
   */
  bootstrapServices(): ApplyResult[] {
    return kubeadmServices(this.allocators.ips).map((s) => this.createObject(s, false, true));
  }

  /** The namespaces of a fresh cluster: default, kube-node-lease, kube-public, kube-system. */
  bootstrapNamespaces(): ApplyResult[] {
    return kubeadmNamespaces().map((n) => this.createObject(n, false, true));
  }

  /**
   * The Endpoints and EndpointSlice the apiserver's endpoint reconciler keeps for `default/kubernetes`:
   * the control plane's advertise address on `port` (6443).
   */
  bootstrapKubernetesEndpoints(advertiseAddress: string, port = 6443): ApplyResult[] {
    return kubernetesEndpoints(advertiseAddress, port).map((o) => this.createObject(o, false, true));
  }
}

/**
 * A copy of a prepared object to store. A workload's spec is shared, not copied: the controllers never
 * change it in place (they replace a workload's metadata and status, and copy its template), and a
 * Deployment's is most of it (the pod template).
 */
function copyPrepared(out: KubeObject): KubeObject {
  if (!SHARED_SPEC_KINDS.has(out.kind)) return deepClone(out);
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(out)) {
    const v = (out as unknown as Record<string, unknown>)[k];
    setOwn(copy, k, k === 'spec' ? v : deepClone(v));
  }
  return copy as unknown as KubeObject;
}

const SHARED_SPEC_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/** defaulted()'s results; `out` is never handed out, only copies of it. */
const defaultedCreates = new WeakMap<Decoded, { configKey: string; out: KubeObject }>();

/** preparedCreate's results; `out` is never handed out, only copies of it. */
const preparedCreates = new WeakMap<
  Decoded,
  { configKey: string; out: KubeObject; errors: FieldError[]; token: string }
>();
/** Numbers the preparedCreate results, so that a token names one for the life of the page. */
let preparedCount = 0;

/**
 * decodeObject of an applied object, once per object: apply() keeps what it is given unchanged (see there),
 * and the manifest's unchanged documents give the same objects simulation after simulation, so their
 * decode is reused. Nothing changes a decode's value either: createObject and update copy it.
 */
const appliedDecodes = new WeakMap<KubeObject, Decoded>();

function decodeApplied(obj: KubeObject): Decoded {
  let decoded = appliedDecodes.get(obj);
  if (!decoded) appliedDecodes.set(obj, (decoded = decodeObject(obj)));
  return decoded;
}
