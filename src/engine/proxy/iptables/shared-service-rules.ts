/**
 * kube-proxy writes the same rules for a Service port on every node that sees the port the same way: the
 * same endpoints in each category and the same settings (the node's own IP matters only to the
 * loadBalancerSourceRanges firewall). So the rules one node wrote for a port are written again on the next
 * node with an equal view instead of being built again. A ServicePortRules kept from one simulation to the
 * next (ProxyInput.rules) does the same across simulations: an edit to one Service rewrites that Service's
 * rules only. Such rules are shared and read-only: layoutTables gives every node its own copy, at its line.
 */
import type { EndpointInfo } from '../endpoint-info.ts';
import type { ProxyInput } from '../input.ts';
import type { ServicePortInfo } from '../service-port.ts';
import type { CategorizedEndpoints } from '../topology.ts';
import { TableBuffer } from './rule.ts';
import { writeServicePortRules, type SyncContext } from './service-rules.ts';

/** What writeServicePortRules read for one Service port on one node (besides the port), and what it wrote. */
interface Written {
  view: Omit<SyncContext, 'filter' | 'nat'>;
  eps: CategorizedEndpoints;
  filter: TableBuffer;
  nat: TableBuffer;
}

/** Views kept per Service port: enough for nodes that differ (Local policies) without growing forever. */
const MAX_VIEWS = 8;

/** The views written for one Service port, and the port they were written for. */
interface PortRules {
  svcInfo: ServicePortInfo;
  views: Written[];
}

/** The rules written per Service port (by its content) and view, during this simulation and the last. */
export class ServicePortRules {
  /** By `ns/name:port` (unique per Service port): one entry each, replaced when the port changes. */
  private previous = new Map<string, PortRules>();
  private current = new Map<string, PortRules>();

  /** A new simulation begins: what the last one wrote stays available to it, older rules are dropped. */
  startRun(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** The views written for a Service port equal to `svcInfo` (in every field). */
  views(svcInfo: ServicePortInfo): Written[] {
    const key = svcInfo.nameString;
    const entry = this.current.get(key);
    // Every node of a simulation asks with the same ServicePortInfo.
    if (entry !== undefined && (entry.svcInfo === svcInfo || sameValue(entry.svcInfo, svcInfo))) {
      return entry.views;
    }
    const previous = this.previous.get(key);
    const views = previous !== undefined && sameValue(previous.svcInfo, svcInfo) ? previous.views : [];
    this.current.set(key, { svcInfo, views });
    return views;
  }
}

/**
 * Are two values equal in every field (arrays element by element, objects key by key)? Cheaper than
 * comparing their JSON, and makes no assumption about which fields a ServicePortInfo has.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (!Object.hasOwn(y, k) || !sameValue(x[k], y[k])) return false;
    keys++;
  }
  for (const k in y) if (Object.hasOwn(y, k)) keys--;
  return keys === 0;
}

/** The rules of one proxier input, when it brings no ServicePortRules of its own: shared by its nodes. */
const perInput = new WeakMap<ProxyInput, ServicePortRules>();

/** Does writeServicePortRules see the same thing? (Everything it reads besides the Service port.) */
function sameView(
  svcInfo: ServicePortInfo,
  a: Written,
  ctx: SyncContext,
  eps: CategorizedEndpoints,
): boolean {
  const usesFirewall = svcInfo.loadBalancerVIPs.length > 0 && svcInfo.loadBalancerSourceRanges.length > 0;
  return (
    a.view.clusterCIDR === ctx.clusterCIDR &&
    a.view.masqueradeAll === ctx.masqueradeAll &&
    a.view.localhostNodePorts === ctx.localhostNodePorts &&
    a.view.nfacct === ctx.nfacct &&
    a.view.largeClusterMode === ctx.largeClusterMode &&
    (!usesFirewall || a.view.nodeIP === ctx.nodeIP) &&
    a.eps.hasAnyEndpoints === eps.hasAnyEndpoints &&
    sameEndpoints(a.eps.clusterEndpoints, eps.clusterEndpoints) &&
    sameEndpoints(a.eps.localEndpoints, eps.localEndpoints) &&
    sameEndpoints(a.eps.allReachableEndpoints, eps.allReachableEndpoints)
  );
}

/** The view written for what this node sees, if any (a loop: this runs per Service port and node). */
function findView(
  views: readonly Written[],
  svcInfo: ServicePortInfo,
  ctx: SyncContext,
  eps: CategorizedEndpoints,
): Written | undefined {
  for (const v of views) if (sameView(svcInfo, v, ctx, eps)) return v;
  return undefined;
}

/** The endpoint fields the rules are written from. */
function sameEndpoints(a: readonly EndpointInfo[], b: readonly EndpointInfo[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    // Nodes share the endpoints that are remote to both.
    if (x !== y && (x.ip !== y.ip || x.port !== y.port || x.podId !== y.podId)) return false;
  }
  return true;
}

/** writeServicePortRules into ctx.filter and ctx.nat, reusing what another node (or run) wrote. */
export function writeSharedServicePortRules(
  input: ProxyInput,
  ctx: SyncContext,
  svcInfo: ServicePortInfo,
  eps: CategorizedEndpoints,
): void {
  let rules = input.rules ?? perInput.get(input);
  if (!rules) perInput.set(input, (rules = new ServicePortRules()));
  const views = rules.views(svcInfo);
  let w = findView(views, svcInfo, ctx, eps);
  if (!w) {
    const view = {
      clusterCIDR: ctx.clusterCIDR,
      masqueradeAll: ctx.masqueradeAll,
      localhostNodePorts: ctx.localhostNodePorts,
      nfacct: ctx.nfacct,
      largeClusterMode: ctx.largeClusterMode,
      nodeIP: ctx.nodeIP,
    };
    w = { view, eps, filter: new TableBuffer('filter'), nat: new TableBuffer('nat') };
    writeServicePortRules({ ...ctx, filter: w.filter, nat: w.nat }, svcInfo, eps);
    views.push(w);
    if (views.length > MAX_VIEWS) views.shift();
  }
  ctx.filter.append(w.filter);
  ctx.nat.append(w.nat);
}
