/**
 * The workload controllers' result, kept from one simulation to the next. In a large manifest they cost
 * most of a simulation (every pod is made, scheduled and started), yet a keystroke in a Service leaves
 * every workload as it was. What they make is a function of the WORKLOAD_KINDS objects in the store and of
 * the context (seed, virtual time, cluster config) alone, so when all of those serialize to the same text
 * as last time, the objects they made last time are put back instead of being made again.
 *
 * The reused objects are shared with the earlier result, read-only: nothing after the workload controllers
 * changes a pod, node or workload (simulator.test.ts checks that an earlier result stays as it was).
 */
import type { KubeObject } from '../api/objects.ts';
import {
  Recorder,
  runWorkloadControllers,
  WORKLOAD_KINDS,
  type ControllerContext,
  type RecorderSnapshot,
} from '../controller/index.ts';
import type { SimContext } from './context.ts';
import type { ObjectStore } from './object-store.ts';
import { serialize } from './sync-memo.ts';

/** A short text standing for an object's whole content, or undefined: see workloadKey. */
export type Describe = (obj: KubeObject) => string | undefined;

export interface WorkloadRun {
  /** The inputs, serialized: see workloadKey. */
  readonly key: string;
  /** Each WORKLOAD_KINDS kind's objects after the controllers ran, in list() order. */
  readonly objects: readonly (readonly KubeObject[])[];
  readonly recorder: RecorderSnapshot;
  /** The store's revision after the controllers' writes. */
  readonly revision: number;
}

/**
 * Everything the workload controllers read, each kind in the order it was created (the scheduler takes
 * pods of the same second in that order), as text: see serialize().
 */
export function workloadKey(
  store: ObjectStore,
  ctx: SimContext,
  describe: Describe = () => undefined,
): string {
  // An object the apiserver can name in short (see ApiServer.appliedAs) is written as that name: a
  // string, which no serialized object can be.
  const inCreationOrder = (kind: string) =>
    store
      .list(kind)
      .map((o) => ({ o, at: store.creationIndex(o) }))
      .sort((a, b) => a.at - b.at)
      .map(({ o }) => describe(o) ?? o);
  return serialize([
    ctx.rng.seed,
    ctx.clock.now(),
    ctx.config,
    // The revision they start from: their writes take the next ones (each object's resourceVersion).
    store.currentRevision,
    WORKLOAD_KINDS.map(inCreationOrder),
  ]);
}

/**
 * Runs the workload controllers into `cc`, or restores what `previous` made from the same inputs. Returns
 * this run, to pass as `previous` next time. `cc.rec` must be fresh: a reuse replaces it.
 */
export function runWorkloads(cc: ControllerContext, previous: WorkloadRun | undefined): WorkloadRun {
  const key = workloadKey(cc.store, cc.ctx, cc.describe);
  if (previous?.key === key) {
    WORKLOAD_KINDS.forEach((kind, i) => cc.store.replaceKind(kind, previous.objects[i]!));
    cc.store.setRevision(previous.revision);
    cc.rec = new Recorder(previous.recorder);
    return previous;
  }
  runWorkloadControllers(cc);
  return {
    key,
    objects: WORKLOAD_KINDS.map((kind) => cc.store.list(kind)),
    recorder: cc.rec.snapshot(),
    revision: cc.store.currentRevision,
  };
}
