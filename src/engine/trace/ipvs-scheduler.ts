/**
 * IPVS scheduling of a new connection (net/netfilter/ipvs): persistence templates first for `persistent`
 * services (sessionAffinity ClientIP), then the scheduler. rr/wrr walk the real servers in order; sh and
 * dh hash the source / destination address. The other schedulers (lc, wlc, sed, nq, ...) pick the server
 * with the fewest connections, which for the playground's one-at-a-time requests behaves like rr; they are
 * approximated by rr.
 */
import type { IpvsRealServer, IpvsVirtualServer } from '../proxy/types.ts';
import { fnv1a32 } from '../sim/rng.ts';
import { ipvsServiceRuntime } from './runtime.ts';
import type { ProxyRuntime } from './types.ts';

export interface IpvsSchedule {
  /** Every real server with its share (equal shares; one server at probability 1 when a template applies). */
  candidates: { rs: IpvsRealServer; probability: number }[];
  chosen?: IpvsRealServer;
  /** The client stuck to its persistence template. */
  persistent: boolean;
}

const rsKey = (rs: IpvsRealServer) => `${rs.ip}:${rs.port}`;

/** Schedules one connection and records it in the runtime (scheduler position, persistence template). */
export function scheduleIpvs(
  vs: IpvsVirtualServer,
  node: string,
  src: string,
  dst: string,
  now: number,
  rt: ProxyRuntime,
): IpvsSchedule {
  const servers = vs.realServers;
  if (servers.length === 0) return { candidates: [], persistent: false };
  const state = ipvsServiceRuntime(rt, node, vs);
  if (vs.persistentTimeout !== undefined) {
    const tpl = state.persistence[src];
    const rs = tpl && servers.find((s) => rsKey(s) === tpl.realServer);
    if (tpl && rs && now - tpl.lastSeen < vs.persistentTimeout) {
      tpl.lastSeen = now;
      return { candidates: [{ rs, probability: 1 }], chosen: rs, persistent: true };
    }
  }
  let index: number;
  switch (vs.scheduler) {
    case 'sh':
      index = fnv1a32(src) % servers.length;
      break;
    case 'dh':
      index = fnv1a32(dst) % servers.length;
      break;
    case 'mh':
      index = fnv1a32(`${src}`) % servers.length;
      break;
    default:
      index = state.scheduled % servers.length;
  }
  state.scheduled += 1;
  const chosen = servers[index]!;
  if (vs.persistentTimeout !== undefined)
    state.persistence[src] = { realServer: rsKey(chosen), lastSeen: now };
  return {
    candidates: servers.map((rs) => ({ rs, probability: 1 / servers.length })),
    chosen,
    persistent: false,
  };
}
