import type { FieldErrorType } from '../api/field-error.ts';
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
import type { ClusterConfig } from './config.ts';
import type { NodeProxyState } from '../proxy/types.ts';

/** A 1-based line/column range in the manifest text. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A message for the editor and the CLI. `code` + `params` let the UI translate it (Korean/English);
 * `message` is the English text, as kubectl or the apiserver would print it.
 */
export interface Diagnostic extends SourceRange {
  severity: 'error' | 'warning' | 'info';
  source: 'yaml' | 'apiserver' | 'engine';
  code: string;
  params?: Record<string, string | number>;
  message: string;
  document: number;
}

/** One rejection, as the CLI's `errors` array prints it (see README, "The CLI contract"). */
export interface ApiError {
  document: number;
  kind: string;
  namespace: string;
  name: string;
  field: string;
  type: FieldErrorType | 'AlreadyExists' | 'Conflict';
  message: string;
  line: number;
  column: number;
}

/** Where an object came from: the YAML document (and range) or the controller that made it. */
export interface ObjectSource {
  document?: number;
  range?: SourceRange;
  /** For generated objects: id of the owner, e.g. `deployment/default/web`. */
  ownerId?: string;
}

/** Typed views of the stored objects, each list sorted by namespace then name. */
export interface ClusterState {
  config: ClusterConfig;
  nodes: Node[];
  namespaces: string[];
  deployments: Deployment[];
  replicaSets: ReplicaSet[];
  statefulSets: StatefulSet[];
  pods: Pod[];
  services: Service[];
  endpoints: Endpoints[];
  endpointSlices: EndpointSlice[];
}

export interface SimulationResult {
  seed: number;
  /** The virtual instant this state describes (RFC 3339), for AGE columns and timestamps. */
  now: string;
  /** Every stored object as `kubectl get -o json` would show it, sorted by kind, namespace, name. */
  objects: KubeObject[];
  cluster: ClusterState;
  /** Object id -> where it came from; the editor and canvas link through this. */
  sources: ReadonlyMap<string, ObjectSource>;
  errors: ApiError[];
  diagnostics: Diagnostic[];
  /** Per node name: the kube-proxy state (iptables or ipvs) that node would have. */
  proxy: Record<string, NodeProxyState>;
  /** True when the text was not YAML at all (the CLI exits 2). */
  fatal: boolean;
}
