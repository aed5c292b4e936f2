/** Keeps the client and target pickers pointing at things that exist after the cluster changes. */
import type { SimulationResult, TraceClient } from '../engine/index.ts';
import { podId, podsNotBehindAService, serviceType, visiblePods, visibleServices } from './cluster-view.ts';
import type { EnginePort } from './engine-port.ts';
import { defaultEntryPoint, entryPoints } from './entry-points.ts';
import type { ClientChoice, PlaygroundState, TrafficSlice } from './types.ts';

/**
 * The address the external client sends from: 203.0.113.10 (TEST-NET-3, RFC 5737), the same client the
 * CLI's golden traces use. Only the UI's choice of sender; the engine decides the path.
 */
export const EXTERNAL_CLIENT_IP = '203.0.113.10';

export function toTraceClient(client: ClientChoice): TraceClient {
  return client.kind === 'external'
    ? { kind: 'external', ip: EXTERNAL_CLIENT_IP }
    : { kind: 'pod', namespace: client.namespace, name: client.name };
}

export function clientId(client: ClientChoice): string {
  return client.kind === 'external' ? 'client/external' : `pod/${client.namespace}/${client.name}`;
}

/** External when a Service is reachable from outside; otherwise a pod that is nobody's backend. */
export function defaultClient(result: SimulationResult): ClientChoice {
  const outside = visibleServices(result).some((s) => ['NodePort', 'LoadBalancer'].includes(serviceType(s)));
  if (outside) return { kind: 'external' };
  const pod = podsNotBehindAService(result)[0] ?? visiblePods(result)[0];
  if (!pod?.metadata?.name) return { kind: 'external' };
  return { kind: 'pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name };
}

function clientExists(result: SimulationResult, client: ClientChoice): boolean {
  if (client.kind === 'external') return true;
  const id = clientId(client);
  return result.cluster.pods.some((p) => podId(p) === id);
}

export function reconcileTarget(
  result: SimulationResult,
  client: ClientChoice,
  target: string | null,
): string | null {
  const entries = entryPoints(result, client);
  if (target && entries.some((e) => e.target === target)) return target;
  return defaultEntryPoint(entries, result, client)?.target ?? null;
}

/** New cluster, fresh kube-proxy runtime; a new scenario also clears the packets and counters. */
export function reconcileTraffic(
  state: PlaygroundState,
  result: SimulationResult,
  engine: EnginePort,
  newScenario: boolean,
): Partial<TrafficSlice> {
  const client = !newScenario && clientExists(result, state.client) ? state.client : defaultClient(result);
  const target = reconcileTarget(result, client, newScenario ? null : state.target);
  const base = { client, target, traceState: engine.initialTraceState(state.seed) };
  if (!newScenario) return base;
  return { ...base, packets: [], podRequests: {}, lastPacketId: null };
}
