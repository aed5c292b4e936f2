/**
 * The deployment controller (pkg/controller/deployment): one ReplicaSet per pod template, named
 * `<deployment>-<pod-template-hash>`, and the Deployment status `kubectl get deploy` reads. The simulation
 * shows the steady state right after `kubectl apply`, so there is only ever the new ReplicaSet (revision 1).
 */
import type { Deployment, KubeObject, ReplicaSet } from '../api/objects.ts';
import type { DeploymentCondition } from 'kubernetes-types/apps/v1';
import {
  asKube,
  clone,
  mut,
  controllerRef,
  controlledBy,
  createObject,
  diagnose,
  emit,
  groupByController,
  idOfTyped,
  isControlledBy,
  nameOf,
  namespaceOf,
  type ControllerContext,
} from './meta.ts';
import { computeHash } from './names.ts';

/** apps.DefaultDeploymentUniqueLabelKey */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

/** deploymentutil annotationsToSkip: not copied from the Deployment to its ReplicaSets. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** intstr.GetScaledValueFromIntOrPercent */
function scaledValue(v: number | string | undefined, total: number, roundUp: boolean, dflt: string): number {
  const x = v ?? dflt;
  if (typeof x === 'number') return x;
  const m = /^(\d+)%$/.exec(x);
  if (!m) return Number(x) || 0;
  const raw = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

/** deploymentutil.ResolveFenceposts -> [maxSurge, maxUnavailable]; both 0 for Recreate. */
export function resolveFenceposts(d: Deployment): [number, number] {
  const replicas = d.spec?.replicas ?? 1;
  if ((d.spec?.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return [0, 0];
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge, replicas, true, '25%');
  let unavailable = scaledValue(ru?.maxUnavailable, replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, replicas === 0 ? 0 : Math.min(unavailable, replicas)];
}

/**
 * pod-template-hash by template object. The sync and the status update of a Deployment hash the same
 * stored template, which nothing modifies in place (an update stores a new object).
 */
const templateHashes = new WeakMap<object, { collisionCount: number | undefined; hash: string }>();

/**
 * pod-template-hash by what stands for the whole Deployment as created (ControllerContext.describe), from
 * one simulation to the next: its template, hence its hash, is the same as long as that is.
 */
const describedHashes = new Map<string, string>();

/**
 * The name and hash of the ReplicaSet a Deployment's current template maps to. `describe`, when the
 * Deployment is still as the apiserver created it (the Deployment controller's first look).
 */
export function newReplicaSetName(
  d: Deployment,
  describe?: (obj: KubeObject) => string | undefined,
): { name: string; hash: string } {
  const template = d.spec?.template;
  const collisionCount = d.status?.collisionCount;
  const known = template && templateHashes.get(template);
  let hash: string;
  if (known && known.collisionCount === collisionCount) hash = known.hash;
  else {
    const described = describe?.(asKube(d));
    const key = described === undefined ? undefined : `${described}#${collisionCount ?? 0}`;
    hash =
      (key !== undefined ? describedHashes.get(key) : undefined) ??
      computeHash(template ?? {}, collisionCount);
    if (key !== undefined) {
      if (describedHashes.size >= 10_000) describedHashes.clear();
      describedHashes.set(key, hash);
    }
    if (template) templateHashes.set(template, { collisionCount, hash });
  }
  return { name: `${nameOf(d)}-${hash}`, hash };
}

/** The ReplicaSet for a Deployment's template; every part of it is new (copies), so createObject may own it. */
function newReplicaSet(d: Deployment, name: string, hash: string): ReplicaSet {
  const replicas = d.spec?.replicas ?? 1;
  const template = clone(d.spec?.template ?? {});
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash },
  };
  const selector = clone(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  }
  annotations[DESIRED_REPLICAS_ANNOTATION] = String(replicas);
  annotations[MAX_REPLICAS_ANNOTATION] = String(replicas + resolveFenceposts(d)[0]);
  annotations[REVISION_ANNOTATION] = '1';
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: namespaceOf(d),
      labels: { ...template.metadata.labels },
      annotations,
      ownerReferences: [controllerRef(d, 'apps/v1', 'Deployment')],
      generation: 1,
    },
    spec: {
      replicas,
      ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector,
      template,
    },
  };
}

/**
 * syncDeployment for a fresh cluster: creates (or scales) the ReplicaSet `<deployment>-<hash>` with the
 * template's labels plus `pod-template-hash`, owned by the Deployment, and sets the revision annotation.
 * Paused Deployments get no ReplicaSet, as in getAllReplicaSetsAndSyncRevision(createIfNotExisted=false).
 */
export function syncDeployments(cc: ControllerContext): void {
  for (const d of cc.store.list<Deployment>('Deployment')) {
    const id = idOfTyped(d, 'Deployment');
    if (d.spec?.paused) {
      diagnose(cc, {
        severity: 'info',
        code: 'DeploymentPaused',
        objectId: id,
        ownerId: id,
        message: `Deployment "${nameOf(d)}" is paused`,
      });
      continue;
    }
    const { name, hash } = newReplicaSetName(d, cc.describe);
    const ns = namespaceOf(d);
    const replicas = d.spec?.replicas ?? 1;
    const existing = cc.store.get<ReplicaSet>('ReplicaSet', ns, name);
    if (
      existing &&
      (isControlledBy(existing, d, 'Deployment') || !existing.metadata?.ownerReferences?.length)
    ) {
      existing.spec = { ...existing.spec!, replicas };
      cc.store.write(asKube(existing));
    } else if (!existing) {
      createObject(cc, newReplicaSet(d, name, hash), 'ReplicaSet', d.metadata?.creationTimestamp, true);
      if (replicas > 0) {
        emit(cc, () => ({
          type: 'Normal',
          reason: 'ScalingReplicaSet',
          message: `Scaled up replica set ${name} from 0 to ${replicas}`,
          involvedObject: id,
          source: 'deployment-controller',
        }));
      }
    }
    d.metadata = { ...d.metadata, annotations: { ...d.metadata?.annotations, [REVISION_ANNOTATION]: '1' } };
    cc.store.write(asKube(d));
  }
}

function condition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): DeploymentCondition {
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

/**
 * syncDeploymentStatus / calculateStatus: replicas, updatedReplicas, readyReplicas, availableReplicas and
 * unavailableReplicas from the ReplicaSets, and the Available and Progressing conditions
 * (kubectl's READY 3/3, UP-TO-DATE, AVAILABLE). Zero counts are omitted as the JSON omits them.
 */
export function updateDeploymentStatus(cc: ControllerContext): void {
  const now = cc.ctx.clock.rfc3339();
  const replicaSets = groupByController(cc.store.list<ReplicaSet>('ReplicaSet'), 'Deployment');
  for (const d of cc.store.list<Deployment>('Deployment')) {
    const owned = controlledBy(replicaSets, d, 'Deployment');
    const newName = d.spec?.paused ? undefined : newReplicaSetName(d).name;
    const sum = (f: (rs: ReplicaSet) => number) => owned.reduce((n, rs) => n + f(rs), 0);
    const replicas = sum((rs) => rs.status?.replicas ?? 0);
    const updated = owned.find((rs) => nameOf(rs) === newName)?.status?.replicas ?? 0;
    const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
    const available = sum((rs) => rs.status?.availableReplicas ?? 0);
    const unavailable = Math.max(0, sum((rs) => rs.spec?.replicas ?? 0) - available);
    const desired = d.spec?.replicas ?? 1;
    const minAvailable = available >= desired - resolveFenceposts(d)[1];
    const complete = updated === desired && replicas === desired && available === desired;
    const conditions = [
      minAvailable
        ? condition(
            'Available',
            'True',
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
            now,
          )
        : condition(
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
            now,
          ),
      d.spec?.paused
        ? condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now)
        : complete
          ? condition(
              'Progressing',
              'True',
              'NewReplicaSetAvailable',
              `ReplicaSet "${newName}" has successfully progressed.`,
              now,
            )
          : condition(
              'Progressing',
              'True',
              'ReplicaSetUpdated',
              `ReplicaSet "${newName}" is progressing.`,
              now,
            ),
    ];
    mut(d).status = {
      ...(available ? { availableReplicas: available } : {}),
      conditions,
      observedGeneration: d.metadata?.generation ?? 1,
      ...(ready ? { readyReplicas: ready } : {}),
      ...(replicas ? { replicas } : {}),
      ...(unavailable ? { unavailableReplicas: unavailable } : {}),
      ...(updated ? { updatedReplicas: updated } : {}),
    };
    cc.store.write(asKube(d));
  }
}
