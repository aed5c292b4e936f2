import type { SimulationResult, Trace, TraceState } from '../engine/index.ts';
import type { ControlPlaneSlice, InspectSlice, ServiceTally, TrafficEvent } from './traffic-types.ts';

export type Language = 'ko' | 'en';
export type ThemePreference = 'light' | 'dark' | 'system';

/** Who sends the next request: the client outside the cluster, or a pod (by namespace/name). */
export type ClientChoice = { kind: 'external' } | { kind: 'pod'; namespace: string; name: string };

export type PacketStatus = 'moving' | 'done' | 'dropped';

/** One request in flight: its trace is fixed when sent; the driver reports hop changes and the end. */
export interface PacketRun {
  id: string;
  trace: Trace;
  hopIndex: number;
  status: PacketStatus;
  /** The pod that served it (`pod/ns/name`), when the trace delivered to one. */
  servedBy?: string;
  /** Virtual ms the packet waits at its first hop before moving (the packets of "send N" are staggered). */
  delayMs?: number;
  /** Virtual ms when it was sent. */
  sentAt?: number;
}

export interface SendOptions {
  /** How many requests (default 1). */
  count?: number;
  /** Virtual ms between the starts of consecutive animated packets. */
  stagger?: number;
}

/** `pending` while the newest text's simulation has not come back (the canvas shows the last result). */
export type SimStatus = 'idle' | 'pending';

export interface ManifestSlice {
  manifestText: string;
  exampleId: string | null;
  seed: number;
  /** The result for the newest text that has come back (it may lag `manifestText` while pending). */
  result: SimulationResult;
  /** The last result whose YAML parsed; the canvas draws this so a typo keeps the picture. */
  lastValidResult: SimulationResult;
  simStatus: SimStatus;
  /** The learner's own text that opening an example replaced, kept so it can be restored. */
  previousText: string | null;
  setManifestText(text: string): void;
  /** Opens an example; text of the learner's own is kept in `previousText` first. */
  selectExample(id: string): void;
  /** Brings `previousText` back (and keeps the text it replaces, when that is the learner's own). */
  restorePreviousText(): void;
}

export interface TrafficSlice {
  client: ClientChoice;
  /** A TraceRequest target: `web`, `web.default:80`, `10.96.0.10:80`, `192.168.56.12:31001`. */
  target: string | null;
  traceState: TraceState;
  packets: PacketRun[];
  lastPacketId: string | null;
  sentCount: number;
  podRequests: Record<string, number>;
  /** Per Service: requests per endpoint and the rules' expected share. */
  tallies: Record<string, ServiceTally>;
  /** The event list: hops reached and packets finished, newest last, bounded. */
  events: TrafficEvent[];
  /** Virtual playback ms, as last reported by the driver (advances only while playing). */
  clockMs: number;
  setClient(client: ClientChoice): void;
  setTarget(target: string): void;
  sendRequest(): PacketRun | null;
  /** Sends `count` requests: up to the in-flight cap animated (staggered), the rest traced and counted at once. */
  sendRequests(opts?: SendOptions): PacketRun[];
  advancePacket(id: string, hopIndex: number): void;
  completePacket(id: string): void;
  /** The driver's batched report of one frame: hop changes, finished packets, and the virtual clock. */
  reportProgress(report: {
    advances: { id: string; hopIndex: number }[];
    completes: string[];
    clockMs: number;
  }): void;
  /** Moves a packet in flight one hop forward (+1) or back (-1); forward from its last hop finishes it. */
  stepPacket(id: string, delta: 1 | -1): void;
  resetTraffic(): void;
}

export interface PlaybackSlice {
  playing: boolean;
  /** 0.1× to 4×. */
  speed: number;
  /** Continuous traffic: the driver sends `rate` requests per (virtual) second while playing. */
  continuous: boolean;
  /** 1 to 100 requests per second. */
  rate: number;
  /** How many requests "send N" sends. */
  burst: number;
  setPlaying(playing: boolean): void;
  togglePlaying(): void;
  setSpeed(speed: number): void;
  setContinuous(on: boolean): void;
  setRate(rate: number): void;
  setBurst(n: number): void;
}

export interface PrefsSlice {
  language: Language;
  theme: ThemePreference;
  setLanguage(language: Language): void;
  setTheme(theme: ThemePreference): void;
}

export type PlaygroundState = ManifestSlice &
  TrafficSlice &
  PlaybackSlice &
  PrefsSlice &
  InspectSlice &
  ControlPlaneSlice;
