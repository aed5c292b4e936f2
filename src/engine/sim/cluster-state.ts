import type {
  Deployment,
  EndpointSlice,
  Endpoints,
  Node,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
} from '../api/objects.ts';
import type { ClusterConfig } from './config.ts';
import type { ObjectStore } from './object-store.ts';
import type { ClusterState } from './result.ts';

/** Typed, sorted views of what the store holds once the controllers have settled. */
export function collectClusterState(
  store: ObjectStore,
  config: ClusterConfig,
  namespaces: Set<string>,
): ClusterState {
  return {
    config,
    nodes: store.list<Node>('Node'),
    namespaces: [...namespaces].sort(),
    deployments: store.list<Deployment>('Deployment'),
    replicaSets: store.list<ReplicaSet>('ReplicaSet'),
    statefulSets: store.list<StatefulSet>('StatefulSet'),
    pods: store.list<Pod>('Pod'),
    services: store.list<Service>('Service'),
    endpoints: store.list<Endpoints>('Endpoints'),
    endpointSlices: store.list<EndpointSlice>('EndpointSlice'),
  };
}
