/**
 * traceRequest: a request's journey through the simulated cluster, decided by kube-proxy's rules on the
 * node the packet enters — client → [DNS] → [load balancer] → node (nat/filter rules or IPVS) → Service →
 * [forward] → pod, then the reply back through conntrack's reverse NAT. Every endpoint the rules could
 * pick is listed with its probability before one is sampled with the Rng. Never throws.
 */
import type { Rng } from '../sim/rng.ts';
import { clusterIndexFor } from './cluster-index.ts';
import { resolveClient } from './client.ts';
import type { Ctx, Result } from './context.ts';
import { HopList } from './hops.ts';
import { enterCluster } from './ingress.ts';
import { walkNodes } from './node-walk.ts';
import { resolveTarget } from './resolve-target.ts';
import { cloneRuntime } from './runtime.ts';
import type { Packet, Protocol, ProxyRuntime, Trace, TraceInput, TraceRequest } from './types.ts';

function runTrace(ctx: Ctx): Result {
  const target = resolveTarget(ctx);
  if ('done' in target) return target.done;
  const entry = enterCluster(ctx, target);
  if ('done' in entry) return { ...entry.done, ...(target.dns ? { dns: target.dns } : {}) };
  return walkNodes(ctx, target, entry);
}

/**
 * Traces one request. `runtime` is not modified: the returned runtime carries the kernel state after the
 * request (recent lists for sessionAffinity, IPVS scheduler positions and persistence templates).
 */
export function traceRequest(
  input: TraceInput,
  req: TraceRequest,
  runtime: ProxyRuntime,
  rng: Rng,
): { trace: Trace; runtime: ProxyRuntime } {
  const protocol: Protocol = req?.protocol === 'UDP' || req?.protocol === 'SCTP' ? req.protocol : 'TCP';
  const now = typeof req?.time === 'number' && Number.isFinite(req.time) ? req.time : 0;
  const hops = new HopList();
  const fallbackPacket: Packet = {
    src: '',
    srcPort: 0,
    dst: String(req?.target ?? ''),
    dstPort: 0,
    protocol,
  };
  try {
    const rt = cloneRuntime(runtime);
    const index = clusterIndexFor(input.services ?? [], input.nodes ?? [], input.pods ?? []);
    const c = resolveClient(req.client, index);
    if (!c.ok) {
      hops.add({
        kind: 'client',
        at: c.at,
        before: fallbackPacket,
        after: fallbackPacket,
        action: 'drop',
        code: c.code,
        params: { client: c.label },
        rules: [],
      });
      return {
        trace: {
          request: req,
          node: '',
          packet: fallbackPacket,
          candidates: [],
          verdict: 'NONE',
          masquerade: false,
          hops: hops.hops,
        },
        runtime: cloneRuntime(runtime),
      };
    }
    const ctx: Ctx = { input, index, req, protocol, now, rt, rng, hops, client: c.client };
    const r = runTrace(ctx);
    const firstSend = hops.hops.find((h) => h.kind === 'client' && h.action === 'send');
    const trace: Trace = {
      request: req,
      node: r.node,
      packet: firstSend?.after ?? hops.hops[0]?.after ?? fallbackPacket,
      candidates: r.candidates,
      verdict: r.verdict,
      masquerade: r.masquerade,
      hops: hops.hops,
    };
    if (r.dns) trace.dns = r.dns;
    if (r.chosen) trace.chosen = r.chosen;
    if (r.serviceId) trace.serviceId = r.serviceId;
    return { trace, runtime: rt };
  } catch (e) {
    const err = new HopList();
    err.add({
      kind: 'client',
      at: 'client/external',
      before: fallbackPacket,
      after: fallbackPacket,
      action: 'drop',
      code: 'hop.error',
      params: { reason: e instanceof Error ? e.message : String(e) },
      rules: [],
    });
    return {
      trace: {
        request: req,
        node: '',
        packet: fallbackPacket,
        candidates: [],
        verdict: 'NONE',
        masquerade: false,
        hops: err.hops,
      },
      runtime: cloneRuntime(runtime),
    };
  }
}
