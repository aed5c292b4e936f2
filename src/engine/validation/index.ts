/**
 * The apiserver's validation entry points: decode (type check), then the kind's Validate / ValidateUpdate.
 * Expects objects as the registry validates them, i.e. after applyDefaults (registry/defaults.ts); an
 * undefaulted object gets the same `Required value` errors the Go validators would give it.
 */
import type { FieldError } from '../api/field-error.ts';
import type {
  Deployment,
  EndpointSlice,
  Endpoints,
  KubeObject,
  Node,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
} from '../api/objects.ts';
import { NAMESPACED_KINDS } from '../api/objects.ts';
import type { ClusterConfig } from '../sim/config.ts';
import { decodeObject } from './decode.ts';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './endpointslice.ts';
import { validateEndpoints, validateEndpointsUpdate } from './endpoints.ts';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { validateNamespace, validateNamespaceUpdate, validateNode, validateNodeUpdate } from './node.ts';
import { validatePod, validatePodUpdate } from './pod.ts';
import { validateService, validateServiceUpdate } from './service.ts';
import {
  validateDeployment,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateReplicaSetUpdate,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from './workloads.ts';

export { decodeObject, checkKindVersion } from './decode.ts';
export { validateService, validateServiceUpdate, externallyAccessible, needsHealthCheck } from './service.ts';
export { validateServiceClusterIPsRelatedFields, isHeadlessService, CLUSTER_IP_NONE } from './service-ips.ts';
export { validatePod, validatePodUpdate, validatePodSpec } from './pod.ts';
export { selectorMatches } from './meta.ts';

const CONFIG_KINDS = new Set(['ClusterConfiguration', 'KubeProxyConfiguration']);

/**
 * Service create validation sees clusterIPs synced from clusterIP: the registry's normalizeClusterIPs
 * (pkg/registry/core/service/storage) runs before validation.
 */
function normalizeClusterIPsForCreate(svc: Service): Service {
  const spec = svc.spec;
  if (spec?.clusterIP && (spec.clusterIPs ?? []).length === 0) {
    return { ...svc, spec: { ...spec, clusterIPs: [spec.clusterIP] } };
  }
  return svc;
}

/**
 * Create validation of an object that is already decoded: built by the registry from decodeObject's value
 * (with no errors) plus defaults and allocations, which are well typed. Saves validateObject's second
 * decode, a deep copy of every applied object.
 */
export function validateDecoded(o: KubeObject): FieldError[] {
  switch (o.kind) {
    case 'Service':
      return validateService(normalizeClusterIPsForCreate(o as unknown as Service));
    case 'Pod':
      return validatePod(o as unknown as Pod);
    case 'Deployment':
      return validateDeployment(o as unknown as Deployment);
    case 'ReplicaSet':
      return validateReplicaSet(o as unknown as ReplicaSet);
    case 'StatefulSet':
      return validateStatefulSet(o as unknown as StatefulSet);
    case 'Endpoints':
      return validateEndpoints(o as unknown as Endpoints);
    case 'EndpointSlice':
      return validateEndpointSlice(o as unknown as EndpointSlice);
    case 'Node':
      return validateNode(o as unknown as Node);
    case 'Namespace':
      return validateNamespace(o);
    default:
      if (CONFIG_KINDS.has(o.kind)) return [];
      return validateObjectMeta(o.metadata, NAMESPACED_KINDS.has(o.kind), nameIsDNSSubdomain);
  }
}

/**
 * Create validation (strategy.Validate) of one object. Never throws: a wrongly typed field yields the
 * decoder's error instead (see decode.ts) and validation stops there, as the apiserver's does.
 * `config` is accepted for symmetry with the registry; validation itself is cluster-independent.
 */
export function validateObject(obj: KubeObject, config: ClusterConfig): FieldError[] {
  void config;
  const decoded = decodeObject(obj);
  if (decoded.errors.length > 0) return decoded.errors;
  return validateDecoded(decoded.value as KubeObject);
}

/** Update validation (strategy.ValidateUpdate): immutable fields, then the object's own validation. */
export function validateObjectUpdate(
  newObj: KubeObject,
  oldObj: KubeObject,
  config: ClusterConfig,
): FieldError[] {
  void config;
  const decoded = decodeObject(newObj);
  if (decoded.errors.length > 0) return decoded.errors;
  const n = decoded.value as KubeObject;
  const o = decodeObject(oldObj).value as KubeObject;
  switch (n.kind) {
    case 'Service':
      return validateServiceUpdate(n as unknown as Service, o as unknown as Service);
    case 'Pod':
      return validatePodUpdate(n as unknown as Pod, o as unknown as Pod);
    case 'Deployment':
      return validateDeploymentUpdate(n as unknown as Deployment, o as unknown as Deployment);
    case 'ReplicaSet':
      return validateReplicaSetUpdate(n as unknown as ReplicaSet, o as unknown as ReplicaSet);
    case 'StatefulSet':
      return validateStatefulSetUpdate(n as unknown as StatefulSet, o as unknown as StatefulSet);
    case 'Endpoints':
      return validateEndpointsUpdate(n as unknown as Endpoints, o as unknown as Endpoints);
    case 'EndpointSlice':
      return validateEndpointSliceUpdate(n as unknown as EndpointSlice, o as unknown as EndpointSlice);
    case 'Node':
      return validateNodeUpdate(n as unknown as Node, o as unknown as Node);
    case 'Namespace':
      return validateNamespaceUpdate(n, o);
    default:
      if (CONFIG_KINDS.has(n.kind)) return [];
      return validateObjectMetaUpdate(n.metadata, o.metadata);
  }
}
