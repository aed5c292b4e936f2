/**
 * The object `kubectl apply` makes the apiserver store when the object already exists: a three-way merge of
 * the live object, the last applied manifest and the new manifest (k8s.io/apimachinery strategicpatch
 * CreateThreeWayMergePatch + apply). Fields only the server set (clusterIP, nodePorts, uid, status...) are
 * kept, fields removed from the manifest since the last apply are deleted, and lists with a merge key
 * (ports, containers, env...) are merged item by item. Simplified: no $patch directives, and Service ports
 * are keyed by (port, protocol) as server-side apply does (client-side apply keys them by port only).
 */
import { deepClone, hasOwn, isRecord, setOwn } from '../validation/util.ts';

type Rec = Record<string, unknown>;
type KeyFn = (item: unknown) => string | undefined;

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const byName: KeyFn = (i) => (isRecord(i) ? str(i.name) : undefined);
const byField =
  (...fields: string[]): KeyFn =>
  (i) => {
    if (!isRecord(i)) return undefined;
    const parts = fields.map((f) => (f === 'protocol' ? (str(i[f]) ?? 'TCP') : str(i[f])));
    return parts.some((p) => p === undefined) ? undefined : parts.join('/');
  };

/** patchMergeKey of the lists this engine reads, by the path of their parent (indices dropped). */
const MERGE_KEYS: Readonly<Record<string, KeyFn>> = {
  'spec.ports': byField('port', 'protocol'),
  'spec.containers': byName,
  'spec.initContainers': byName,
  'spec.volumes': byName,
  'spec.containers.ports': byField('containerPort', 'protocol'),
  'spec.initContainers.ports': byField('containerPort', 'protocol'),
  'spec.containers.env': byName,
  'spec.containers.volumeMounts': byField('mountPath'),
  'spec.template.spec.containers': byName,
  'spec.template.spec.initContainers': byName,
  'spec.template.spec.volumes': byName,
  'spec.template.spec.containers.ports': byField('containerPort', 'protocol'),
  'spec.template.spec.containers.env': byName,
  'spec.template.spec.containers.volumeMounts': byField('mountPath'),
  'metadata.ownerReferences': (i) => (isRecord(i) ? str(i.uid) : undefined),
};

function mergeList(live: unknown[], last: unknown, desired: unknown[], path: string, key: KeyFn): unknown[] {
  const liveByKey = new Map<string, unknown>();
  for (const item of live) {
    const k = key(item);
    if (k !== undefined && !liveByKey.has(k)) liveByKey.set(k, item);
  }
  const lastKeys = new Set<string>();
  const lastByKey = new Map<string, unknown>();
  if (Array.isArray(last)) {
    for (const item of last) {
      const k = key(item);
      if (k !== undefined) {
        lastKeys.add(k);
        lastByKey.set(k, item);
      }
    }
  }
  const desiredKeys = new Set<string>();
  const out: unknown[] = desired.map((item) => {
    const k = key(item);
    if (k === undefined) return deepClone(item);
    desiredKeys.add(k);
    return liveByKey.has(k) ? merge3(liveByKey.get(k), lastByKey.get(k), item, path) : deepClone(item);
  });
  // Items the server added (not in the last applied manifest) survive; removed ones go.
  for (const item of live) {
    const k = key(item);
    if (k !== undefined && !desiredKeys.has(k) && !lastKeys.has(k)) out.push(deepClone(item));
  }
  return out;
}

function merge3(live: unknown, last: unknown, desired: unknown, path: string): unknown {
  if (isRecord(desired) && isRecord(live)) {
    const out = deepClone(live) as Rec;
    if (isRecord(last)) {
      for (const k of Object.keys(last)) if (!hasOwn(desired, k)) delete out[k];
    }
    for (const k of Object.keys(desired)) {
      const v = desired[k];
      if (v === null) {
        delete out[k];
        continue;
      }
      const childPath = path ? `${path}.${k}` : k;
      const lastChild = isRecord(last) && hasOwn(last, k) ? last[k] : undefined;
      setOwn(out, k, merge3(hasOwn(live, k) ? live[k] : undefined, lastChild, v, childPath));
    }
    return out;
  }
  if (Array.isArray(desired) && Array.isArray(live)) {
    const key = hasOwn(MERGE_KEYS, path) ? MERGE_KEYS[path] : undefined;
    if (key) return mergeList(live, last, desired, path, key);
  }
  return deepClone(desired);
}

/**
 * The merged object: `live` patched with the changes from `lastApplied` (undefined: none recorded, so
 * nothing is deleted, as kubectl does for objects without the last-applied annotation) to `desired`.
 */
export function threeWayMerge<T>(live: T, lastApplied: unknown, desired: T): T {
  return merge3(live, lastApplied, desired, '') as T;
}
