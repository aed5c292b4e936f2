import type { StateCreator } from 'zustand/vanilla';
import type { PlaybackSlice, PlaygroundState } from './types.ts';

export const SPEEDS = [0.5, 1, 2, 4] as const;

export const createPlaybackSlice: StateCreator<PlaygroundState, [], [], PlaybackSlice> = (set, get) => ({
  playing: true,
  speed: 1,
  setPlaying: (playing) => set({ playing }),
  togglePlaying: () => set({ playing: !get().playing }),
  setSpeed: (speed) => set({ speed: SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? speed : 1 }),
});
