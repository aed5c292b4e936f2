/** Named, narrow selectors: a component re-renders only when the slice it reads changes. */
import type { Diagnostic } from '../engine/index.ts';
import type { PacketRun, PlaygroundState } from './types.ts';

export const selectManifestText = (s: PlaygroundState) => s.manifestText;
export const selectSetManifestText = (s: PlaygroundState) => s.setManifestText;
export const selectResult = (s: PlaygroundState) => s.result;
export const selectLastValidResult = (s: PlaygroundState) => s.lastValidResult;
export const selectDiagnostics = (s: PlaygroundState): Diagnostic[] => s.result.diagnostics;
export const selectExampleId = (s: PlaygroundState) => s.exampleId;
export const selectSelectExample = (s: PlaygroundState) => s.selectExample;
export const selectShowingStale = (s: PlaygroundState) => s.result !== s.lastValidResult;

export const selectLanguage = (s: PlaygroundState) => s.language;
export const selectSetLanguage = (s: PlaygroundState) => s.setLanguage;
export const selectTheme = (s: PlaygroundState) => s.theme;
export const selectSetTheme = (s: PlaygroundState) => s.setTheme;

export const selectClient = (s: PlaygroundState) => s.client;
export const selectTarget = (s: PlaygroundState) => s.target;
export const selectSetClient = (s: PlaygroundState) => s.setClient;
export const selectSetTarget = (s: PlaygroundState) => s.setTarget;
export const selectSendRequest = (s: PlaygroundState) => s.sendRequest;
export const selectResetTraffic = (s: PlaygroundState) => s.resetTraffic;
export const selectPackets = (s: PlaygroundState) => s.packets;
export const selectPacketIds = (s: PlaygroundState) => s.packets.map((p) => p.id);
export const selectSentCount = (s: PlaygroundState) => s.sentCount;

export const selectPlaying = (s: PlaygroundState) => s.playing;
export const selectTogglePlaying = (s: PlaygroundState) => s.togglePlaying;
export const selectSpeed = (s: PlaygroundState) => s.speed;
export const selectSetSpeed = (s: PlaygroundState) => s.setSpeed;

export const selectPacket =
  (id: string) =>
  (s: PlaygroundState): PacketRun | undefined =>
    s.packets.find((p) => p.id === id);

export const selectLastPacket = (s: PlaygroundState): PacketRun | undefined =>
  s.packets.find((p) => p.id === s.lastPacketId);

export const selectPodRequests = (id: string) => (s: PlaygroundState) => s.podRequests[id] ?? 0;

export const selectTotalRequests = (s: PlaygroundState) =>
  Object.values(s.podRequests).reduce((a, b) => a + b, 0);

/** True while some moving packet's current hop is at this canvas element. */
export const selectIsActive = (id: string) => (s: PlaygroundState) =>
  s.packets.some((p) => p.status === 'moving' && p.trace.hops[p.hopIndex]?.at === id);

export interface DiagnosticCounts {
  errors: number;
  warnings: number;
}

export const countDiagnostics = (diagnostics: readonly Diagnostic[]): DiagnosticCounts => ({
  errors: diagnostics.filter((d) => d.severity === 'error').length,
  warnings: diagnostics.filter((d) => d.severity === 'warning').length,
});
