import type { StateCreator } from 'zustand/vanilla';
import type { EnginePort } from './engine-port.ts';
import { defaultClient, reconcileTarget, toTraceClient } from './traffic-defaults.ts';
import {
  appendEvents,
  hopEvent,
  MAX_IN_FLIGHT,
  movingCount,
  nextSeq,
  prunePackets,
  servingPod,
  tallyTrace,
} from './traffic-log.ts';
import type { TrafficEvent } from './traffic-types.ts';
import type { PacketRun, PlaygroundState, TrafficSlice } from './types.ts';

export { MAX_IN_FLIGHT, MAX_PACKETS, servingPod } from './traffic-log.ts';

/** Virtual ms between the packets of one "send N", so they leave one after another. */
export const STAGGER_MS = 220;

const replace = (packets: PacketRun[], id: string, f: (p: PacketRun) => PacketRun) =>
  packets.map((p) => (p.id === id ? f(p) : p));

export const createTrafficSlice =
  (engine: EnginePort, seed: number): StateCreator<PlaygroundState, [], [], TrafficSlice> =>
  (set, get) => {
    /** Marks a moving packet finished: counted on its pod and its Service's tally, and logged. */
    const finish = (s: PlaygroundState, id: string, t: number, seq: number) => {
      const packet = s.packets.find((p) => p.id === id);
      if (!packet || packet.status !== 'moving') return null;
      const last = Math.max(0, packet.trace.hops.length - 1);
      const served = packet.servedBy;
      const done: PacketRun = { ...packet, hopIndex: last, status: served ? 'done' : 'dropped' };
      return {
        packet: done,
        event: hopEvent(seq, t, done, packet.trace.hops[last], served ? 'done' : 'dropped'),
      };
    };

    return {
      client: { kind: 'external' },
      target: null,
      traceState: engine.initialTraceState(seed),
      packets: [],
      lastPacketId: null,
      sentCount: 0,
      podRequests: {},
      tallies: {},
      events: [],
      clockMs: 0,

      setClient(client) {
        const { lastValidResult, target, client: before } = get();
        // From outside and from a pod, different addresses make sense: a new kind of client gets its default.
        const keep = before.kind === client.kind ? target : null;
        set({ client, target: reconcileTarget(lastValidResult, client, keep) });
      },

      setTarget(target) {
        set({ target: target.trim() });
      },

      sendRequest() {
        return get().sendRequests({ count: 1 })[0] ?? null;
      },

      sendRequests(opts = {}) {
        const s = get();
        const { lastValidResult, client, target, clockMs } = s;
        if (!target) return [];
        const count = Math.max(1, Math.min(1000, Math.floor(opts.count ?? 1)));
        const stagger = opts.stagger ?? STAGGER_MS;
        const mode = lastValidResult.cluster.config.proxyMode;
        let { traceState, sentCount, podRequests, tallies } = s;
        let room = MAX_IN_FLIGHT - movingCount(s.packets);
        let seq = nextSeq(s.events);
        const animated: PacketRun[] = [];
        const events: TrafficEvent[] = [];
        for (let i = 0; i < count; i++) {
          const { trace, state } = engine.tracePacket(
            lastValidResult,
            { client: toTraceClient(client), target, time: clockMs / 1000 },
            traceState,
          );
          traceState = state;
          sentCount += 1;
          const packet: PacketRun = {
            id: `req/${sentCount}`,
            trace,
            hopIndex: 0,
            status: trace.hops.length > 0 ? 'moving' : 'dropped',
            servedBy: servingPod(trace),
            sentAt: clockMs,
          };
          if (room > 0 && packet.status === 'moving') {
            room -= 1;
            if (animated.length > 0) packet.delayMs = animated.length * stagger;
            animated.push(packet);
            tallies = tallyTrace(tallies, trace, mode, false);
            events.push(hopEvent(seq++, clockMs, packet, trace.hops[0], 'hop'));
            continue;
          }
          // Beyond the cap: the request happens all the same, just without a dot on the canvas.
          const served = packet.servedBy;
          if (served) podRequests = { ...podRequests, [served]: (podRequests[served] ?? 0) + 1 };
          tallies = tallyTrace(tallies, trace, mode);
          const last = trace.hops[trace.hops.length - 1];
          events.push(hopEvent(seq++, clockMs, packet, last, served ? 'done' : 'dropped', true));
        }
        const last = animated[animated.length - 1];
        set({
          traceState,
          sentCount,
          podRequests,
          tallies,
          packets: animated.length ? prunePackets([...s.packets, ...animated]) : s.packets,
          lastPacketId: last?.id ?? s.lastPacketId,
          events: appendEvents(s.events, events),
        });
        return animated;
      },

      advancePacket(id, hopIndex) {
        get().reportProgress({ advances: [{ id, hopIndex }], completes: [], clockMs: get().clockMs });
      },

      completePacket(id) {
        get().reportProgress({ advances: [], completes: [id], clockMs: get().clockMs });
      },

      reportProgress({ advances, completes, clockMs }) {
        const s = get();
        let { packets, podRequests, tallies } = s;
        const mode = s.lastValidResult.cluster.config.proxyMode;
        let seq = nextSeq(s.events);
        const events: TrafficEvent[] = [];
        for (const { id, hopIndex } of advances) {
          const p = packets.find((x) => x.id === id);
          if (!p || p.status !== 'moving' || p.hopIndex === hopIndex) continue;
          const moved = { ...p, hopIndex };
          packets = replace(packets, id, () => moved);
          events.push(hopEvent(seq++, clockMs, moved, p.trace.hops[hopIndex], 'hop'));
        }
        for (const id of completes) {
          const f = finish({ ...s, packets }, id, clockMs, seq);
          if (!f) continue;
          seq++;
          packets = replace(packets, id, () => f.packet);
          events.push(f.event);
          const served = f.packet.servedBy;
          if (served) podRequests = { ...podRequests, [served]: (podRequests[served] ?? 0) + 1 };
          tallies = tallyTrace(tallies, f.packet.trace, mode);
        }
        if (events.length === 0 && clockMs === s.clockMs) return;
        set({ packets, podRequests, tallies, clockMs, events: appendEvents(s.events, events) });
      },

      stepPacket(id, delta) {
        const p = get().packets.find((x) => x.id === id);
        if (!p || p.status !== 'moving') return;
        const last = p.trace.hops.length - 1;
        if (delta > 0 && p.hopIndex >= last) get().completePacket(id);
        else get().advancePacket(id, Math.max(0, Math.min(last, p.hopIndex + delta)));
      },

      resetTraffic() {
        const { lastValidResult, seed } = get();
        const client = defaultClient(lastValidResult);
        set({
          packets: [],
          podRequests: {},
          tallies: {},
          events: [],
          lastPacketId: null,
          selectedPacketId: null,
          selectedHop: null,
          traceState: engine.initialTraceState(seed),
          client,
          target: reconcileTarget(lastValidResult, client, null),
        });
      },
    };
  };
