/**
 * What the apiserver fills in before validation: the versioned defaulting functions
 * (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go, pkg/apis/discovery/v1/defaults.go), the
 * Service registry's ipFamilies/ipFamilyPolicy inference (service-families.ts), the mutating admission of
 * Pods (defaults-pod.ts) and the metadata the storage layer sets (namespace, uid, generation; the
 * creationTimestamp and resourceVersion come from the caller, which owns the clock and the revision).
 * Total: any input, however malformed, yields a clone and never an exception.
 */
import { NAMESPACED_KINDS, type KubeObject, type Service } from '../api/objects.ts';
import type { ClusterConfig } from '../sim/config.ts';
import { decodeObject } from '../validation/decode.ts';
import { asArray, deepClone, isRecord, own } from '../validation/util.ts';
import { admitPod, defaultRequestsFromLimits, setDefaultsPod, setDefaultsPodSpec } from './defaults-pod.ts';
import { clusterFamiliesOf, initIPFamilyFields } from './service-families.ts';
import { uidFor } from './uid.ts';

type Rec = Record<string, unknown>;

/** Kinds whose registry strategy sets metadata.generation (1 on create, +1 on each spec change). */
export const GENERATION_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'EndpointSlice',
]);

export interface MetaStamp {
  creationTimestamp?: string;
  resourceVersion?: string;
}

/** apiservice.ExternallyAccessible on an undecoded object. */
function externallyAccessible(spec: Rec): boolean {
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0)
  );
}

/** SetDefaults_Service. */
function setDefaultsService(obj: Rec, config: ClusterConfig): void {
  const spec = own(obj, 'spec');
  if (!isRecord(spec)) return;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = own(spec, 'sessionAffinityConfig');
    const clientIP = own(cfg, 'clientIP');
    if (
      !isRecord(cfg) ||
      !isRecord(clientIP) ||
      clientIP.timeoutSeconds === undefined ||
      clientIP.timeoutSeconds === null
    ) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    }
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of asArray(spec.ports)) {
    if (!isRecord(p)) continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '')
      p.targetPort = p.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP')
      spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null) {
      spec.allocateLoadBalancerNodePorts = true;
    }
    for (const ing of asArray(own(own(own(obj, 'status'), 'loadBalancer'), 'ingress'))) {
      if (isRecord(ing) && ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
    }
  }
  // normalizeClusterIPs (create): a client that only set the singular field gets the plural one.
  if (
    typeof spec.clusterIP === 'string' &&
    spec.clusterIP !== '' &&
    !(Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0)
  ) {
    spec.clusterIPs = [spec.clusterIP];
  }
  // The registry's initIPFamilyFields, on well-typed input only (decode reports the rest).
  if (decodeObject(obj).errors.length === 0) {
    initIPFamilyFields(obj as unknown as Service, undefined, clusterFamiliesOf(config.serviceSubnet));
  }
}

/** SetDefaults_Deployment, SetDefaults_ReplicaSet, SetDefaults_StatefulSet and their pod templates. */
function setDefaultsWorkload(kind: string, obj: Rec): void {
  const spec = own(obj, 'spec');
  if (!isRecord(spec)) return;
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const template = own(spec, 'template');
  if (isRecord(template)) setDefaultsPodSpec(template.spec);
  if (kind === 'Deployment') {
    if (!isRecord(spec.strategy)) spec.strategy = {};
    const strategy = spec.strategy as Rec;
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      if (!isRecord(strategy.rollingUpdate)) strategy.rollingUpdate = {};
      const ru = strategy.rollingUpdate as Rec;
      if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
      if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
    }
    if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null)
      spec.revisionHistoryLimit = 10;
    if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null)
      spec.progressDeadlineSeconds = 600;
  }
  if (kind === 'StatefulSet') {
    if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
    if (!isRecord(spec.updateStrategy)) spec.updateStrategy = {};
    const us = spec.updateStrategy as Rec;
    if (!us.type) {
      us.type = 'RollingUpdate';
      if (!isRecord(us.rollingUpdate)) us.rollingUpdate = {};
    }
    if (us.type === 'RollingUpdate' && isRecord(us.rollingUpdate)) {
      const ru = us.rollingUpdate;
      if (ru.partition === undefined || ru.partition === null) ru.partition = 0;
    }
    if (!isRecord(spec.persistentVolumeClaimRetentionPolicy)) spec.persistentVolumeClaimRetentionPolicy = {};
    const retention = spec.persistentVolumeClaimRetentionPolicy as Rec;
    if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
    if (!retention.whenScaled) retention.whenScaled = 'Retain';
    if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null)
      spec.revisionHistoryLimit = 10;
  }
}

function setDefaultsKind(obj: Rec, config: ClusterConfig): void {
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  switch (kind) {
    case 'Service':
      setDefaultsService(obj, config);
      break;
    case 'Pod':
      defaultRequestsFromLimits(obj.spec);
      setDefaultsPod(obj.spec);
      admitPod(obj.spec);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
      setDefaultsWorkload(kind, obj);
      break;
    case 'Endpoints':
      for (const ss of asArray(obj.subsets)) {
        for (const p of asArray(own(ss, 'ports'))) if (isRecord(p) && !p.protocol) p.protocol = 'TCP';
      }
      break;
    case 'EndpointSlice':
      for (const p of asArray(obj.ports)) {
        if (!isRecord(p)) continue;
        if (p.name === undefined || p.name === null) p.name = '';
        if (!p.protocol) p.protocol = 'TCP';
      }
      break;
    case 'Namespace': {
      const meta = obj.metadata as Rec;
      const name = typeof meta.name === 'string' ? meta.name : '';
      if (name) {
        if (!isRecord(meta.labels)) meta.labels = {};
        (meta.labels as Rec)['kubernetes.io/metadata.name'] = name;
      }
      if (!isRecord(obj.spec)) obj.spec = {};
      const nsSpec = obj.spec as Rec;
      if (!Array.isArray(nsSpec.finalizers)) nsSpec.finalizers = ['kubernetes'];
      if (!isRecord(obj.status)) obj.status = {};
      const status = obj.status as Rec;
      if (!status.phase) status.phase = 'Active';
      break;
    }
    case 'Node': {
      const spec = own(obj, 'spec');
      if (isRecord(spec)) {
        // v1 <-> internal conversion keeps podCIDR and podCIDRs in sync.
        if (typeof spec.podCIDR === 'string' && spec.podCIDR && !Array.isArray(spec.podCIDRs))
          spec.podCIDRs = [spec.podCIDR];
        if (!spec.podCIDR && Array.isArray(spec.podCIDRs) && typeof spec.podCIDRs[0] === 'string')
          spec.podCIDR = spec.podCIDRs[0];
      }
      const status = own(obj, 'status');
      if (isRecord(status) && isRecord(status.capacity) && !isRecord(status.allocatable))
        status.allocatable = deepClone(status.capacity);
      break;
    }
  }
}

/**
 * Returns a defaulted deep clone of `obj`, as the apiserver holds it just before validation. Existing
 * values are kept (uid, clusterIP, nodePorts, status...); only missing ones are filled. With `owned`, the
 * caller hands over an object it has just built and shares with nothing: it is defaulted in place.
 */
export function applyDefaults(
  obj: KubeObject,
  config: ClusterConfig,
  stamp: MetaStamp = {},
  owned = false,
): KubeObject {
  const out = (owned ? obj : deepClone(obj)) as unknown;
  if (!isRecord(out)) return out as KubeObject;
  if (!isRecord(out.metadata)) out.metadata = {};
  const meta = out.metadata as Rec;
  const kind = typeof out.kind === 'string' ? out.kind : '';
  if (NAMESPACED_KINDS.has(kind)) {
    if (!meta.namespace) meta.namespace = 'default';
  } else if (kind !== '') {
    // kubectl drops the namespace of cluster-scoped objects.
    delete meta.namespace;
  }
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (!meta.uid && name)
    meta.uid = uidFor(kind, typeof meta.namespace === 'string' ? meta.namespace : undefined, name);
  if (GENERATION_KINDS.has(kind) && (meta.generation === undefined || meta.generation === null))
    meta.generation = 1;
  if (!meta.creationTimestamp && stamp.creationTimestamp) meta.creationTimestamp = stamp.creationTimestamp;
  if (!meta.resourceVersion && stamp.resourceVersion) meta.resourceVersion = stamp.resourceVersion;
  try {
    setDefaultsKind(out, config);
  } catch {
    // Defaulting is best effort on malformed input; decode reports what is wrong.
  }
  return out as KubeObject;
}
