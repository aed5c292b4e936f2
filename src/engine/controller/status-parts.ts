/**
 * Pod status parts the kubelet makes that are the same for many pods and from one simulation to the next:
 * conditions, running states, hostIPs and podIPs lists, the lists of container statuses and conditions. Made
 * once and shared, read-only: nothing changes a status part in place (a later kubelet pass builds new
 * ones), so thousands of pods hold a few objects, and a re-simulation's result holds old ones the garbage
 * collector need not move.
 */
import type { ContainerStatus, PodCondition } from 'kubernetes-types/core/v1';

export type Cond = PodCondition;

function cond(type: string, ok: boolean, now: string, reason?: string, message?: string): Cond {
  // Keys assigned in order rather than spread: six conditions per pod, thousands of pods.
  const c: Cond = { type, status: ok ? 'True' : 'False' };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  c.lastProbeTime = null as unknown as string;
  c.lastTransitionTime = now;
  return c;
}

/** Conditions, running states and hostIPs lists, each made once per content. */
export class SharedStatusParts {
  /** Conditions without reason or message, by instant, then type and status. */
  private readonly plain = new Map<string, Map<string, Cond>>();
  /** The kubelet's form of a condition the pod already had, by that condition. */
  private readonly keptConditions = new Map<Cond, Cond>();
  private readonly hostIPs = new Map<string, { ip: string }[]>();
  private readonly running = new Map<string, ContainerStatus['state']>();
  readonly noLastState = {};

  cond(type: string, ok: boolean, now: string, reason?: string, message?: string): Cond {
    // A condition with a reason is rare (not ready, completed): it is not worth a key.
    if (reason || message) return cond(type, ok, now, reason, message);
    let atNow = this.plain.get(now);
    if (!atNow) this.plain.set(now, (atNow = new Map()));
    const key = ok ? type : `!${type}`;
    let c = atNow.get(key);
    if (!c) atNow.set(key, (c = cond(type, ok, now)));
    return c;
  }

  /** A condition the pod already had (the scheduler's, or one from the YAML), in the kubelet's form. */
  kept(u: Cond, now: string): Cond {
    // With both times given the form does not depend on `now`: one per condition object.
    const timed = u.lastProbeTime !== undefined && u.lastTransitionTime !== undefined;
    let c = timed ? this.keptConditions.get(u) : undefined;
    if (!c) {
      c = { type: u.type, status: u.status };
      if (u.reason) c.reason = u.reason;
      if (u.message) c.message = u.message;
      c.lastProbeTime = u.lastProbeTime ?? (null as unknown as string);
      c.lastTransitionTime = u.lastTransitionTime ?? now;
      if (timed) this.keptConditions.set(u, c);
    }
    return c;
  }

  hostIPsOf(ip: string): { ip: string }[] {
    let ips = this.hostIPs.get(ip);
    if (!ips) this.hostIPs.set(ip, (ips = [{ ip }]));
    return ips;
  }

  runningSince(now: string): ContainerStatus['state'] {
    let state = this.running.get(now);
    if (!state) this.running.set(now, (state = { running: { startedAt: now } }));
    return state;
  }

  /** Forgets everything once it holds too much (conditions from the YAML are kept by object). */
  trim(): void {
    if (this.plain.size + this.keptConditions.size + this.hostIPs.size + this.running.size < 50_000) return;
    this.plain.clear();
    this.keptConditions.clear();
    this.hostIPs.clear();
    this.running.clear();
  }
}

export const sharedParts = new SharedStatusParts();

/** `[{ ip }]`, one per address, shared across simulations like runningStatuses (and its string too). */
export function singlePodIPs(ip: string): { ip: string }[] {
  let ips = podIPLists.get(ip);
  if (!ips) {
    if (podIPLists.size >= RUNNING_STATUS_CACHE_LIMIT) podIPLists.clear();
    podIPLists.set(ip, (ips = [{ ip }]));
  }
  return ips;
}

const podIPLists = new Map<string, { ip: string }[]>();

/**
 * `list`, or the pod's list of the same kind from the last simulation when it holds the very same objects
 * (container statuses and conditions are shared across simulations): the list is then shared too.
 */
export function sharedList<T>(lists: Map<string, T[]>, podId: string, list: T[]): T[] {
  const last = lists.get(podId);
  if (last && sameItems(last, list)) return last;
  if (lists.size >= RUNNING_STATUS_CACHE_LIMIT) lists.clear();
  lists.set(podId, list);
  return list;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const statusLists = new Map<string, ContainerStatus[]>();
export const conditionLists = new Map<string, Cond[]>();
const RUNNING_STATUS_CACHE_LIMIT = 50_000;

/**
 * The generated conditions, each replaced by the pod's own of the same type if it has one, then the pod's
 * conditions of other types (the last of a type, in first-seen order).
 */
export function mergeConditions(
  existing: readonly Cond[],
  generated: Cond[],
  now: string,
  parts: SharedStatusParts,
): Cond[] {
  // Usual case: the scheduler's PodScheduled alone. No index to build for one condition.
  if (existing.length === 1) {
    const only = existing[0]!;
    let matched = false;
    const merged = generated.map((g) =>
      g.type === only.type ? ((matched = true), parts.kept(only, now)) : g,
    );
    if (!matched) merged.push(only);
    return merged;
  }
  const byType = new Map<string, Cond>(existing.map((c) => [c.type, c]));
  const merged = generated.map((g) => {
    const u = byType.get(g.type);
    byType.delete(g.type);
    return u ? parts.kept(u, now) : g;
  });
  return [...merged, ...byType.values()];
}
