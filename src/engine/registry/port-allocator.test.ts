import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng.ts';
import {
  calculatePortRangeOffset,
  ERR_PORT_ALLOCATED,
  PortAllocationOperation,
  PortAllocator,
} from './port-allocator.ts';

const range = (lo: number, hi: number) => ({ base: lo, size: hi - lo + 1 });

// from pkg/registry/core/service/portallocator/allocator_test.go
describe('PortAllocator', () => {
  it('TestAllocate', () => {
    const r = new PortAllocator(range(10000, 10200), createRng(1));
    expect(r.free()).toBe(201);
    const found = new Set<number>();
    while (r.free() > 0) {
      const a = r.allocateNext();
      if (!a.ok) throw new Error(a.error);
      expect(a.port).toBeGreaterThanOrEqual(10000);
      expect(a.port).toBeLessThanOrEqual(10200);
      expect(found.has(a.port)).toBe(false);
      found.add(a.port);
    }
    expect(r.allocateNext()).toEqual({ ok: false, error: 'range is full' });
    r.release(10005);
    expect(r.free()).toBe(1);
    expect(r.used()).toBe(200);
    expect(r.allocateNext()).toEqual({ ok: true, port: 10005 });
    r.release(10005);
    const notInRange = 'provided port is not in the valid range. The range of valid ports is 10000-10200';
    expect(r.allocate(1)).toEqual({ ok: false, error: notInRange });
    expect(r.allocate(10001)).toEqual({ ok: false, error: ERR_PORT_ALLOCATED });
    expect(r.allocate(20000)).toEqual({ ok: false, error: notInRange });
    expect(r.allocate(10201)).toEqual({ ok: false, error: notInRange });
    expect(r.allocate(10005)).toEqual({ ok: true });
    expect(r.free()).toBe(0);
  });

  it('TestForEach', () => {
    for (const tc of [[], [10000], [10000, 10200], [10000, 10099, 10200]]) {
      const r = new PortAllocator(range(10000, 10200), createRng(1));
      for (const p of tc) expect(r.allocate(p)).toEqual({ ok: true });
      expect(r.list()).toEqual(tc);
    }
  });

  it('TestAllocateReserved: the static band is used last', () => {
    const pr = range(30000, 30128);
    const r = new PortAllocator(pr, createRng(3));
    const dynamicOffset = calculatePortRangeOffset(pr.size);
    expect(dynamicOffset).toBe(16);
    for (let i = 0; i < pr.size - dynamicOffset; i++) expect(r.allocateNext().ok).toBe(true);
    for (let i = dynamicOffset; i < pr.size; i++) expect(r.has(pr.base + i)).toBe(true);
    expect(r.free()).toBe(dynamicOffset);
    for (let i = 0; i < dynamicOffset; i++) expect(r.allocate(pr.base + i)).toEqual({ ok: true });
    expect(r.free()).toBe(0);
    r.release(30053);
    expect(r.allocateNext()).toEqual({ ok: true, port: 30053 });
  });

  it('calculateRangeOffset: min(max(16, size/32), 128); 30000-32767 keeps 30000-30085 static', () => {
    expect([16, 17, 129, 2768, 8192].map(calculatePortRangeOffset)).toEqual([0, 16, 16, 86, 128]);
    const r = new PortAllocator({ base: 30000, size: 2768 }, createRng(9));
    for (let i = 0; i < 100; i++) {
      const a = r.allocateNext();
      expect(a.ok && a.port >= 30086).toBe(true);
    }
  });

  it('PortAllocationOperation reverts allocations and defers releases to commit', () => {
    const r = new PortAllocator({ base: 30000, size: 2768 }, createRng(1));
    expect(r.allocate(30100)).toEqual({ ok: true });
    const op = new PortAllocationOperation(r);
    expect(op.allocate(30200)).toEqual({ ok: true });
    op.deferRelease(30100);
    expect(r.has(30100)).toBe(true);
    op.revert();
    expect(r.has(30200)).toBe(false);
    expect(r.has(30100)).toBe(true);
    const op2 = new PortAllocationOperation(r);
    op2.allocate(30200);
    op2.deferRelease(30100);
    op2.commit();
    expect(r.list()).toEqual([30200]);
  });
});
