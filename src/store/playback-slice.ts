import type { StateCreator } from 'zustand/vanilla';
import type { PlaybackSlice, PlaygroundState } from './types.ts';

export const SPEED_RANGE = { min: 0.1, max: 4 } as const;
export const RATE_RANGE = { min: 1, max: 100 } as const;
export const BURST_RANGE = { min: 1, max: 100 } as const;

const clamp = (v: number, lo: number, hi: number, fallback: number) =>
  Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;

export const createPlaybackSlice: StateCreator<PlaygroundState, [], [], PlaybackSlice> = (set, get) => ({
  playing: true,
  speed: 1,
  continuous: false,
  rate: 5,
  burst: 10,
  setPlaying: (playing) => set({ playing }),
  togglePlaying: () => set({ playing: !get().playing }),
  setSpeed: (speed) =>
    set({ speed: Math.round(clamp(speed, SPEED_RANGE.min, SPEED_RANGE.max, 1) * 100) / 100 }),
  setContinuous: (continuous) => set({ continuous }),
  setRate: (rate) => set({ rate: Math.round(clamp(rate, RATE_RANGE.min, RATE_RANGE.max, 5)) }),
  setBurst: (burst) => set({ burst: Math.round(clamp(burst, BURST_RANGE.min, BURST_RANGE.max, 10)) }),
});
