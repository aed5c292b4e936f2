/**
 * The ReplicaSet controller (pkg/controller/replicaset): adopts orphan pods its selector matches, creates
 * the missing pods from the template as `<replicaset>-<5 random chars>`, deletes the surplus, and writes
 * the status `kubectl get rs` reads. Works for Deployment-owned and bare ReplicaSets alike.
 */
import { MAX_SIMULATED_REPLICAS, replicaLimitMessage, simulatedReplicas } from './limits.ts';
import type { Pod, PodTemplateSpec, ReplicaSet } from '../api/objects.ts';
import { labelSelectorMatches } from './label-selector.ts';
import {
  asKube,
  clone,
  controllerOf,
  controllerRef,
  controlledBy,
  createObject,
  diagnose,
  emit,
  groupByController,
  idOfTyped,
  mut,
  nameOf,
  namespaceOf,
  rootOwnerId,
  storeAdmitted,
  type ControllerContext,
  type HasMeta,
} from './meta.ts';
import { uidFor } from '../registry/uid.ts';
import { generateName } from './names.ts';
import { isPodActive, isPodReady } from './pod-util.ts';

/**
 * controller.GetPodFromTemplate: labels, annotations and finalizers from the template, generateName from
 * the controller's name, the controller's ownerReference, and the template's spec. Every part of the pod
 * is new (the template is copied), so it can be handed to createObject as owned.
 */
export function podFromTemplate(
  template: PodTemplateSpec | undefined,
  owner: HasMeta,
  ownerKind: string,
  name: string,
  generateNamePrefix?: string,
): Pod {
  const t = clone(template ?? {});
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(generateNamePrefix ? { generateName: generateNamePrefix } : {}),
      namespace: namespaceOf(owner),
      ...(t.metadata?.labels ? { labels: t.metadata.labels } : {}),
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ...(t.metadata?.finalizers ? { finalizers: t.metadata.finalizers } : {}),
      ownerReferences: [controllerRef(owner, 'apps/v1', ownerKind)],
    },
    spec: t.spec ?? { containers: [] },
    status: { phase: 'Pending' },
  };
}

/**
 * Another pod of the ReplicaSet that made `first` in the same sync: as the apiserver would admit it, since
 * the template, the owner and the time are the same and only the name (hence the uid) differs. Its
 * metadata and status are its own (metadata a shallow copy, keys in the same order); the rest is shared
 * with `first`: the spec (the scheduler gives each pod it binds a spec of its own) and what lies below the
 * metadata (labels, ownerReferences). That is safe because nothing changes those in place: the scheduler
 * and the kubelet replace spec and status fields, adoption replaces metadata. Sharing is what keeps 2,000
 * pods cheap to make and to keep.
 */
function siblingPod(first: Pod, name: string): Pod {
  const metadata = { ...first.metadata, name, uid: uidFor('Pod', namespaceOf(first), name) };
  return {
    apiVersion: first.apiVersion,
    kind: first.kind,
    metadata,
    spec: first.spec,
    status: { phase: 'Pending' },
  };
}

/**
 * The pods of one pass over the ReplicaSets, listed once (a shared informer's cache): pods are grouped by
 * the ReplicaSet named in their controllerRef, and the orphans of each namespace are kept apart for
 * claimPods. What one ReplicaSet creates or deletes in the pass is its own and concerns no other one.
 */
class ReplicaSetPods {
  private readonly byOwner: Map<string, Pod[]>;
  private readonly orphans = new Map<string, Pod[]>();

  constructor(pods: readonly Pod[]) {
    this.byOwner = groupByController(pods, 'ReplicaSet');
    for (const p of pods) {
      if (controllerOf(p)) continue;
      const list = this.orphans.get(namespaceOf(p));
      if (list) list.push(p);
      else this.orphans.set(namespaceOf(p), [p]);
    }
  }

  /** Pods without a controller in the namespace, in (namespace, name) order. */
  orphansIn(ns: string): readonly Pod[] {
    return this.orphans.get(ns) ?? [];
  }

  adopted(rs: ReplicaSet, p: Pod): void {
    const key = `${namespaceOf(rs)}/${nameOf(rs)}`;
    this.byOwner.set(key, [...(this.byOwner.get(key) ?? []), p]);
  }

  /** The pods `rs` controls. */
  of(rs: ReplicaSet): Pod[] {
    return controlledBy(this.byOwner, rs, 'ReplicaSet');
  }
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** controller.ActivePodsWithRanks: the order getPodsToDelete removes surplus pods in (first = first deleted). */
function deletionOrder(pods: Pod[], related: Pod[]): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    const n = p.spec?.nodeName;
    if (n) onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const key = (p: Pod): number[] => [
    p.spec?.nodeName ? 1 : 0,
    PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0,
    isPodReady(p) ? 1 : 0,
    -(p.spec?.nodeName ? (onNode.get(p.spec.nodeName) ?? 0) : 0),
  ];
  return [...pods].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return nameOf(a) < nameOf(b) ? 1 : nameOf(a) > nameOf(b) ? -1 : 0;
  });
}

/** manageReplicas after claimPods, for every ReplicaSet in the store. */
export function syncReplicaSets(cc: ControllerContext): void {
  const pods = new ReplicaSetPods(cc.store.list<Pod>('Pod'));
  for (const rs of cc.store.list<ReplicaSet>('ReplicaSet')) syncReplicaSet(cc, rs, pods);
}

function syncReplicaSet(cc: ControllerContext, rs: ReplicaSet, pods: ReplicaSetPods): void {
  const ns = namespaceOf(rs);
  const rsId = idOfTyped(rs, 'ReplicaSet');
  const ref = controllerRef(rs, 'apps/v1', 'ReplicaSet');

  // claimPods: adopt active orphans the selector matches (an earlier ReplicaSet may have adopted some).
  for (const p of pods.orphansIn(ns)) {
    if (controllerOf(p) || !isPodActive(p)) continue;
    if (!labelSelectorMatches(rs.spec?.selector, p.metadata?.labels)) continue;
    p.metadata = { ...p.metadata, ownerReferences: [...(p.metadata?.ownerReferences ?? []), ref] };
    cc.store.write(asKube(p));
    pods.adopted(rs, p);
  }

  const active = pods.of(rs).filter(isPodActive);
  const want = rs.spec?.replicas ?? 1;
  if (want > MAX_SIMULATED_REPLICAS) {
    diagnose(cc, {
      severity: 'warning',
      code: 'SimulationLimit',
      objectId: rsId,
      ownerId: rootOwnerId(cc.store, rs, 'ReplicaSet'),
      message: replicaLimitMessage('ReplicaSet', nameOf(rs), want),
      params: { replicas: want, limit: MAX_SIMULATED_REPLICAS },
    });
  }
  const rng = cc.ctx.rng.fork(`generateName:${rsId}`);
  const prefix = `${nameOf(rs)}-`;
  let first: Pod | undefined;
  for (let i = active.length; i < simulatedReplicas(want); i++) {
    const name = generateName(rng, prefix, (n) => cc.store.get('Pod', ns, n) !== undefined);
    if (first) storeAdmitted(cc, siblingPod(first, name));
    else
      first = createObject(
        cc,
        podFromTemplate(rs.spec?.template, rs, 'ReplicaSet', name, prefix),
        'Pod',
        rs.metadata?.creationTimestamp,
        true,
      );
    emit(cc, () => ({
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: `Created pod: ${name}`,
      involvedObject: rsId,
      source: 'replicaset-controller',
    }));
  }
  if (active.length > want) {
    for (const p of deletionOrder(active, active).slice(0, active.length - want)) {
      const podId = idOfTyped(p, 'Pod');
      cc.store.remove('Pod', ns, nameOf(p));
      cc.rec.deleted.push(podId);
      emit(cc, () => ({
        type: 'Normal',
        reason: 'SuccessfulDelete',
        message: `Deleted pod: ${nameOf(p)}`,
        involvedObject: rsId,
        source: 'replicaset-controller',
      }));
      diagnose(cc, {
        severity: 'warning',
        code: 'ReplicaSetDeletedPod',
        objectId: podId,
        ownerId: podId,
        message: `ReplicaSet "${nameOf(rs)}" adopted pod "${nameOf(p)}" and deleted it: it already has ${want} replica(s)`,
        params: { replicaSet: rootOwnerId(cc.store, rs, 'ReplicaSet'), replicas: want },
      });
    }
  }
}

/**
 * calculateStatus: replicas (active pods), fullyLabeledReplicas (pods carrying all template labels),
 * readyReplicas and availableReplicas (steady state: ready pods have been ready for minReadySeconds).
 */
export function updateReplicaSetStatus(cc: ControllerContext): void {
  const pods = new ReplicaSetPods(cc.store.list<Pod>('Pod'));
  for (const rs of cc.store.list<ReplicaSet>('ReplicaSet')) {
    const active = pods.of(rs).filter(isPodActive);
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    const fullyLabeled = active.filter((p) =>
      labelSelectorMatches(templateLabels, p.metadata?.labels),
    ).length;
    const ready = active.filter(isPodReady).length;
    mut(rs).status = {
      ...(ready ? { availableReplicas: ready } : {}),
      ...(fullyLabeled ? { fullyLabeledReplicas: fullyLabeled } : {}),
      observedGeneration: rs.metadata?.generation ?? 1,
      ...(ready ? { readyReplicas: ready } : {}),
      replicas: active.length,
    };
    cc.store.write(asKube(rs));
  }
}
