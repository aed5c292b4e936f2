/**
 * Controller syncs replayed from the previous simulation. A sync (one Service's Endpoints, its
 * EndpointSlices) is recorded as it runs: every store access and every finding. Next time, when its inputs
 * serialize to the same text and what it looked up in the store is still there (or still missing), the
 * recorded writes and findings are replayed instead of running it again.
 *
 * Only valid while the workload controllers' result was reused (the pods and nodes a sync reads are the
 * very same objects); simulate() starts without a previous memo otherwise. What a sync looks up by name
 * must either be a workload object (the same object now) or have its content among the sync's inputs; for
 * anything else only its existence counts (e.g. the name a new EndpointSlice must not take).
 */
import { idOf, objectId, type KubeObject } from '../api/objects.ts';
import type { ControllerContext } from '../controller/meta.ts';
import type { RecorderEntry } from '../controller/report.ts';
import type { SyncMemo } from '../controller/sync-memo.ts';
import { WORKLOAD_KIND_SET } from '../controller/workload-kinds.ts';
import type { StoreAccess } from './object-store.ts';

export interface RecordedSync {
  readonly key: string;
  readonly store: readonly StoreAccess[];
  readonly rec: readonly RecorderEntry[];
  /** The store's revision after the sync: its writes took the revisions up to this one. */
  readonly revision: number;
}

export class ReplayingSyncMemo implements SyncMemo {
  /** This simulation's syncs, to replay in the next one. */
  readonly recorded = new Map<string, RecordedSync>();

  /**
   * `previous`: the syncs to replay. `recording`: whether to record this simulation's syncs for the next
   * one (keys and store accesses cost something, worth it only if a next simulation may replay them).
   */
  constructor(
    private readonly previous: ReadonlyMap<string, RecordedSync> | undefined,
    private readonly recording = true,
  ) {}

  sync(
    cc: ControllerContext,
    id: string,
    inputs: () => unknown,
    sync: () => void,
    prepare?: () => void,
  ): void {
    if (!this.previous && !this.recording) {
      prepare?.();
      sync();
      return;
    }
    // The revision the sync starts from is an input too: its writes take the next ones.
    const key = serialize([cc.store.currentRevision, inputs()]);
    const prev = this.previous?.get(id);
    if (prev && prev.key === key && replay(cc, prev)) {
      this.recorded.set(id, prev);
      return;
    }
    prepare?.();
    const store: StoreAccess[] = [];
    const rec: RecorderEntry[] = [];
    cc.store.record(store);
    cc.rec.record(rec);
    try {
      sync();
    } finally {
      cc.store.record(undefined);
      cc.rec.record(undefined);
    }
    if (this.recording) this.recorded.set(id, { key, store, rec, revision: cc.store.currentRevision });
  }
}

/**
 * Inputs as JSON text: it keeps numbers apart from strings and keeps key order, so equal texts mean inputs
 * a controller cannot tell apart. Non-finite numbers, which JSON writes as null, are kept apart too.
 */
export function serialize(value: unknown): string {
  // Without a replacer JSON.stringify is several times faster, and its text is the same unless it wrote a
  // non-finite number as null: only a text with a null in it needs a second look.
  const plain = JSON.stringify(value) as string | undefined;
  if (plain === undefined || !plain.includes('null') || !mayHoldNonFinite(value)) return plain!;
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `\u0000${String(v)}` : v,
  );
}

/**
 * Whether JSON.stringify(v) may have met a non-finite number: one is in it, or an object's toJSON (which
 * could return one). A walk without allocations, for the texts that hold a null for another reason
 * (a missing array element, `creationTimestamp: null` in a manifest).
 */
function mayHoldNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (typeof v !== 'object' || v === null) return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return true;
  if (Array.isArray(v)) {
    for (const x of v as unknown[]) if (mayHoldNonFinite(x)) return true;
    return false;
  }
  for (const k in v) if (mayHoldNonFinite((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** Replays `r` into cc if every lookup it made finds the same now; false (and nothing done) otherwise. */
function replay(cc: ControllerContext, r: RecordedSync): boolean {
  // The sync's own writes, as it saw them while it ran.
  const written = new Map<string, KubeObject | undefined>();
  for (const a of r.store) {
    if (a.op === 'list') return false;
    if (a.op === 'put') written.set(idOf(a.obj), a.obj);
    else if (a.op === 'delete') written.set(objectId(a.kind, a.namespace, a.name), undefined);
    else {
      const id = objectId(a.kind, a.namespace, a.name);
      const now = written.has(id) ? written.get(id) : cc.store.get(a.kind, a.namespace, a.name);
      const same = WORKLOAD_KIND_SET.has(a.kind)
        ? now === a.found
        : (now === undefined) === (a.found === undefined);
      if (!same) return false;
    }
  }
  // The recorded objects carry the resourceVersions their writes got; the revision moves on as it did.
  for (const a of r.store) {
    if (a.op === 'put') cc.store.put(a.obj);
    else if (a.op === 'delete') cc.store.delete(a.kind, a.namespace, a.name);
  }
  cc.store.setRevision(r.revision);
  for (const e of r.rec) {
    if (e.op === 'diagnose') cc.rec.diagnose(e.d);
    else if (e.op === 'clear') cc.rec.clear(e.objectId, e.code);
    else cc.rec.event(e.e);
  }
  return true;
}
