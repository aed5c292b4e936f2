import type { SimulationResult, Trace, TraceState } from '../engine/index.ts';

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
}

export interface ManifestSlice {
  manifestText: string;
  exampleId: string | null;
  seed: number;
  result: SimulationResult;
  /** The last result whose YAML parsed; the canvas draws this so a typo keeps the picture. */
  lastValidResult: SimulationResult;
  setManifestText(text: string): void;
  selectExample(id: string): void;
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
  setClient(client: ClientChoice): void;
  setTarget(target: string): void;
  sendRequest(): PacketRun | null;
  advancePacket(id: string, hopIndex: number): void;
  completePacket(id: string): void;
  resetTraffic(): void;
}

export interface PlaybackSlice {
  playing: boolean;
  speed: number;
  setPlaying(playing: boolean): void;
  togglePlaying(): void;
  setSpeed(speed: number): void;
}

export interface PrefsSlice {
  language: Language;
  theme: ThemePreference;
  setLanguage(language: Language): void;
  setTheme(theme: ThemePreference): void;
}

export type PlaygroundState = ManifestSlice & TrafficSlice & PlaybackSlice & PrefsSlice;
