/**
 * Kubernetes object shapes, field names exactly as in YAML. We reuse kubernetes-types (generated from the
 * v1.30 OpenAPI) so that every field is spelled as the apiserver spells it.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

export type {
  Container,
  ContainerPort,
  EndpointAddress,
  EndpointPort,
  EndpointSubset,
  Endpoints,
  Node,
  Pod,
  PodSpec,
  PodTemplateSpec,
  Service,
  ServicePort,
  ServiceSpec,
} from 'kubernetes-types/core/v1';
export type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
export type {
  EndpointSlice,
  Endpoint as SliceEndpoint,
  EndpointPort as SliceEndpointPort,
} from 'kubernetes-types/discovery/v1';
export type { LabelSelector, ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

/** Any object read from the YAML or made by a controller: apiVersion, kind and metadata are always set. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string; namespace?: string };
  [field: string]: unknown;
}

/** The kinds the engine simulates; any other kind is read, warned about as "not simulated", and ignored. */
export const SIMULATED_KINDS = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'Node',
  'Namespace',
  'ClusterConfiguration',
  'KubeProxyConfiguration',
] as const;
export type SimulatedKind = (typeof SIMULATED_KINDS)[number];

/** Namespaced kinds; Node, Namespace and the two config kinds are cluster-scoped. */
export const NAMESPACED_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'Service',
  'Endpoints',
  'EndpointSlice',
]);

/** Content-derived id, e.g. `service/default/web` or `node//myserver01` is written `node/myserver01`. */
export function objectId(kind: string, namespace: string | undefined, name: string): string {
  const k = lowerKind(kind);
  return namespace ? `${k}/${namespace}/${name}` : `${k}/${name}`;
}

/** kind.toLowerCase(), once per kind: ids are made for every store access. */
function lowerKind(kind: string): string {
  let k = lowerKinds.get(kind);
  if (k === undefined) {
    if (lowerKinds.size >= 1000) lowerKinds.clear(); // kinds typed in a manifest are few, but unbounded
    lowerKinds.set(kind, (k = kind.toLowerCase()));
  }
  return k;
}

const lowerKinds = new Map<string, string>();

export function idOf(obj: { kind: string; metadata: { name?: string; namespace?: string } }): string {
  return objectId(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
}
