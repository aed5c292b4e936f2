import type { StateCreator } from 'zustand/vanilla';
import type { InspectSlice } from './traffic-types.ts';
import type { PlaygroundState } from './types.ts';

/** What the learner is looking at: a packet (and one of its hops), a Service, the dock's tab and rules. */
export const createInspectSlice: StateCreator<PlaygroundState, [], [], InspectSlice> = (set) => ({
  selectedPacketId: null,
  selectedHop: null,
  selectedServiceId: null,
  focusedRules: null,
  rulesNode: null,
  dockTab: 'trace',
  dockOpen: true,
  selectPacket: (id, hop = null) =>
    set({ selectedPacketId: id, selectedHop: hop, focusedRules: null, rulesNode: null }),
  selectHop: (selectedHop) => set({ selectedHop }),
  selectService: (selectedServiceId) => set({ selectedServiceId }),
  showRules: (node, lines) =>
    set({ focusedRules: { node, lines }, rulesNode: node, dockTab: 'rules', dockOpen: true }),
  setRulesNode: (rulesNode) => set({ rulesNode, focusedRules: null }),
  setDockTab: (dockTab) => set({ dockTab, dockOpen: true }),
  setDockOpen: (dockOpen) => set({ dockOpen }),
});
