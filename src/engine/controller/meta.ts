/** Object metadata helpers shared by the controllers: namespaces, ownerReferences, creating objects. */
import { idOf, type KubeObject, type OwnerReference } from '../api/objects.ts';
import type { ObjectStore } from '../sim/object-store.ts';
import type { SimContext } from '../sim/context.ts';
import { Recorder, type ControllerDiagnostic, type ControllerEvent } from './report.ts';
import { uidFor } from '../registry/uid.ts';
import { jsonCopy } from '../api/json-copy.ts';
import { WORKLOAD_KIND_SET } from './workload-kinds.ts';

/** What every controller gets: the store, the injected context and the recorder for findings. */
export interface ControllerContext {
  store: ObjectStore;
  ctx: SimContext;
  rec: Recorder;
  /** The apiserver's create path for generated objects (defaulting, admission); identity unless injected. */
  admit: (obj: KubeObject, owned?: boolean) => KubeObject;
  /**
   * A short text that stands for a user object's whole content as the apiserver created it
   * (ApiServer.appliedAs), when known: what lets a result that depends on that content alone be found
   * again in a later simulation without serializing the object. Ask before the object is changed.
   */
  describe?: (obj: KubeObject) => string | undefined;
}

export function newControllerContext(
  store: ObjectStore,
  ctx: SimContext,
  admit: (obj: KubeObject, owned?: boolean) => KubeObject = (o) => o,
  keepsEvents = true,
): ControllerContext {
  return { store, ctx, rec: new Recorder(undefined, keepsEvents), admit };
}

/** Anything with Kubernetes metadata; the typed kubernetes-types objects and KubeObject alike. */
export interface HasMeta {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: OwnerReference[];
    creationTimestamp?: string;
    deletionTimestamp?: string;
    generation?: number;
  };
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** kubernetes-types marks status and some metadata read-only; the controllers are the ones writing them. */
export function mut<T>(o: T): Mutable<T> {
  return o as Mutable<T>;
}

/** A deep copy of a JSON value (the engine's objects are plain JSON), as a JSON round trip makes it. */
export function clone<T>(x: T): T {
  return x === undefined ? x : jsonCopy(x);
}

/** The store holds KubeObjects; the controllers work on the typed kubernetes-types views of them. */
export function asKube(o: HasMeta): KubeObject {
  return o as unknown as KubeObject;
}

export function nameOf(o: HasMeta): string {
  return o.metadata?.name ?? '';
}

export function namespaceOf(o: HasMeta): string {
  return o.metadata?.namespace ?? 'default';
}

export function idOfTyped(o: HasMeta, kind: string): string {
  return idOf({ kind: o.kind ?? kind, metadata: { name: nameOf(o), namespace: o.metadata?.namespace } });
}

/** The uid, assigning the one the apiserver would have given (registry uidFor) if the object has none. */
export function ensureUid(o: HasMeta, kind: string): string {
  o.metadata ??= {};
  o.metadata.uid ??= uidFor(o.kind ?? kind, o.metadata.namespace, nameOf(o));
  return o.metadata.uid;
}

/** metav1.NewControllerRef: the ownerReference a controller puts on what it creates. */
export function controllerRef(owner: HasMeta, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: nameOf(owner),
    uid: ensureUid(owner, kind),
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf. */
export function controllerOf(o: HasMeta): OwnerReference | undefined {
  return o.metadata?.ownerReferences?.find((r) => r.controller === true);
}

export function isControlledBy(o: HasMeta, owner: HasMeta, kind: string): boolean {
  const ref = controllerOf(o);
  if (!ref || ref.kind !== kind || ref.name !== nameOf(owner)) return false;
  return ref.uid === undefined || owner.metadata?.uid === undefined || ref.uid === owner.metadata.uid;
}

/**
 * Objects grouped by the `namespace/name` of their controller of kind `kind` (an informer's index by
 * controllerRef): a controller then looks at its own few objects instead of filtering them all.
 */
export function groupByController<T extends HasMeta>(objects: readonly T[], kind: string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const o of objects) {
    const ref = controllerOf(o);
    if (ref?.kind !== kind) continue;
    const key = `${namespaceOf(o)}/${ref.name}`;
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  return groups;
}

/** The objects `owner` controls, from groupByController's index. */
export function controlledBy<T extends HasMeta>(
  groups: ReadonlyMap<string, T[]>,
  owner: HasMeta,
  kind: string,
): T[] {
  const named = groups.get(`${namespaceOf(owner)}/${nameOf(owner)}`) ?? [];
  return named.filter((o) => isControlledBy(o, owner, kind));
}

/**
 * The user object at the top of the controller chain (Pod -> ReplicaSet -> Deployment). Only workload kinds
 * are followed: the workload controllers read nothing else (a pod "controlled" by a Service stops there).
 */
export function rootOwnerId(store: ObjectStore, o: HasMeta, kind: string): string {
  let cur: HasMeta = o;
  let curKind = kind;
  for (let depth = 0; depth < 8; depth++) {
    const ref = controllerOf(cur);
    if (!ref || !WORKLOAD_KIND_SET.has(ref.kind)) break;
    const owner = store.get<HasMeta>(ref.kind, cur.metadata?.namespace, ref.name);
    if (!owner) break;
    cur = owner;
    curKind = ref.kind;
  }
  return idOfTyped(cur, curKind);
}

/**
 * The create path for a generated object: metadata.uid and creationTimestamp as the apiserver sets them,
 * then `admit`, then into the store. `createdAt` is the owner's creationTimestamp: controllers react within
 * a second, so what they make is as old as what made it.
 * `owned`: the caller built `obj` from copies and shares no part of it, so admission may keep it rather than
 * copy it again (pods from a template, ReplicaSets from a Deployment).
 */
export function createObject<T extends HasMeta>(
  cc: ControllerContext,
  obj: T,
  kind: string,
  createdAt?: string,
  owned = false,
): T {
  obj.metadata ??= {};
  ensureUid(obj, kind);
  obj.metadata.creationTimestamp ??= createdAt ?? cc.ctx.clock.rfc3339();
  const admitted = cc.admit(asKube(obj), owned) as unknown as T;
  cc.store.write(asKube(admitted));
  return admitted;
}

/**
 * createObject for an object already in the form admission gives it (uid, creationTimestamp, defaults):
 * a ReplicaSet's further pods, copied from its first admitted one.
 */
export function storeAdmitted<T extends HasMeta>(cc: ControllerContext, obj: T): T {
  cc.store.write(asKube(obj));
  return obj;
}

/** Records the Event `make` makes, if the recorder keeps events (made only then: thousands per run). */
export function emit(cc: ControllerContext, make: () => ControllerEvent): void {
  if (cc.rec.keepsEvents) cc.rec.event(make());
}

export function diagnose(cc: ControllerContext, d: ControllerDiagnostic): void {
  cc.rec.diagnose(d);
}
