/**
 * What one `kubectl apply` changed: the stored objects that were created, changed or deleted (as the
 * apiserver would record them in etcd), and on every node the kube-proxy rule lines that the next sync
 * wrote or removed. Pure: compares two SimulationResults, ignoring the bookkeeping the apiserver stamps on
 * every write (resourceVersion, uid, creationTimestamp, managedFields), so an untouched object reads as
 * unchanged even when the whole manifest was re-applied.
 */
import { idOf, type KubeObject } from '../api/objects.ts';
import type { SimulationResult } from '../sim/result.ts';
import { diffLines, type DiffLine } from './lines.ts';

export type ObjectChangeType = 'added' | 'removed' | 'changed';

export interface ObjectChange {
  /** `service/default/web`, as in SimulationResult.sources. */
  id: string;
  kind: string;
  namespace?: string;
  name: string;
  change: ObjectChangeType;
}

export interface NodeRulesDiff {
  node: string;
  mode: 'iptables' | 'ipvs';
  /** `iptables-save` lines; `line` numbers refer to the new text (added) or the old one (removed). */
  iptables: { added: DiffLine[]; removed: DiffLine[] };
  /** `ipvsadm -Ln` lines (empty in iptables mode). */
  ipvs: { added: DiffLine[]; removed: DiffLine[] };
}

export interface ResultDiff {
  /** True when any object or any node's rules differ. */
  changed: boolean;
  /** Every change, sorted by kind, then namespace, then name. */
  objects: ObjectChange[];
  /** The same changes grouped by kind (`Service`, `EndpointSlice`, ...). */
  byKind: Record<string, ObjectChange[]>;
  /** One entry per node present in either result, sorted by node name. */
  nodes: NodeRulesDiff[];
  /** The proxy mode changed (a KubeProxyConfiguration was added, edited or removed). */
  proxyModeChanged: boolean;
}

const VOLATILE = new Set(['resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'generation']);

/** A stable fingerprint of an object's content: keys sorted, volatile metadata left out. */
function fingerprint(value: unknown, inMetadata = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => fingerprint(v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => v !== undefined && !(inMetadata && VOLATILE.has(k)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v, k === 'metadata')}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function index(objects: readonly KubeObject[]): Map<string, { obj: KubeObject; print: string }> {
  const out = new Map<string, { obj: KubeObject; print: string }>();
  for (const obj of objects) out.set(idOf(obj), { obj, print: fingerprint(obj) });
  return out;
}

const byKindNsName = (a: ObjectChange, b: ObjectChange) =>
  a.kind.localeCompare(b.kind) ||
  (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
  a.name.localeCompare(b.name);

/** Compares two simulation results: objects by content, and each node's rules line by line. */
export function diffResults(prev: SimulationResult, next: SimulationResult): ResultDiff {
  const before = index(prev.objects);
  const after = index(next.objects);
  const objects: ObjectChange[] = [];
  const change = (obj: KubeObject, type: ObjectChangeType) =>
    objects.push({
      id: idOf(obj),
      kind: obj.kind,
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      name: obj.metadata.name ?? '',
      change: type,
    });
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) change(a.obj, 'added');
    else if (b.print !== a.print) change(a.obj, 'changed');
  }
  for (const [id, b] of before) if (!after.has(id)) change(b.obj, 'removed');
  objects.sort(byKindNsName);

  const byKind: Record<string, ObjectChange[]> = {};
  for (const c of objects) (byKind[c.kind] ??= []).push(c);

  const nodeNames = [...new Set([...Object.keys(prev.proxy), ...Object.keys(next.proxy)])].sort();
  const nodes: NodeRulesDiff[] = nodeNames.map((node) => {
    const a = prev.proxy[node];
    const b = next.proxy[node];
    return {
      node,
      mode: b?.mode ?? a?.mode ?? 'iptables',
      iptables: diffLines(a?.iptablesSave ?? '', b?.iptablesSave ?? ''),
      ipvs: diffLines(a?.ipvsadm ?? '', b?.ipvsadm ?? ''),
    };
  });
  const rulesChanged = nodes.some(
    (n) => n.iptables.added.length + n.iptables.removed.length + n.ipvs.added.length + n.ipvs.removed.length,
  );
  return {
    changed: objects.length > 0 || rulesChanged,
    objects,
    byKind,
    nodes,
    proxyModeChanged: prev.cluster.config.proxyMode !== next.cluster.config.proxyMode,
  };
}
