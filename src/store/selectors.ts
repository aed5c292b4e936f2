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
/** Why the canvas shows an older cluster: the YAML has errors, or the new cluster is too large to draw. */
export const selectStaleReason = (s: PlaygroundState): 'errors' | 'tooLarge' =>
  s.result.diagnostics.some((d) => d.code === 'canvas.tooLarge') ? 'tooLarge' : 'errors';
export const selectSimStatus = (s: PlaygroundState) => s.simStatus;
export const selectPreviousText = (s: PlaygroundState) => s.previousText;
export const selectRestorePreviousText = (s: PlaygroundState) => s.restorePreviousText;

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

// ---- Traffic you can watch: inspection, events, distribution, control plane ----
export const selectSendRequests = (s: PlaygroundState) => s.sendRequests;
export const selectStepPacket = (s: PlaygroundState) => s.stepPacket;
export const selectContinuous = (s: PlaygroundState) => s.continuous;
export const selectSetContinuous = (s: PlaygroundState) => s.setContinuous;
export const selectRate = (s: PlaygroundState) => s.rate;
export const selectSetRate = (s: PlaygroundState) => s.setRate;
export const selectBurst = (s: PlaygroundState) => s.burst;
export const selectSetBurst = (s: PlaygroundState) => s.setBurst;
export const selectEvents = (s: PlaygroundState) => s.events;
export const selectTallies = (s: PlaygroundState) => s.tallies;
export const selectChanges = (s: PlaygroundState) => s.changes;
export const selectProxyMode = (s: PlaygroundState) => s.lastValidResult.cluster.config.proxyMode;
export const selectSetProxyMode = (s: PlaygroundState) => s.setProxyMode;
export const selectApplyTextEdit = (s: PlaygroundState) => s.applyTextEdit;

export const selectSelectedPacketId = (s: PlaygroundState) => s.selectedPacketId;
export const selectSelectedHop = (s: PlaygroundState) => s.selectedHop;
export const selectSelectedServiceId = (s: PlaygroundState) => s.selectedServiceId;
export const selectFocusedRules = (s: PlaygroundState) => s.focusedRules;
export const selectRulesNode = (s: PlaygroundState) => s.rulesNode;
export const selectDockTab = (s: PlaygroundState) => s.dockTab;
export const selectDockOpen = (s: PlaygroundState) => s.dockOpen;
export const selectSelectPacket = (s: PlaygroundState) => s.selectPacket;
export const selectSelectHop = (s: PlaygroundState) => s.selectHop;
export const selectSelectService = (s: PlaygroundState) => s.selectService;
export const selectShowRules = (s: PlaygroundState) => s.showRules;
export const selectSetRulesNode = (s: PlaygroundState) => s.setRulesNode;
export const selectSetDockTab = (s: PlaygroundState) => s.setDockTab;
export const selectSetDockOpen = (s: PlaygroundState) => s.setDockOpen;

/** The packet the inspector shows: the selected one while it is kept, else the newest. */
export const selectInspectedPacket = (s: PlaygroundState): PacketRun | undefined =>
  (s.selectedPacketId ? s.packets.find((p) => p.id === s.selectedPacketId) : undefined) ??
  s.packets.find((p) => p.id === s.lastPacketId);

/** The hop the inspector focuses: the one clicked, else where the packet is now. */
export const selectInspectedHopIndex = (s: PlaygroundState): number => {
  const p = selectInspectedPacket(s);
  if (!p) return 0;
  return s.selectedHop !== null && s.selectedHop < p.trace.hops.length ? s.selectedHop : p.hopIndex;
};

export const selectInFlight = (s: PlaygroundState) =>
  s.packets.reduce((n, p) => n + (p.status === 'moving' ? 1 : 0), 0);

/** Whether a target is a name the client must resolve (not `ip:port`). */
export const isNameTarget = (target: string | null) =>
  !!target && !/^\[?[0-9a-f:.]+\]?:\d+$/i.test(target) && !/^\d+\.\d+\.\d+\.\d+$/.test(target);

/** Draw CoreDNS while the chosen target is a name or a kept packet asked DNS. */
export const selectShowDns = (s: PlaygroundState) =>
  isNameTarget(s.target) || s.packets.some((p) => p.trace.hops.some((h) => h.kind === 'dns'));
