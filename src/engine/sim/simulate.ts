import { formatFieldError, type FieldError } from '../api/field-error.ts';
import {
  idOf,
  NAMESPACED_KINDS,
  SIMULATED_KINDS,
  type KubeObject,
  type OwnerReference,
} from '../api/objects.ts';
import { newControllerContext, runServiceControllers } from '../controller/index.ts';
import { ServicePortRules, syncNodeProxy } from '../proxy/index.ts';
import { ApiServer } from '../registry/apiserver.ts';
import { applyDefaults } from '../registry/defaults.ts';
import { parseManifests, type ManifestDocument } from '../yaml/parse.ts';
import { bootstrapCluster, BUILTIN_NAMESPACES } from './bootstrap.ts';
import { createClock } from './clock.ts';
import { CONFIG_KINDS, readClusterConfig } from './cluster-config.ts';
import type { SimContext } from './context.ts';
import { collectClusterState } from './cluster-state.ts';
import { ObjectStore } from './object-store.ts';
import type { ApiError, Diagnostic, ObjectSource, SimulationResult } from './result.ts';
import { createRng } from './rng.ts';
import { ReplayingSyncMemo, type RecordedSync } from './sync-memo.ts';
import { runWorkloads, type WorkloadRun } from './workload-memo.ts';

export interface SimulateOptions {
  /** Seed for every random choice (names, IPs, ports, endpoint picks). Default 1. */
  seed?: number;
}

const KNOWN = new Set<string>(SIMULATED_KINDS);

/**
 * `kubectl apply -f` of the whole text on a fresh kubeadm cluster, then the control plane settles:
 * apiserver (defaults, validation, allocation) → controllers (workloads, scheduling, pod IPs, Endpoints,
 * EndpointSlices, load balancers) → kube-proxy on every node. The one entry point of the engine.
 */
export function simulate(text: string, options: SimulateOptions = {}): SimulationResult {
  return new Simulator(false).simulate(text, options);
}

/**
 * simulate(), for a manifest that is simulated again and again as it is edited (the page's worker, the
 * benchmarks). Each result is exactly what simulate() gives for the same text and options; what the last
 * simulation made from inputs that did not change is reused rather than made again (workload-memo.ts).
 */
export class Simulator {
  private memo: Memo | undefined;
  private readonly rules = new ServicePortRules();

  /** `resimulates`: false for a single simulation (simulate()), which need not record what to reuse. */
  constructor(private readonly resimulates = true) {}

  simulate(text: string, options: SimulateOptions = {}): SimulationResult {
    this.rules.startRun();
    const { result, memo } = simulateWith(text, options, this.memo, this.rules, this.resimulates);
    this.memo = memo;
    return result;
  }
}

/** What one simulation keeps for the next: the workload controllers' result and the Service syncs. */
interface Memo {
  workloads: WorkloadRun;
  syncs: ReadonlyMap<string, RecordedSync>;
}

function simulateWith(
  text: string,
  options: SimulateOptions,
  previous: Memo | undefined,
  rules: ServicePortRules,
  resimulates: boolean,
): { result: SimulationResult; memo: Memo } {
  const seed = options.seed ?? 1;
  const parsed = parseManifests(text);
  const { config, diagnostics: configDiagnostics } = readClusterConfig(parsed.documents);
  const ctx: SimContext = { rng: createRng(seed), clock: createClock(), config };
  const store = new ObjectStore();
  const api = new ApiServer(store, ctx);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...configDiagnostics];
  const errors: ApiError[] = [];
  // A Map: as an object's keys, thousands of ids would each be interned first.
  const sources = new Map<string, ObjectSource>();
  const namespaces = new Set<string>(BUILTIN_NAMESPACES);

  const userNodes = parsed.documents.some((d) => d.object?.kind === 'Node');
  bootstrapCluster(store, api, ctx, { withDefaultNodes: !userNodes });
  // The cluster has been up for a few days when the learner applies their YAML (AGE columns say so).
  ctx.clock.advance(5 * 86400);

  for (const doc of parsed.documents) {
    const obj = doc.object;
    if (!obj || CONFIG_KINDS.has(obj.kind)) continue;
    if (!KNOWN.has(obj.kind)) {
      diagnostics.push({
        ...doc.locate('kind'),
        severity: 'warning',
        source: 'engine',
        code: 'manifest.notSimulated',
        params: { kind: obj.kind, apiVersion: obj.apiVersion },
        message: `${obj.apiVersion} ${obj.kind} is not simulated by this playground; it is ignored`,
        document: doc.index,
      });
      continue;
    }
    const ns = NAMESPACED_KINDS.has(obj.kind) ? (obj.metadata.namespace ?? 'default') : undefined;
    if (ns !== undefined && typeof ns === 'string' && !namespaces.has(ns)) {
      reject(
        doc,
        obj,
        [{ type: 'Not found', field: 'metadata.namespace', badValue: ns, detail: '' }],
        'NotFound',
      );
      continue;
    }
    const res = api.apply(obj);
    if (!res.ok) {
      reject(doc, obj, res.errors, res.reason, res.message);
      continue;
    }
    if (res.stored.kind === 'Namespace') namespaces.add(res.stored.metadata.name);
    sources.set(idOf(res.stored), { document: doc.index, range: doc.range });
  }

  // Objects the controllers create go through the apiserver's defaulting, as in a real cluster. Their
  // Events are not kept: no result shows them yet.
  const cc = newControllerContext(
    store,
    ctx,
    (o, owned) => applyDefaults(o, config, { creationTimestamp: ctx.clock.rfc3339() }, owned),
    false,
  );
  cc.describe = (o) => api.appliedAs(o);
  const workloads = runWorkloads(cc, previous?.workloads);
  // Recorded Service syncs hold only while the pods and nodes they read are the same objects.
  const reused = workloads === previous?.workloads;
  // The Service syncs are recorded for the next simulation to replay, which it can only do if it reuses
  // these workloads. Not right after the workloads changed: the next keystroke is likely to change them
  // again (typing `replicas: 12` is two workload edits), and the first one that does not records them.
  const syncs = new ReplayingSyncMemo(
    reused ? previous.syncs : undefined,
    resimulates && (reused || previous === undefined),
  );
  runServiceControllers(cc, syncs);
  const report = cc.rec.report();
  for (const d of report.diagnostics) {
    const src = sources.get(d.ownerId ?? d.objectId) ?? sources.get(d.objectId);
    diagnostics.push({
      ...(src?.range ?? { line: 1, column: 1, endLine: 1, endColumn: 1 }),
      severity: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info',
      source: 'engine',
      code: `controller.${d.code}`,
      params: d.params ?? {},
      message: d.message,
      document: src?.document ?? -1,
    });
  }
  // `kubectl get` half a minute later: the controllers have settled.
  ctx.clock.advance(30);

  const cluster = collectClusterState(store, config, namespaces);
  // One source per owner, shared by what it owns (a ReplicaSet's pods all point at it).
  const byOwner = new Map<OwnerReference, { namespace: string | undefined; source: ObjectSource }>();
  for (const obj of store.all()) {
    const id = store.idOfStored(obj);
    if (sources.has(id)) continue; // its document is its source
    const owner = obj.metadata.ownerReferences?.[0];
    const ownerNs = obj.metadata.namespace;
    if (owner) {
      let known = byOwner.get(owner);
      if (!known || known.namespace !== ownerNs) {
        const ownerId = idOf({ kind: owner.kind, metadata: { name: owner.name, namespace: ownerNs } });
        known = { namespace: ownerNs, source: { ownerId } };
        byOwner.set(owner, known);
      }
      sources.set(id, known.source);
    } else if (obj.kind === 'Endpoints' || obj.kind === 'EndpointSlice') {
      const svcName = obj.metadata.labels?.['kubernetes.io/service-name'] ?? obj.metadata.name;
      sources.set(id, {
        ownerId: idOf({ kind: 'Service', metadata: { name: svcName, namespace: ownerNs } }),
      });
    }
  }

  const proxyInput = {
    services: cluster.services,
    endpointSlices: cluster.endpointSlices,
    nodes: cluster.nodes,
    pods: cluster.pods,
    config,
    rules,
  };
  const proxy: SimulationResult['proxy'] = {};
  for (const node of cluster.nodes)
    proxy[node.metadata!.name!] = syncNodeProxy(proxyInput, node.metadata!.name!);

  const result: SimulationResult = {
    seed,
    now: ctx.clock.rfc3339(),
    objects: store.all(),
    cluster,
    sources,
    errors,
    diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.column - b.column),
    proxy,
    fatal: parsed.fatal,
  };
  return { result, memo: { workloads, syncs: syncs.recorded } };

  function reject(
    doc: ManifestDocument,
    obj: KubeObject,
    fieldErrors: FieldError[],
    reason: string,
    full?: string,
  ) {
    const ns = NAMESPACED_KINDS.has(obj.kind) ? String(obj.metadata.namespace ?? 'default') : '';
    const name = String(obj.metadata.name);
    const summary = full ? full.split(':')[0]! : rejectionSummary(obj.kind, name, reason);
    for (const fe of fieldErrors) {
      const at = doc.locate(fe.field);
      const message = reason === 'NotFound' ? `namespaces "${ns}" not found` : formatFieldError(fe);
      errors.push({
        document: doc.index,
        kind: obj.kind,
        namespace: ns,
        name,
        field: fe.field,
        type: reason === 'AlreadyExists' || reason === 'Conflict' ? reason : fe.type,
        message,
        line: at.line,
        column: at.column,
      });
      diagnostics.push({
        ...at,
        severity: 'error',
        source: 'apiserver',
        code: 'apiserver.rejected',
        params: { kind: obj.kind, name, field: fe.field, type: fe.type, detail: message },
        message: `${summary}: ${message}`,
        document: doc.index,
      });
    }
  }
}

/** The first part of kubectl's error line, e.g. `The Service "web" is invalid`. */
function rejectionSummary(kind: string, name: string, reason: string): string {
  if (reason === 'NotFound') return `Error from server (NotFound): error when creating ${kind} "${name}"`;
  if (reason === 'AlreadyExists')
    return `Error from server (AlreadyExists): ${kind} "${name}" already exists`;
  return `The ${kind} "${name}" is invalid`;
}
