/** Pod helpers, after pkg/api/v1/pod/util.go and k8s.io/endpointslice/util. */
import type { Pod } from '../api/objects.ts';
import type { PodCondition } from 'kubernetes-types/core/v1';

export function getPodCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodCondition(pod, 'Ready')?.status === 'True';
}

/** podutil.IsPodTerminal: phase Succeeded or Failed. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** controller.IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

/**
 * status.podIPs, or [status.podIP] when only the singular field was written (the v1 -> internal conversion
 * fills podIPs from podIP the same way).
 */
export function podIPsOf(pod: Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (ips.length) return ips;
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

/**
 * endpointsliceutil.ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless
 * `includeTerminating`.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** endpointsliceutil.ShouldSetHostname: hostname set, subdomain names the Service, same namespace. */
export function shouldSetHostname(
  pod: Pod,
  svc: { metadata?: { name?: string; namespace?: string } },
): boolean {
  const hostname = pod.spec?.hostname ?? '';
  return (
    hostname.length > 0 &&
    (pod.spec?.subdomain ?? '') === (svc.metadata?.name ?? '') &&
    (svc.metadata?.namespace ?? 'default') === (pod.metadata?.namespace ?? 'default')
  );
}

/** The endpoints trigger time of a pod: its Ready condition's lastTransitionTime (getPodTriggerTime). */
export function podTriggerTime(pod: Pod): string | undefined {
  return getPodCondition(pod, 'Ready')?.lastTransitionTime;
}

/** Orders RFC 3339 timestamps by instant (UTC `Z` form; fractions compared numerically). */
export function compareRFC3339(a: string, b: string): number {
  if (a === b) return 0;
  // Without a fraction (no `.` after the seconds) the text orders as the instant does.
  if (a.charCodeAt(19) !== 0x2e && b.charCodeAt(19) !== 0x2e) return a < b ? -1 : 1;
  const split = (t: string): [string, number] => {
    const m = /^(.{19})(\.\d+)?(.*)$/.exec(t);
    if (!m) return [t, 0];
    return [m[1]! + (m[3] ?? ''), m[2] ? Number(`0${m[2]}`) : 0];
  };
  const [sa, fa] = split(a);
  const [sb, fb] = split(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return fa - fb;
}
