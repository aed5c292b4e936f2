/**
 * A recording stand-in for the engine, for store tests that must not depend on Kubernetes behaviour:
 * text → fixture result by name, and a tracer that walks client → node → Service → pods round-robin.
 * simulate() answers on the next microtask, or, with `hold: true`, only when the test says so (in any
 * order), to play out a slow worker.
 */
import type { Hop, Packet, SimulationResult, Trace, TraceRequest } from '../../engine/index.ts';
import type { EnginePort } from '../engine-port.ts';
import { EXTERNALNAME_RESULT, FATAL_RESULT, LOADBALANCER_RESULT, NODEPORT_RESULT } from './results.ts';

export const FIXTURE_TEXTS: Record<string, SimulationResult> = {
  'kind: NodePort': NODEPORT_RESULT,
  'kind: LoadBalancer': LOADBALANCER_RESULT,
  'kind: ExternalName': EXTERNALNAME_RESULT,
  'not: [yaml': FATAL_RESULT,
};

interface FakeTraceState {
  seed: number;
  count: number;
  time: number;
  runtime: { lastPod: number };
}

const packet = (dst: string, dstPort: number): Packet => ({
  src: '203.0.113.10',
  srcPort: 40000,
  dst,
  dstPort,
  protocol: 'TCP',
});

function hop(index: number, kind: Hop['kind'], at: string, action: Hop['action'], p: Packet): Hop {
  return { index, kind, at, before: p, after: p, action, code: `hop.${action}`, params: {}, rules: [] };
}

/** A simulate() call the test answers by hand. */
export interface HeldAnswer {
  text: string;
  answer(result?: SimulationResult | null): void;
  fail(error: Error): void;
}

export function createFakeEngine(opts: { hold?: boolean } = {}) {
  const calls = { simulate: [] as string[], trace: [] as TraceRequest[], held: [] as HeldAnswer[] };
  const engine: EnginePort = {
    simulate(text) {
      calls.simulate.push(text);
      const result = FIXTURE_TEXTS[text.trim()] ?? NODEPORT_RESULT;
      if (!opts.hold) return Promise.resolve(result);
      return new Promise((resolve, reject) => {
        calls.held.push({ text, answer: (r = result) => resolve(r), fail: reject });
      });
    },
    initialTraceState: (seed) => ({ seed, count: 0, time: 0, runtime: { lastPod: -1 } }) as never,
    tracePacket(result, req, state) {
      calls.trace.push(req);
      const s = state as unknown as FakeTraceState;
      const pods = result.cluster.pods.filter((p) => p.metadata?.namespace === 'default');
      const next = (s.runtime.lastPod + 1) % Math.max(1, pods.length);
      const pod = pods[next];
      const p = packet('192.168.56.12', 31001);
      const hops: Hop[] = [
        hop(0, 'client', 'client/external', 'send', p),
        hop(1, 'node', 'node/myserver02', 'dnat', p),
      ];
      if (pod)
        hops.push(
          hop(2, 'pod', `pod/default/${pod.metadata?.name}`, 'deliver', packet(pod.status?.podIP ?? '', 80)),
        );
      const trace: Trace = {
        request: req,
        node: 'myserver02',
        packet: p,
        candidates: [],
        verdict: pod ? 'DNAT' : 'DROP',
        masquerade: false,
        hops,
      };
      const out: FakeTraceState = { ...s, count: s.count + 1, runtime: { lastPod: next } };
      return { trace, state: out as never };
    },
    examples: [
      { id: 'nodeport', yaml: 'kind: NodePort' },
      { id: 'loadbalancer', yaml: 'kind: LoadBalancer' },
      { id: 'externalname', yaml: 'kind: ExternalName' },
    ],
  };
  return { engine, calls };
}
