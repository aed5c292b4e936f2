/**
 * Seeded pseudo-random numbers (mulberry32). The engine never calls Math.random: the same YAML and seed give
 * the same names, IPs, ports and packet paths, so a shared link replays exactly.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** The next 32 random bits: next() is this / 2^32, so int(2^k) is this >>> (32 - k). */
  uint32(): number;
  /** A child generator whose sequence depends only on this seed and `label`, not on how much was drawn. */
  fork(label: string): Rng;
  readonly seed: number;
}

export function createRng(seed: number): Rng {
  return new Mulberry32(seed);
}

/** A class rather than closures: the engine forks a generator for nearly every name it makes up. */
class Mulberry32 implements Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    return this.uint32() / 4294967296;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  fork(label: string): Rng {
    return forkedRng(this.seed, label);
  }
}

/** createRng(seed).fork(label), without making the parent generator first. */
export function forkedRng(seed: number, label: string): Rng {
  return createRng((seed ^ fnv1a32(label)) >>> 0);
}

/** FNV-1a, 32 bit, over UTF-16 code units (ASCII in practice). Also used for content-derived names. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
