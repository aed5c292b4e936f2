/**
 * kube-proxy writes the same rules for a Service port on every node that sees the port the same way: the
 * same endpoints in each category and the same settings (the node's own IP matters only to the
 * loadBalancerSourceRanges firewall). So the rules one node wrote for a port are written again on the next
 * node with an equal view instead of being built again, as long as the nodes sync from the same input.
 * Such rules are shared and read-only: layoutTables gives every node its own copy, at its own line.
 */
import type { EndpointInfo } from '../endpoint-info.ts';
import type { ProxyInput } from '../input.ts';
import type { ServicePortInfo } from '../service-port.ts';
import type { CategorizedEndpoints } from '../topology.ts';
import { TableBuffer } from './rule.ts';
import { writeServicePortRules, type SyncContext } from './service-rules.ts';

/** What writeServicePortRules read for one Service port on one node, and what it wrote. */
interface Written {
  ctx: SyncContext;
  eps: CategorizedEndpoints;
  filter: TableBuffer;
  nat: TableBuffer;
}

/** Per proxier input (one simulation's nodes), per Service port: what was written, per view. */
const written = new WeakMap<ProxyInput, Map<ServicePortInfo, Written[]>>();

/** Does writeServicePortRules see the same thing? (Everything it reads besides the Service port.) */
function sameView(
  svcInfo: ServicePortInfo,
  a: Written,
  ctx: SyncContext,
  eps: CategorizedEndpoints,
): boolean {
  const usesFirewall = svcInfo.loadBalancerVIPs.length > 0 && svcInfo.loadBalancerSourceRanges.length > 0;
  return (
    a.ctx.clusterCIDR === ctx.clusterCIDR &&
    a.ctx.masqueradeAll === ctx.masqueradeAll &&
    a.ctx.localhostNodePorts === ctx.localhostNodePorts &&
    a.ctx.nfacct === ctx.nfacct &&
    a.ctx.largeClusterMode === ctx.largeClusterMode &&
    (!usesFirewall || a.ctx.nodeIP === ctx.nodeIP) &&
    a.eps.hasAnyEndpoints === eps.hasAnyEndpoints &&
    sameEndpoints(a.eps.clusterEndpoints, eps.clusterEndpoints) &&
    sameEndpoints(a.eps.localEndpoints, eps.localEndpoints) &&
    sameEndpoints(a.eps.allReachableEndpoints, eps.allReachableEndpoints)
  );
}

/** The endpoint fields the rules are written from. */
function sameEndpoints(a: readonly EndpointInfo[], b: readonly EndpointInfo[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.ip !== y.ip || x.port !== y.port || x.podId !== y.podId) return false;
  }
  return true;
}

/** writeServicePortRules into ctx.filter and ctx.nat, reusing what another node of `input` wrote. */
export function writeSharedServicePortRules(
  input: ProxyInput,
  ctx: SyncContext,
  svcInfo: ServicePortInfo,
  eps: CategorizedEndpoints,
): void {
  let byPort = written.get(input);
  if (!byPort) written.set(input, (byPort = new Map()));
  let views = byPort.get(svcInfo);
  if (!views) byPort.set(svcInfo, (views = []));
  let w = views.find((v) => sameView(svcInfo, v, ctx, eps));
  if (!w) {
    w = { ctx, eps, filter: new TableBuffer('filter'), nat: new TableBuffer('nat') };
    writeServicePortRules({ ...ctx, filter: w.filter, nat: w.nat }, svcInfo, eps);
    views.push(w);
  }
  append(w.filter, ctx.filter);
  append(w.nat, ctx.nat);
}

/** The same chain declarations and rules, in the same order, as writing them into `to` directly. */
function append(from: TableBuffer, to: TableBuffer): void {
  for (const c of from.chains) to.chain(c);
  for (const r of from.rules) to.rules.push(r);
}
