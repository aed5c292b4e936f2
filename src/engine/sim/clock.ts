import { formatRFC3339 } from './time.ts';

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

/** The simulated cluster starts at 2025-12-08T10:00:00Z (the guides' era); only offsets from it matter. */
export const CLUSTER_EPOCH_SECONDS = 1765188000;

export function createClock(start = 0): Clock {
  let t = start;
  // Controllers stamp thousands of objects at the same virtual instant: format it once per instant.
  let formattedAt: number | undefined;
  let formatted = '';
  return {
    now: () => t,
    advance: (s) => {
      t += s;
    },
    rfc3339: () => {
      if (formattedAt !== t) {
        formatted = formatRFC3339(CLUSTER_EPOCH_SECONDS + t);
        formattedAt = t;
      }
      return formatted;
    },
  };
}
