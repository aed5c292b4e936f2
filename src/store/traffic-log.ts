/**
 * Bookkeeping for requests, kept apart from the slice's actions: which pod served a trace, the per-Service
 * tallies behind the distribution chart, the bounded event list and packet list. Pure functions over
 * plain values; the traces themselves come from the engine.
 */
import type { Hop, Trace } from '../engine/index.ts';
import type { ServiceTally, TrafficEvent } from './traffic-types.ts';
import type { PacketRun } from './types.ts';

/** Packets animated at once; more requests than this are traced and counted without a dot. */
export const MAX_IN_FLIGHT = 20;
/** Packets kept for the canvas and the inspector: the ones in flight plus the latest finished. */
export const MAX_PACKETS = MAX_IN_FLIGHT + 8;
/** Lines of the event list. */
export const MAX_EVENTS = 300;

/** The pod a trace delivered the request to, read from its hops. */
export function servingPod(trace: Trace): string | undefined {
  const hop = trace.hops.find((h) => h.kind === 'pod' && h.action === 'deliver' && !h.reply);
  return hop?.at ?? trace.chosen?.podId;
}

/** True when the request reached an endpoint (a pod, or an address outside the cluster). */
export function delivered(trace: Trace): boolean {
  return trace.hops.some(
    (h) => !h.reply && (h.code === 'hop.pod.deliver' || h.code === 'hop.endpoint.deliver'),
  );
}

export function prunePackets(packets: PacketRun[]): PacketRun[] {
  const out = [...packets];
  while (out.length > MAX_PACKETS) {
    const i = out.findIndex((p) => p.status !== 'moving');
    out.splice(i < 0 ? 0 : i, 1);
  }
  return out;
}

export const movingCount = (packets: readonly PacketRun[]) =>
  packets.reduce((n, p) => n + (p.status === 'moving' ? 1 : 0), 0);

/**
 * Adds one request to its Service's tally: counted on its endpoint (`ip:port`) when it finished there
 * (`count`), and in any case its candidates, so the chart shows the rules' share from the first send.
 */
export function tallyTrace(
  tallies: Record<string, ServiceTally>,
  trace: Trace,
  mode: 'iptables' | 'ipvs',
  count = true,
): Record<string, ServiceTally> {
  const id = trace.serviceId;
  if (!id) return tallies;
  const prev = tallies[id];
  const counts = { ...(prev?.counts ?? {}) };
  if (count && trace.chosen && delivered(trace)) {
    const key = `${trace.chosen.ip}:${trace.chosen.port}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const sticky = trace.hops.find((h) => h.code === 'hop.service.affinity');
  const affinity = sticky
    ? {
        client: String(sticky.params.client ?? ''),
        endpoint: String(sticky.params.endpoint ?? ''),
        rules: sticky.rules,
      }
    : prev?.affinity;
  // The candidates of a sticky request list only the remembered endpoint: keep the full set for the chart.
  const candidates =
    trace.candidates.length >= (prev?.candidates.length ?? 0) || prev?.mode !== mode
      ? trace.candidates
      : prev.candidates;
  return {
    ...tallies,
    [id]: { serviceId: id, counts, candidates, mode, ...(affinity ? { affinity } : {}) },
  };
}

/** The event for a packet reaching `hop`, or finishing there. */
export function hopEvent(
  seq: number,
  t: number,
  packet: PacketRun,
  hop: Hop | undefined,
  kind: TrafficEvent['kind'],
  instant = false,
): TrafficEvent {
  return {
    seq,
    t,
    packetId: packet.id,
    hopIndex: hop?.index ?? 0,
    at: hop?.at ?? '',
    code: hop?.code ?? '',
    params: hop?.params ?? {},
    ...(hop ? { after: hop.after } : {}),
    kind,
    ...(instant ? { instant: true } : {}),
  };
}

export function appendEvents(events: TrafficEvent[], more: TrafficEvent[]): TrafficEvent[] {
  if (more.length === 0) return events;
  const all = events.concat(more);
  return all.length > MAX_EVENTS ? all.slice(all.length - MAX_EVENTS) : all;
}

export const nextSeq = (events: readonly TrafficEvent[]) => (events[events.length - 1]?.seq ?? 0) + 1;
