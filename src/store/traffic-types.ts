/** State shapes of the traffic, inspection and control-plane slices (the slices live beside this file). */
import type { Packet, ResultDiff, RuleRef, TraceCandidate } from '../engine/index.ts';

/** One line of the event list: a packet reached a hop (or finished), at a virtual playback time. */
export interface TrafficEvent {
  seq: number;
  /** Virtual playback milliseconds (speed-scaled, paused time excluded), never the wall clock. */
  t: number;
  packetId: string;
  hopIndex: number;
  /** Canvas element of the hop, its message code and params (kept here: the packet may be pruned). */
  at: string;
  code: string;
  params: Record<string, string | number>;
  /** The packet's headers after this hop. */
  after?: Packet;
  kind: 'hop' | 'done' | 'dropped';
  /** A packet beyond the in-flight cap: traced and counted at once, not animated. */
  instant?: boolean;
}

/** Per Service: requests served per endpoint (`ip:port`), and the rules' share from the last trace. */
export interface ServiceTally {
  serviceId: string;
  counts: Record<string, number>;
  candidates: TraceCandidate[];
  mode: 'iptables' | 'ipvs';
  /** The `-m recent --rcheck` rules that kept a client on its endpoint (sessionAffinity ClientIP). */
  affinity?: { client: string; endpoint: string; rules: RuleRef[] };
}

export type DockTab = 'trace' | 'events' | 'rules' | 'distribution' | 'why' | 'timeline';

export interface InspectSlice {
  /** The packet the inspector shows; null: the newest one. */
  selectedPacketId: string | null;
  /** A hop of the selected packet the learner clicked (its rules and YAML light up); null: its current hop. */
  selectedHop: number | null;
  /** A Service chosen on the canvas or by the editor cursor: its cards, edges and chains light up. */
  selectedServiceId: string | null;
  /** The rule lines to highlight and scroll to in the rules panel (node + 1-based lines). */
  focusedRules: { node: string; lines: number[] } | null;
  rulesNode: string | null;
  dockTab: DockTab;
  dockOpen: boolean;
  selectPacket(id: string | null, hop?: number | null): void;
  selectHop(hop: number | null): void;
  selectService(id: string | null): void;
  showRules(node: string, lines: number[]): void;
  setRulesNode(node: string): void;
  setDockTab(tab: DockTab): void;
  setDockOpen(open: boolean): void;
}

/** One applied change of the cluster, for the control-plane timeline. */
export interface ClusterChange {
  seq: number;
  diff: ResultDiff;
}

export interface ControlPlaneSlice {
  /** Newest last; a few are kept. */
  changes: ClusterChange[];
  /** Adds (or removes) a KubeProxyConfiguration document, so the same YAML re-simulates in that mode. */
  setProxyMode(mode: 'iptables' | 'ipvs'): Promise<void>;
  /** Replaces the manifest text through the one setManifestText path (one-click fixes). */
  applyTextEdit(text: string): void;
  clearChanges(): void;
}
