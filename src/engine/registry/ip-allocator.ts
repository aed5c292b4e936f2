/**
 * ClusterIP allocation from --service-cluster-ip-range. Mirrors pkg/registry/core/service/ipallocator
 * (bitmap.go Range): the network and broadcast addresses are never handed out, the bottom of the range
 * (calculateRangeOffset: min(max(16, size/16), 256) addresses) is the static band for requested IPs
 * (10.96.0.1 for `kubernetes`, 10.96.0.10 for `kube-dns`), dynamic allocation picks a random free address
 * above it with the injected Rng. IPv4 only.
 */
import { formatIPv4, parseCIDR } from '../net/ip.ts';
import type { Rng } from '../sim/rng.ts';
import { formatParsedIP, parseIPSloppy } from '../validation/formats.ts';
import { AllocationBitmap } from './allocation-bitmap.ts';

export type AllocateResult = { ok: true } | { ok: false; error: string; notInRange?: boolean };
export type AllocateNextResult = { ok: true; ip: string } | { ok: false; error: string };

export const ERR_IP_ALLOCATED = 'provided IP is already allocated';
export const ERR_RANGE_FULL = 'range is full';
/** 2^20 addresses: the largest IPv4 service range kube-apiserver accepts (--service-cluster-ip-range /12). */
const MAX_RANGE_SIZE = 1 << 20;

/** ipallocator.calculateRangeOffset: the size of the static band. */
export function calculateIPRangeOffset(cidrSize: number): number {
  const min = 16;
  const max = 256;
  const step = 16;
  if (cidrSize <= min) return 0;
  const offset = Math.floor(cidrSize / step);
  if (offset < min) return min;
  if (offset > max) return max;
  return offset;
}

export class IPAllocator {
  /** The range as the apiserver prints it: the masked network, e.g. `10.96.0.0/12`. */
  readonly cidr: string;
  /** The first usable address (network + 1), as a number. */
  private readonly base: number;
  private readonly bitmap: AllocationBitmap;

  constructor(cidr: string, rng: Rng) {
    const c = parseCIDR(String(cidr).split(',')[0]?.trim() ?? '');
    this.cidr = c ? `${formatIPv4(c.base)}/${c.bits}` : String(cidr);
    this.base = c ? c.base + 1 : 0;
    // Neither the network nor the broadcast address is usable. kube-apiserver refuses ranges larger than a
    // /12 ("the mask must be >= 12"); we cap the bitmap there rather than fail.
    const max = c ? Math.max(0, Math.min(c.size, MAX_RANGE_SIZE) - 2) : 0;
    this.bitmap = new AllocationBitmap(max, c ? calculateIPRangeOffset(c.size) : 0, rng);
  }

  private offsetOf(ip: string): number | undefined {
    const p = parseIPSloppy(ip);
    if (!p || !p.is4) return undefined;
    const b = p.bytes.slice(12);
    const n = (((b[0] ?? 0) * 256 + (b[1] ?? 0)) * 256 + (b[2] ?? 0)) * 256 + (b[3] ?? 0);
    const off = n - this.base;
    return off >= 0 && off < this.bitmap.max ? off : undefined;
  }

  /** Range.Allocate: reserve a requested IP. */
  allocate(ip: string): AllocateResult {
    const off = this.offsetOf(ip);
    if (off === undefined) {
      const p = parseIPSloppy(ip);
      const shown = p ? formatParsedIP(p) : ip;
      return {
        ok: false,
        notInRange: true,
        error: `the provided IP (${shown}) is not in the valid range. The range of valid IPs is ${this.cidr}`,
      };
    }
    return this.bitmap.allocate(off) ? { ok: true } : { ok: false, error: ERR_IP_ALLOCATED };
  }

  /** Range.AllocateNext: a random free IP of the dynamic band (then the static one). */
  allocateNext(): AllocateNextResult {
    const off = this.bitmap.allocateNext();
    return off === undefined
      ? { ok: false, error: ERR_RANGE_FULL }
      : { ok: true, ip: formatIPv4(this.base + off) };
  }

  /** Range.Release: releasing an unallocated or out-of-range IP is a no-op. */
  release(ip: string): void {
    const off = this.offsetOf(ip);
    if (off !== undefined) this.bitmap.release(off);
  }

  has(ip: string): boolean {
    const off = this.offsetOf(ip);
    return off !== undefined && this.bitmap.has(off);
  }

  free(): number {
    return this.bitmap.free();
  }

  used(): number {
    return this.bitmap.max - this.bitmap.free();
  }

  /** The n-th usable address (1-based: 1 is network + 1), e.g. 1 for `kubernetes`, 10 for `kube-dns`. */
  indexedIP(n: number): string {
    return formatIPv4(this.base + n - 1);
  }

  /** Allocated IPs, ascending. */
  list(): string[] {
    return this.bitmap.list().map((o) => formatIPv4(this.base + o));
  }
}
