import { traceRequest, initialProxyRuntime, type ProxyRuntime } from '../trace/index.ts';
import type { Trace, TraceInput, TraceRequest } from '../trace/types.ts';
import { dnsIndexFor } from './dns-session.ts';
import { resolveDnsIndexed } from '../dns/index.ts';
import type { SimulationResult } from './result.ts';
import { forkedRng } from './rng.ts';

/**
 * What survives between requests, as on a real node: kube-proxy's `recent` lists (session affinity),
 * ipvs round-robin positions, the request count (each request draws from its own rng stream) and virtual
 * time. Plain JSON, so a shared link or a test can replay a session exactly.
 */
export interface TraceState {
  seed: number;
  count: number;
  /** Virtual seconds since the first request. */
  time: number;
  runtime: ProxyRuntime;
}

export function initialTraceState(seed = 1): TraceState {
  return { seed, count: 0, time: 0, runtime: initialProxyRuntime() };
}

/** Sends one request through the simulated cluster; returns its trace and the state after it. */
export function tracePacket(
  result: SimulationResult,
  req: TraceRequest,
  state: TraceState,
): { trace: Trace; state: TraceState } {
  const rng = forkedRng(state.seed, `request/${state.count}`);
  const time = req.time ?? state.time;
  const { trace, runtime } = traceRequest(traceInputFor(result), { ...req, time }, state.runtime, rng);
  return { trace, state: { seed: state.seed, count: state.count + 1, time, runtime } };
}

const inputs = new WeakMap<SimulationResult, TraceInput>();

/** What the tracer reads from a result, put together once per result (a session traces many requests). */
function traceInputFor(result: SimulationResult): TraceInput {
  let input = inputs.get(result);
  if (!input) {
    const index = dnsIndexFor(result);
    input = {
      proxy: result.proxy,
      services: result.cluster.services,
      pods: result.cluster.pods,
      nodes: result.cluster.nodes,
      endpointSlices: result.cluster.endpointSlices,
      config: result.cluster.config,
      resolve: (q) => resolveDnsIndexed(index, q),
    };
    inputs.set(result, input);
  }
  return input;
}
