/**
 * Virtual time. The engine never reads the wall clock; timestamps it writes (creationTimestamp, session
 * affinity ages) come from here, so results are reproducible.
 */
export interface Clock {
  /** Seconds since the simulated cluster started. */
  now(): number;
  advance(seconds: number): void;
  /** RFC 3339 form of now(), anchored at a fixed epoch, for metadata.creationTimestamp. */
  rfc3339(): string;
}

/** The simulated cluster starts at this instant (the guides' era); only offsets from it matter. */
const EPOCH_MS = Date.UTC(2025, 11, 8, 10, 0, 0);

export function createClock(start = 0): Clock {
  let t = start;
  return {
    now: () => t,
    advance: (s) => {
      t += s;
    },
    rfc3339: () => new Date(EPOCH_MS + Math.floor(t) * 1000).toISOString().replace('.000Z', 'Z'),
  };
}
