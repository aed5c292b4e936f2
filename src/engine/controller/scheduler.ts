/**
 * kube-scheduler with the default profile (pkg/scheduler): Filter (scheduler-filters.ts), then Score with
 * the default plugins and weights (TaintToleration 3, NodeAffinity 2, PodTopologySpread 2 with the system
 * default spreading by owner, NodeResourcesFit LeastAllocated 1, NodeResourcesBalancedAllocation 1), ties
 * broken at random (selectHost) with a per-pod fork of ctx.rng. Pods that fit nowhere stay Pending with
 * PodScheduled=False and the scheduler's FitError message.
 *
 * Not simulated: preemption of lower-priority pods (every pod counts as priority 0), volumes, the
 * kube-system pods' requests on the control plane, ImageLocality, preferred inter-pod affinity.
 */
import type { Node, Pod } from '../api/objects.ts';
import type { PodCondition } from 'kubernetes-types/core/v1';
import {
  addPod,
  filterNode,
  newNodeInfo,
  nodeSelectorTermMatches,
  podProfile,
  toleratesTaint,
  type FilterStatus,
  type NodeInfo,
  type PodProfile,
} from './scheduler-filters.ts';
import {
  asKube,
  diagnose,
  emit,
  mut,
  nameOf,
  namespaceOf,
  rootOwnerId,
  type ControllerContext,
} from './meta.ts';
import { compareRFC3339, isPodTerminal } from './pod-util.ts';
import type { Rng } from '../sim/rng.ts';

const MAX_NODE_SCORE = 100;

/** framework DefaultNormalizeScore, in place. */
function normalize(scores: number[], reverse: boolean): number[] {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  for (let k = 0; k < scores.length; k++) {
    if (max === 0) scores[k] = reverse ? MAX_NODE_SCORE : 0;
    else {
      const v = Math.trunc((MAX_NODE_SCORE * scores[k]!) / max);
      scores[k] = reverse ? MAX_NODE_SCORE - v : v;
    }
  }
  return scores;
}

/** PreferNoSchedule taints of the node that the pod does not tolerate. */
function intolerablePreferences(pod: Pod, info: NodeInfo): number {
  const taints = info.node.spec?.taints;
  if (!taints?.length) return 0;
  return taints.filter(
    (t) =>
      t.effect === 'PreferNoSchedule' && !(pod.spec?.tolerations ?? []).some((tol) => toleratesTaint(tol, t)),
  ).length;
}

/** The weighted sum of the default Score plugins per feasible node (called once per pod: plain loops). */
function scoreNodes(pod: Pod, feasible: NodeInfo[], profile: PodProfile, tainted: boolean): number[] {
  const req = profile.nonZeroRequests;
  const n = feasible.length;
  // Without taints on any node (`tainted`: on any node of the cluster) every node scores MAX_NODE_SCORE
  // (normalize of all zeros, reversed); without preferred terms, 0: the usual case computes neither list.
  const taint = tainted
    ? normalize(
        feasible.map((i) => intolerablePreferences(pod, i)),
        true,
      )
    : undefined;
  const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  const affinity = preferred?.length
    ? normalize(
        feasible.map((i) => {
          let sum = 0;
          for (const p of preferred) if (nodeSelectorTermMatches(p.preference, i.node)) sum += p.weight;
          return sum;
        }),
        false,
      )
    : undefined;
  // Pods of the same controller on each node (a pod without a controller has no group).
  const group = profile.controllerKey;
  let maxC = 0;
  let minC = Infinity;
  const counts = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const c = group === undefined ? 0 : (feasible[k]!.podsPerController.get(group) ?? 0);
    counts[k] = c;
    if (c > maxC) maxC = c;
    if (c < minC) minC = c;
  }
  const scores = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const i = feasible[k]!;
    const spread =
      maxC === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (maxC + minC - counts[k]!)) / maxC);
    const cpu = i.nonZeroRequested.milliCPU + req.milliCPU;
    const mem = i.nonZeroRequested.memory + req.memory;
    const least = Math.trunc((free(cpu, i.allocatable.milliCPU) + free(mem, i.allocatable.memory)) / 2);
    const fc = i.allocatable.milliCPU > 0 ? Math.min(1, cpu / i.allocatable.milliCPU) : 1;
    const fm = i.allocatable.memory > 0 ? Math.min(1, mem / i.allocatable.memory) : 1;
    const balanced = Math.trunc((1 - Math.abs(fc - fm) / 2) * MAX_NODE_SCORE);
    const taintScore = taint ? taint[k]! : MAX_NODE_SCORE;
    const affinityScore = affinity ? affinity[k]! : 0;
    scores[k] = 3 * taintScore + 2 * affinityScore + 2 * spread + least + balanced;
  }
  return scores;
}

/**
 * selectHost: the feasible node with the highest score; among equal ones, one picked at random (the
 * generator is made only when there is a tie).
 */
function selectHost(feasible: NodeInfo[], scores: number[], tieBreaker: () => Rng): NodeInfo | undefined {
  let best = -Infinity;
  let ties = 0;
  for (const s of scores) {
    if (s > best) {
      best = s;
      ties = 1;
    } else if (s === best) ties++;
  }
  // A NaN score (a node with unreadable capacity) makes no node the best, as Math.max would.
  if (scores.some(Number.isNaN)) return undefined;
  let pick = ties > 1 ? tieBreaker().int(ties) : 0;
  for (let k = 0; k < feasible.length; k++) if (scores[k] === best && pick-- === 0) return feasible[k];
  return undefined;
}

/** NodeResourcesFit LeastAllocated for one resource. */
function free(used: number, cap: number): number {
  return cap <= 0 || used > cap ? 0 : Math.trunc(((cap - used) * MAX_NODE_SCORE) / cap);
}

/** framework.FitError.Error() plus the DefaultPreemption PostFilter message. */
export function fitErrorMessage(pod: Pod, statuses: FilterStatus[]): string {
  const n = statuses.length;
  const histogram = (reasons: string[]) => {
    const counts = new Map<string, number>();
    for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    return [...counts].map(([r, c]) => `${c} ${r}`).sort();
  };
  let msg = `0/${n} nodes are available: ${histogram(statuses.flatMap((s) => s.reasons)).join(', ')}.`;
  if (pod.spec?.preemptionPolicy === 'Never') {
    msg += ' preemption: not eligible due to preemptionPolicy=Never.';
  } else {
    const pre = histogram(
      statuses.map((s) =>
        s.unresolvable
          ? 'Preemption is not helpful for scheduling'
          : 'No preemption victims found for incoming pod',
      ),
    );
    msg += ` preemption: 0/${n} nodes are available: ${pre.join(', ')}.`;
  }
  return msg;
}

function setPodScheduled(pod: Pod, cond: PodCondition): void {
  const status = (mut(pod).status ??= {});
  const others = (status.conditions ?? []).filter((c: PodCondition) => c.type !== 'PodScheduled');
  status.conditions = [...others, cond];
}

/**
 * The PodScheduled=True condition of pods bound at one instant: one object for all of them, in every
 * simulation (no one changes a condition in place; the kubelet writes new ones).
 */
class ScheduledConditions {
  private readonly byTime = new Map<string, PodCondition>();

  at(time: string): PodCondition {
    if (this.byTime.size >= 10_000) this.byTime.clear();
    let c = this.byTime.get(time);
    if (!c) {
      c = {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: time,
      };
      this.byTime.set(time, c);
    }
    return c;
  }
}

const scheduledConditions = new ScheduledConditions();

/**
 * The spec of a bound pod: its spec with nodeName added. Pods of one ReplicaSet share their spec until
 * bound (replicaset.ts siblingPod), so the spec with a nodeName key is laid out once per spec and copied
 * for each pod: every copy then has the same hidden class and costs one copy. (`{ ...spec, nodeName }` gave
 * each of 2,000 specs a hidden class of its own, and every later read of a pod's spec went megamorphic;
 * Object.assign from an empty object, or adding nodeName in place, cost more.)
 */
class BoundSpecs {
  private readonly laidOut = new Map<PodSpec, PodSpec>();

  bind(spec: PodSpec | undefined, nodeName: string): PodSpec {
    if (!spec) return { nodeName } as PodSpec;
    let layout = this.laidOut.get(spec);
    if (!layout) this.laidOut.set(spec, (layout = Object.assign({}, spec, { nodeName: '' })));
    const bound = { ...layout };
    bound.nodeName = nodeName;
    return bound;
  }
}

type PodSpec = NonNullable<Pod['spec']>;

function timeOf(o: { metadata?: { creationTimestamp?: string } }): string {
  return o.metadata?.creationTimestamp ?? '';
}

/** a <= b for creationTimestamps; a missing timestamp is the cluster's beginning. */
function notAfter(a: string, b: string): boolean {
  if (!a) return true;
  if (!b) return false;
  return compareRFC3339(a, b) <= 0;
}

/**
 * Pods in the order the scheduling queue pops them (same priority): oldest first and, within the same
 * second, in the order they were created (`creationIndex`, the store's create sequence), as they arrived
 * in the queue. A ReplicaSet's pods are created one after another, so scaling it up adds a pod at the end
 * of the queue and the ones before it land where they did.
 */
export function byCreation<T extends { metadata?: { creationTimestamp?: string } }>(
  items: readonly T[],
  creationIndex: (item: T) => number,
): T[] {
  const keyed = items.map((item) => ({ item, time: timeOf(item), seq: creationIndex(item) }));
  keyed.sort((a, b) => {
    if (a.time !== b.time) return !a.time ? -1 : !b.time ? 1 : compareRFC3339(a.time, b.time);
    return a.seq - b.seq;
  });
  return keyed.map((k) => k.item);
}

/**
 * Schedules every pod without spec.nodeName that the default scheduler owns (schedulerName unset or
 * `default-scheduler`, not terminal, not being deleted), oldest first, each decision seeing the pods placed
 * before it. A pod only sees the nodes registered by its creationTimestamp; if none fits it is retried as
 * each later node joins (the scheduling queue's retry on Node add), so pods created at `kubeadm init` land
 * on the control plane.
 */
export function schedulePods(cc: ControllerContext): void {
  const { store, ctx } = cc;
  const created = (o: Node | Pod) => store.creationIndex(asKube(o));
  const infos = byCreation(store.list<Node>('Node'), created).map(newNodeInfo);
  const byName = new Map(infos.map((i) => [nameOf(i.node), i]));
  const pods = byCreation(store.list<Pod>('Pod'), created);
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (n && !isPodTerminal(p)) {
      const info = byName.get(n);
      if (info) addPod(info, p);
    }
  }
  const nodeTimes = infos.map((i) => timeOf(i.node));
  const scheduled = scheduledConditions;
  const boundSpecs = new BoundSpecs();
  const tainted = infos.some((i) => i.node.spec?.taints?.length);
  for (const pod of pods) {
    if (pod.spec?.nodeName || isPodTerminal(pod) || pod.metadata?.deletionTimestamp) continue;
    if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') continue;
    const podId = store.idOfStored(asKube(pod));
    const created = timeOf(pod);
    const joinedLater = nodeTimes.filter((t) => !notAfter(t, created));
    const attempts = joinedLater.length ? [created, ...new Set(joinedLater)] : [created];
    const profile = podProfile(pod);
    let chosen: NodeInfo | undefined;
    let at = created;
    // The Filter results of the last attempt, when it saw every node: the FitError reports the same ones.
    let lastStatuses: (FilterStatus | undefined)[] | undefined;
    for (const t of attempts) {
      // Usually every node is older than the pod: then all of them are eligible at the first attempt.
      const eligible = joinedLater.length ? infos.filter((_, k) => notAfter(nodeTimes[k]!, t)) : infos;
      const statuses = eligible.map((i) => filterNode(pod, i, eligible, profile));
      lastStatuses = eligible.length === infos.length ? statuses : undefined;
      const feasible = eligible.filter((_, k) => statuses[k] === undefined);
      if (!feasible.length) continue;
      const scores = scoreNodes(pod, feasible, profile, tainted);
      chosen = selectHost(feasible, scores, () => ctx.rng.fork(`schedule:${podId}`));
      at = t;
      break;
    }
    if (!chosen) {
      const statuses = (lastStatuses ?? infos.map((i) => filterNode(pod, i, infos))).filter(
        (s): s is FilterStatus => s !== undefined,
      );
      const message = infos.length ? fitErrorMessage(pod, statuses) : 'no nodes available to schedule pods';
      mut(pod).status = { ...pod.status, phase: 'Pending' };
      diagnose(cc, {
        severity: 'warning',
        code: 'FailedScheduling',
        objectId: podId,
        ownerId: rootOwnerId(store, pod, 'Pod'),
        message,
        params: { nodes: infos.length },
      });
      if (getScheduledMessage(pod) !== message) {
        setPodScheduled(pod, {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message,
          lastProbeTime: null as unknown as string,
          lastTransitionTime: ctx.clock.rfc3339(),
        });
        emit(cc, () => ({
          type: 'Warning',
          reason: 'FailedScheduling',
          message,
          involvedObject: podId,
          source: 'default-scheduler',
        }));
      }
      store.write(asKube(pod));
      continue;
    }
    const nodeName = nameOf(chosen.node);
    pod.spec = boundSpecs.bind(pod.spec, nodeName);
    setPodScheduled(pod, scheduled.at(at || ctx.clock.rfc3339()));
    store.write(asKube(pod));
    addPod(chosen, pod, profile);
    cc.rec.clear(podId, 'FailedScheduling');
    emit(cc, () => ({
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${namespaceOf(pod)}/${nameOf(pod)} to ${nodeName}`,
      involvedObject: podId,
      source: 'default-scheduler',
    }));
  }
}

function getScheduledMessage(pod: Pod): string | undefined {
  return pod.status?.conditions?.find((c: PodCondition) => c.type === 'PodScheduled' && c.status === 'False')
    ?.message;
}
