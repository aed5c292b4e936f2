/**
 * The StatefulSet controller (pkg/controller/statefulset): pods `<name>-<ordinal>` with stable network
 * identity (spec.hostname = pod name, spec.subdomain = spec.serviceName) and the labels
 * `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index` and `controller-revision-hash`.
 * With the default OrderedReady policy a pod is created only once every lower ordinal is Running and Ready,
 * so runControllers calls syncStatefulSets until it creates nothing more.
 */
import { simulatedReplicas } from './limits.ts';
import type { Pod, PodTemplateSpec, StatefulSet } from '../api/objects.ts';
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
  isControlledBy,
  mut,
  nameOf,
  namespaceOf,
  type ControllerContext,
} from './meta.ts';
import { fnv32, goJSON, safeEncodeString } from './names.ts';
import { isPodActive, isPodReady } from './pod-util.ts';
import { podFromTemplate } from './replicaset.ts';

export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

/**
 * The ControllerRevision name (`<name>-<hash>`) the pods are labelled with. Mirrors
 * history.HashControllerRevision: FNV-32 over the revision's patch (getPatch: `{"spec":{"template":{...,
 * "$patch":"replace"}}}` written by encoding/json with sorted keys) plus the collision count "0". It matches
 * a real cluster's hash when the stored template serializes exactly as the apiserver's would (we add the
 * `creationTimestamp: null` and `resources: {}` Go always writes).
 */
export function statefulSetRevisionName(sts: StatefulSet): string {
  const stored = sts.spec?.template;
  const known = stored && revisionHashes.get(stored);
  if (known !== undefined) return `${nameOf(sts)}-${known}`;
  const hash = revisionHash(stored);
  if (stored) revisionHashes.set(stored, hash);
  return `${nameOf(sts)}-${hash}`;
}

/**
 * The revision hash by template object: each controller round and the status update ask for it again, and
 * a stored template is never modified in place (an update stores a new object).
 */
const revisionHashes = new WeakMap<object, string>();

function revisionHash(stored: PodTemplateSpec | undefined): string {
  const template = clone(stored ?? {}) as Record<string, unknown> & {
    metadata?: Record<string, unknown>;
    spec?: { containers?: Record<string, unknown>[]; initContainers?: Record<string, unknown>[] };
  };
  template.metadata = { creationTimestamp: null, ...template.metadata };
  for (const c of [...(template.spec?.containers ?? []), ...(template.spec?.initContainers ?? [])]) {
    c['resources'] ??= {};
  }
  template['$patch'] = 'replace';
  const patch = goJSON({ spec: { template } });
  return safeEncodeString(String(fnv32(`${patch}0`)));
}

function newStatefulSetPod(sts: StatefulSet, ordinal: number, revision: string): Pod {
  const name = `${nameOf(sts)}-${ordinal}`;
  const pod = podFromTemplate(sts.spec?.template, sts, 'StatefulSet', name);
  pod.metadata!.labels = {
    ...pod.metadata!.labels,
    [POD_INDEX_LABEL]: String(ordinal),
    [CONTROLLER_REVISION_HASH_LABEL]: revision,
    [STATEFULSET_POD_NAME_LABEL]: name,
  };
  pod.spec = {
    ...pod.spec!,
    hostname: name,
    ...(sts.spec?.serviceName ? { subdomain: sts.spec.serviceName } : {}),
  };
  return pod;
}

function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/**
 * One pass of the StatefulSet controller over every StatefulSet. Returns true if it created a pod (so the
 * scheduler and kubelets should run and the controller pass again).
 */
export function syncStatefulSets(cc: ControllerContext): boolean {
  let created = false;
  for (const sts of cc.store.list<StatefulSet>('StatefulSet')) {
    if (syncStatefulSet(cc, sts)) created = true;
  }
  return created;
}

function syncStatefulSet(cc: ControllerContext, sts: StatefulSet): boolean {
  const ns = namespaceOf(sts);
  const stsId = idOfTyped(sts, 'StatefulSet');
  const replicas = simulatedReplicas(sts.spec?.replicas ?? 1);
  const start = sts.spec?.ordinals?.start ?? 0;
  const ordered = (sts.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const revision = statefulSetRevisionName(sts);
  let created = false;
  cc.rec.clear(stsId, 'StatefulSetWaiting');
  for (let ordinal = start; ordinal < start + replicas; ordinal++) {
    const name = `${nameOf(sts)}-${ordinal}`;
    const pod = cc.store.get<Pod>('Pod', ns, name);
    if (pod && !isControlledBy(pod, sts, 'StatefulSet')) {
      if (
        !controllerOf(pod) &&
        isPodActive(pod) &&
        labelSelectorMatches(sts.spec?.selector, pod.metadata?.labels)
      ) {
        pod.metadata = {
          ...pod.metadata,
          ownerReferences: [
            ...(pod.metadata?.ownerReferences ?? []),
            controllerRef(sts, 'apps/v1', 'StatefulSet'),
          ],
        };
        cc.store.write(asKube(pod));
      } else {
        diagnose(cc, {
          severity: 'warning',
          code: 'StatefulSetPodConflict',
          objectId: stsId,
          ownerId: stsId,
          message: `create Pod ${name} in StatefulSet ${nameOf(sts)} failed error: pods "${name}" already exists`,
          params: { pod: name },
        });
        if (ordered) break;
        continue;
      }
    }
    if (!pod) {
      createObject(
        cc,
        newStatefulSetPod(sts, ordinal, revision),
        'Pod',
        sts.metadata?.creationTimestamp,
        true,
      );
      created = true;
      emit(cc, () => ({
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: `create Pod ${name} in StatefulSet ${nameOf(sts)} successful`,
        involvedObject: stsId,
        source: 'statefulset-controller',
      }));
      if (ordered) break;
      continue;
    }
    if (ordered && !isRunningAndReady(pod)) {
      diagnose(cc, {
        severity: 'info',
        code: 'StatefulSetWaiting',
        objectId: stsId,
        ownerId: stsId,
        message: `StatefulSet ${ns}/${nameOf(sts)} is waiting for Pod ${name} to be Running and Ready`,
        params: { pod: name },
      });
      break;
    }
  }
  return created;
}

/** updateStatefulSetStatus: counts of the pods it owns, all at the current (= update) revision. */
export function updateStatefulSetStatus(cc: ControllerContext): void {
  const statefulSets = cc.store.list<StatefulSet>('StatefulSet');
  if (statefulSets.length === 0) return; // no need to index every pod
  const byOwner = groupByController(cc.store.list<Pod>('Pod'), 'StatefulSet');
  for (const sts of statefulSets) {
    const pods = controlledBy(byOwner, sts, 'StatefulSet');
    const active = pods.filter(isPodActive);
    const ready = active.filter(isPodReady).length;
    const revision = statefulSetRevisionName(sts);
    mut(sts).status = {
      availableReplicas: ready,
      collisionCount: 0,
      ...(active.length ? { currentReplicas: active.length } : {}),
      currentRevision: revision,
      observedGeneration: sts.metadata?.generation ?? 1,
      ...(ready ? { readyReplicas: ready } : {}),
      replicas: active.length,
      updateRevision: revision,
      ...(active.length ? { updatedReplicas: active.length } : {}),
    };
    cc.store.write(asKube(sts));
  }
}
