/**
 * NodePort allocation from --service-node-port-range. Mirrors pkg/registry/core/service/portallocator
 * (allocator.go PortAllocator): a requested port must be in range and free; dynamic allocation picks a
 * random free port above the static band (calculateRangeOffset: min(max(16, size/32), 128) ports, KEP-3668)
 * with the injected Rng. Also PortAllocationOperation (operation.go): allocations that can be reverted and
 * releases deferred until commit.
 */
import type { Rng } from '../sim/rng.ts';
import { AllocationBitmap } from './allocation-bitmap.ts';

export type PortAllocateResult = { ok: true } | { ok: false; error: string };
export type PortAllocateNextResult = { ok: true; port: number } | { ok: false; error: string };

export const ERR_PORT_ALLOCATED = 'provided port is already allocated';
export const ERR_PORT_RANGE_FULL = 'range is full';

/** portallocator.calculateRangeOffset: the size of the static band. */
export function calculatePortRangeOffset(rangeSize: number): number {
  const min = 16;
  const max = 128;
  const step = 32;
  if (rangeSize <= min) return 0;
  const offset = Math.floor(rangeSize / step);
  if (offset < min) return min;
  if (offset > max) return max;
  return offset;
}

export class PortAllocator {
  private readonly bitmap: AllocationBitmap;

  constructor(
    readonly range: { base: number; size: number },
    rng: Rng,
  ) {
    const size = Math.min(65536, Math.max(0, Math.floor(Number(range.size) || 0)));
    this.bitmap = new AllocationBitmap(size, calculatePortRangeOffset(size), rng);
  }

  /** net.PortRange.String(): `30000-32767`. */
  get rangeString(): string {
    return `${this.range.base}-${this.range.base + this.range.size - 1}`;
  }

  private offsetOf(port: number): number | undefined {
    const off = port - this.range.base;
    return Number.isInteger(off) && off >= 0 && off < this.bitmap.max ? off : undefined;
  }

  allocate(port: number): PortAllocateResult {
    const off = this.offsetOf(port);
    if (off === undefined) {
      return {
        ok: false,
        error: `provided port is not in the valid range. The range of valid ports is ${this.rangeString}`,
      };
    }
    return this.bitmap.allocate(off) ? { ok: true } : { ok: false, error: ERR_PORT_ALLOCATED };
  }

  allocateNext(): PortAllocateNextResult {
    const off = this.bitmap.allocateNext();
    return off === undefined
      ? { ok: false, error: ERR_PORT_RANGE_FULL }
      : { ok: true, port: this.range.base + off };
  }

  release(port: number): void {
    const off = this.offsetOf(port);
    if (off !== undefined) this.bitmap.release(off);
  }

  has(port: number): boolean {
    const off = this.offsetOf(port);
    return off !== undefined && this.bitmap.has(off);
  }

  free(): number {
    return this.bitmap.free();
  }

  used(): number {
    return this.bitmap.max - this.bitmap.free();
  }

  list(): number[] {
    return this.bitmap.list().map((o) => this.range.base + o);
  }
}

/** portallocator.PortAllocationOperation: allocations undone by revert(), releases applied by commit(). */
export class PortAllocationOperation {
  private readonly allocated: number[] = [];
  private readonly releaseDeferred: number[] = [];

  constructor(private readonly alloc: PortAllocator) {}

  allocate(port: number): PortAllocateResult {
    const r = this.alloc.allocate(port);
    if (r.ok) this.allocated.push(port);
    return r;
  }

  allocateNext(): PortAllocateNextResult {
    const r = this.alloc.allocateNext();
    if (r.ok) this.allocated.push(r.port);
    return r;
  }

  deferRelease(port: number): void {
    this.releaseDeferred.push(port);
  }

  /** Keeps the allocations and performs the deferred releases. */
  commit(): void {
    for (const p of this.releaseDeferred) this.alloc.release(p);
    this.allocated.length = 0;
    this.releaseDeferred.length = 0;
  }

  /** Undoes the allocations; the deferred releases are dropped. */
  revert(): void {
    for (const p of this.allocated) this.alloc.release(p);
    this.allocated.length = 0;
    this.releaseDeferred.length = 0;
  }
}
