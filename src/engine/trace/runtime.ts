/**
 * ProxyRuntime helpers: xt_recent (`/proc/net/xt_recent/<list>`) semantics for --set and
 * --rcheck --seconds, and IPVS scheduler state. All functions return or mutate plain JSON.
 */
import type { IpvsVirtualServer } from '../proxy/types.ts';
import type { IpvsServiceRuntime, ProxyRuntime } from './types.ts';
import { jsonCopy } from '../api/json-copy.ts';

export function emptyProxyRuntime(): ProxyRuntime {
  return { recent: {}, ipvs: {} };
}

/** A deep copy (the runtime is plain JSON). */
export function cloneRuntime(rt: ProxyRuntime | undefined): ProxyRuntime {
  if (!rt || typeof rt !== 'object') return emptyProxyRuntime();
  const copy = jsonCopy(rt) as Partial<ProxyRuntime>;
  return { recent: copy.recent ?? {}, ipvs: copy.ipvs ?? {} };
}

/** `-m recent --rcheck --seconds N`: the source was seen in the list no more than N seconds ago. */
export function recentCheck(
  rt: ProxyRuntime,
  node: string,
  list: string,
  src: string,
  seconds: number | undefined,
  now: number,
): boolean {
  const last = rt.recent[node]?.[list]?.[src];
  if (last === undefined) return false;
  // xt_recent matches while the last stamp is newer than now - seconds.
  return seconds === undefined || now - last < seconds;
}

/** `-m recent --set`: record the source in the list at `now`. */
export function recentSet(rt: ProxyRuntime, node: string, list: string, src: string, now: number): void {
  const lists = (rt.recent[node] ??= {});
  (lists[list] ??= {})[src] = now;
}

export function virtualServerKey(vs: Pick<IpvsVirtualServer, 'protocol' | 'ip' | 'port'>): string {
  return `${vs.protocol} ${vs.ip}:${vs.port}`;
}

export function ipvsServiceRuntime(
  rt: ProxyRuntime,
  node: string,
  vs: IpvsVirtualServer,
): IpvsServiceRuntime {
  const byVs = (rt.ipvs[node] ??= {});
  return (byVs[virtualServerKey(vs)] ??= { scheduled: 0, persistence: {} });
}
