import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng.ts';
import { calculateIPRangeOffset, ERR_IP_ALLOCATED, ERR_RANGE_FULL, IPAllocator } from './ip-allocator.ts';

const rng = () => createRng(42);

// from pkg/registry/core/service/ipallocator/bitmap_test.go
describe('IPAllocator', () => {
  it.each([
    {
      name: 'IPv4',
      cidr: '192.168.1.0/24',
      free: 254,
      released: '192.168.1.5',
      outOfRange: ['192.168.0.1', '192.168.1.0', '192.168.1.255', '192.168.2.2'],
      alreadyAllocated: '192.168.1.1',
    },
    {
      name: 'IPv4 large',
      cidr: '10.0.0.0/15',
      free: 131070,
      released: '10.0.0.5',
      outOfRange: ['10.0.0.0', '10.15.255.255', '10.255.255.2'],
      alreadyAllocated: '10.0.0.1',
    },
  ])('TestAllocate $name', ({ cidr, free, released, outOfRange, alreadyAllocated }) => {
    const r = new IPAllocator(cidr, rng());
    expect(r.free()).toBe(free);
    expect(r.cidr).toBe(cidr);
    expect(r.used()).toBe(0);
    const found = new Set<string>();
    while (r.free() > 0) {
      const a = r.allocateNext();
      if (!a.ok) throw new Error(a.error);
      expect(found.has(a.ip)).toBe(false);
      found.add(a.ip);
    }
    expect(r.allocateNext()).toEqual({ ok: false, error: ERR_RANGE_FULL });
    r.release(released);
    expect(r.free()).toBe(1);
    expect(r.allocateNext()).toEqual({ ok: true, ip: released });
    r.release(released);
    for (const ip of outOfRange) expect(r.allocate(ip)).toMatchObject({ ok: false, notInRange: true });
    expect(r.allocate(alreadyAllocated)).toEqual({ ok: false, error: ERR_IP_ALLOCATED });
    expect(r.free()).toBe(1);
    expect(r.allocate(released)).toEqual({ ok: true });
    expect(r.free()).toBe(0);
    expect(r.used()).toBe(free);
  });

  it('TestAllocateTiny', () => {
    const r = new IPAllocator('192.168.1.0/32', rng());
    expect(r.free()).toBe(0);
    expect(r.allocateNext()).toEqual({ ok: false, error: ERR_RANGE_FULL });
  });

  it('TestAllocateReserved: dynamic allocation fills the upper band before the static one', () => {
    const r = new IPAllocator('192.168.1.0/25', rng());
    const dynamicOffset = calculateIPRangeOffset(128);
    expect(dynamicOffset).toBe(16);
    const max = 126;
    for (let i = 0; i < max - dynamicOffset; i++) expect(r.allocateNext().ok).toBe(true);
    for (let i = dynamicOffset; i < max; i++) expect(r.has(`192.168.1.${i + 1}`)).toBe(true);
    expect(r.free()).toBe(dynamicOffset);
    for (let i = 0; i < dynamicOffset; i++) expect(r.allocate(`192.168.1.${i + 1}`)).toEqual({ ok: true });
    expect(r.free()).toBe(0);
    r.release('192.168.1.10');
    expect(r.allocateNext()).toEqual({ ok: true, ip: '192.168.1.10' });
    expect(r.free()).toBe(0);
  });

  it('TestAllocateSmall', () => {
    const r = new IPAllocator('192.168.1.240/30', rng());
    expect(r.free()).toBe(2);
    const a = r.allocateNext();
    const b = r.allocateNext();
    expect([a, b].every((x) => x.ok)).toBe(true);
    expect(new Set(r.list())).toEqual(new Set(['192.168.1.241', '192.168.1.242']));
    expect(r.allocate('192.168.1.241')).toEqual({ ok: false, error: ERR_IP_ALLOCATED });
    for (let i = 0; i < 100; i++) expect(r.allocateNext().ok).toBe(false);
  });

  it('TestForEach', () => {
    for (const tc of [
      [],
      ['192.168.1.1'],
      ['192.168.1.1', '192.168.1.254'],
      ['192.168.1.1', '192.168.1.128', '192.168.1.254'],
    ]) {
      const r = new IPAllocator('192.168.1.0/24', rng());
      for (const ip of tc) {
        expect(r.allocate(ip)).toEqual({ ok: true });
        expect(r.has(ip)).toBe(true);
      }
      expect(r.list()).toEqual(tc);
    }
  });

  it('calculateRangeOffset: min(max(16, size/16), 256)', () => {
    expect([16, 32, 128, 256, 4096, 8192, 2 ** 20].map(calculateIPRangeOffset)).toEqual([
      0, 16, 16, 16, 256, 256, 256,
    ]);
  });

  it('the 10.96.0.0/12 static band holds 10.96.0.1 .. 10.96.1.0; dynamic IPs come from above it', () => {
    const r = new IPAllocator('10.96.0.0/12', rng());
    expect(r.indexedIP(1)).toBe('10.96.0.1');
    expect(r.indexedIP(10)).toBe('10.96.0.10');
    for (let i = 0; i < 50; i++) {
      const a = r.allocateNext();
      if (!a.ok) throw new Error(a.error);
      const [, , c, d] = a.ip.split('.').map(Number);
      const n = (Number(a.ip.split('.')[1]) - 96) * 65536 + c! * 256 + d!;
      expect(n).toBeGreaterThan(256);
    }
  });

  it("error messages are the apiserver's", () => {
    const r = new IPAllocator('10.96.0.0/12', rng());
    expect(r.allocate('10.97.0.1')).toEqual({ ok: true });
    expect(r.allocate('10.97.0.1')).toEqual({ ok: false, error: 'provided IP is already allocated' });
    expect(r.allocate('10.112.0.1')).toEqual({
      ok: false,
      notInRange: true,
      error: 'the provided IP (10.112.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    });
  });

  it('is deterministic: the same seed gives the same IPs, another seed others', () => {
    const seq = (seed: number) => {
      const r = new IPAllocator('10.96.0.0/12', createRng(seed));
      return Array.from({ length: 5 }, () => {
        const a = r.allocateNext();
        return a.ok ? a.ip : '';
      });
    };
    expect(seq(7)).toEqual(seq(7));
    expect(seq(7)).not.toEqual(seq(8));
  });
});
