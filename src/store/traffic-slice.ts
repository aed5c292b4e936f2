import type { StateCreator } from 'zustand/vanilla';
import type { Trace } from '../engine/index.ts';
import type { EnginePort } from './engine-port.ts';
import { defaultClient, reconcileTarget, toTraceClient } from './traffic-defaults.ts';
import type { PacketRun, PlaygroundState, TrafficSlice } from './types.ts';

/** Packets kept for the canvas and the trace panel; the oldest finished ones go first. */
export const MAX_PACKETS = 12;

/** The pod a trace delivered the request to, read from its hops. */
export function servingPod(trace: Trace): string | undefined {
  const hop = trace.hops.find((h) => h.kind === 'pod' && h.action === 'deliver' && !h.reply);
  return hop?.at ?? trace.chosen?.podId;
}

function prune(packets: PacketRun[]): PacketRun[] {
  const out = [...packets];
  while (out.length > MAX_PACKETS) {
    const i = out.findIndex((p) => p.status !== 'moving');
    out.splice(i < 0 ? 0 : i, 1);
  }
  return out;
}

const replace = (packets: PacketRun[], id: string, f: (p: PacketRun) => PacketRun) =>
  packets.map((p) => (p.id === id ? f(p) : p));

export const createTrafficSlice =
  (engine: EnginePort, seed: number): StateCreator<PlaygroundState, [], [], TrafficSlice> =>
  (set, get) => ({
    client: { kind: 'external' },
    target: null,
    traceState: engine.initialTraceState(seed),
    packets: [],
    lastPacketId: null,
    sentCount: 0,
    podRequests: {},

    setClient(client) {
      const { lastValidResult, target, client: before } = get();
      // From outside and from a pod, different addresses make sense: a new kind of client gets its default.
      const keep = before.kind === client.kind ? target : null;
      set({ client, target: reconcileTarget(lastValidResult, client, keep) });
    },

    setTarget(target) {
      set({ target });
    },

    sendRequest() {
      const { lastValidResult, client, target, traceState, sentCount, packets } = get();
      if (!target) return null;
      const { trace, state } = engine.tracePacket(
        lastValidResult,
        { client: toTraceClient(client), target },
        traceState,
      );
      const packet: PacketRun = {
        id: `req/${sentCount + 1}`,
        trace,
        hopIndex: 0,
        status: trace.hops.length > 0 ? 'moving' : 'dropped',
        servedBy: servingPod(trace),
      };
      set({
        traceState: state,
        sentCount: sentCount + 1,
        packets: prune([...packets, packet]),
        lastPacketId: packet.id,
      });
      return packet;
    },

    advancePacket(id, hopIndex) {
      set({ packets: replace(get().packets, id, (p) => (p.status === 'moving' ? { ...p, hopIndex } : p)) });
    },

    completePacket(id) {
      const { packets, podRequests } = get();
      const packet = packets.find((p) => p.id === id);
      if (!packet || packet.status !== 'moving') return;
      const last = Math.max(0, packet.trace.hops.length - 1);
      const served = packet.servedBy;
      set({
        packets: replace(packets, id, (p) => ({ ...p, hopIndex: last, status: served ? 'done' : 'dropped' })),
        podRequests: served ? { ...podRequests, [served]: (podRequests[served] ?? 0) + 1 } : podRequests,
      });
    },

    resetTraffic() {
      const { lastValidResult, seed } = get();
      const client = defaultClient(lastValidResult);
      set({
        packets: [],
        podRequests: {},
        lastPacketId: null,
        traceState: engine.initialTraceState(seed),
        client,
        target: reconcileTarget(lastValidResult, client, null),
      });
    },
  });
