/**
 * A contiguous block of items allocated by offset. Mirrors pkg/registry/core/service/allocator
 * AllocationBitmap with randomScanStrategyWithOffset (KEP-3070 / KEP-3668): AllocateNext picks a random
 * offset in the upper, dynamic band [offset, max) and scans forward (wrapping); only when that band is full
 * does it fall back to the lower, static band [0, offset), which is kept for explicitly requested values.
 * Randomness comes from the injected Rng, so allocations replay exactly. The bits live in 32-bit words,
 * stored sparsely (a /12 has 32,768 words and a simulation sets a handful), and scans skip full words.
 */
import type { Rng } from '../sim/rng.ts';

const FULL = 0xffffffff;

export class AllocationBitmap {
  /** Word index -> 32 bits; absent words are all free. */
  private readonly words = new Map<number, number>();
  private count = 0;

  /**
   * @param max the number of usable items
   * @param offset the size of the static band at the bottom of the range (0 for none)
   */
  constructor(
    readonly max: number,
    readonly offset: number,
    private readonly rng: Rng,
  ) {}

  private word(i: number): number {
    return this.words.get(i) ?? 0;
  }

  has(offset: number): boolean {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.max) return false;
    return ((this.word(offset >>> 5) >>> (offset & 31)) & 1) === 1;
  }

  private set(offset: number): void {
    this.words.set(offset >>> 5, (this.word(offset >>> 5) | (1 << (offset & 31))) >>> 0);
    this.count++;
  }

  /** Allocate reserves one offset: true if it was free, false if already taken; undefined if out of range. */
  allocate(offset: number): boolean | undefined {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.max) return undefined;
    if (this.has(offset)) return false;
    this.set(offset);
    return true;
  }

  /** Scans [bandStart, bandStart + bandSize) from `start`, wrapping, for a free offset. */
  private scan(bandStart: number, bandSize: number, start: number): number | undefined {
    let p = start;
    let covered = 0;
    while (covered < bandSize) {
      const at = bandStart + p;
      if (this.word(at >>> 5) === FULL) {
        const n = Math.min(32 - (at & 31), bandSize - p);
        p += n;
        covered += n;
      } else {
        if (!this.has(at)) return at;
        p++;
        covered++;
      }
      if (p >= bandSize) p = 0;
    }
    return undefined;
  }

  /** AllocateNext: the next offset per the random-scan-with-offset strategy, or undefined when full. */
  allocateNext(): number | undefined {
    if (this.count >= this.max) return undefined;
    const subrangeMax = this.max - this.offset;
    let at: number | undefined;
    if (subrangeMax > 0) at = this.scan(this.offset, subrangeMax, this.rng.int(subrangeMax));
    if (at === undefined && this.offset > 0) at = this.scan(0, this.offset, this.rng.int(this.offset));
    if (at !== undefined) this.set(at);
    return at;
  }

  /** Release: releasing a free or out-of-range offset is a no-op. */
  release(offset: number): void {
    if (!this.has(offset)) return;
    const w = (this.word(offset >>> 5) & ~(1 << (offset & 31))) >>> 0;
    if (w === 0) this.words.delete(offset >>> 5);
    else this.words.set(offset >>> 5, w);
    this.count--;
  }

  free(): number {
    return this.max - this.count;
  }

  /** Allocated offsets, ascending. */
  list(): number[] {
    const out: number[] = [];
    for (const i of [...this.words.keys()].sort((a, b) => a - b)) {
      const word = this.word(i);
      for (let b = 0; b < 32; b++) if ((word >>> b) & 1) out.push(i * 32 + b);
    }
    return out;
  }
}
