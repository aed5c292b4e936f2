/** IPv4 and CIDR helpers shared by the allocators, kube-proxy and DNS. IPv6 is parsed for validation only. */

export function parseIPv4(s: string): number | undefined {
  if (typeof s !== 'string') return parseIPv4Coerced(s);
  // A scan rather than a regular expression: this runs for every address of every rule a packet meets.
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (digits === 0 || dots === 3) return undefined;
      n = n * 256 + part;
      dots++;
      part = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      // Go's netip rejects leading zeros ("010.0.0.1"); so does the apiserver since 1.30 for new objects.
      if (digits === 3 || (digits === 1 && part === 0)) return undefined;
      part = part * 10 + (c - 0x30);
      if (part > 255) return undefined;
      digits++;
    } else return undefined;
  }
  if (digits === 0 || dots !== 3) return undefined;
  return n * 256 + part;
}

/** parseIPv4 of a value that is not a string (user input of the wrong type), as RegExp.exec reads it. */
function parseIPv4Coerced(s: unknown): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s as string);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!;
    // Go's netip rejects leading zeros ("010.0.0.1"); so does the apiserver since 1.30 for new objects.
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const o = Number(part);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n;
}

export function formatIPv4(n: number): string {
  // A template, not [..].join('.'): this runs once per candidate pod IP and per rendered address.
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function isIPv6(s: string): boolean {
  if (!s.includes(':')) return false;
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const dbl = s.split('::').length - 1;
  if (dbl > 1) return false;
  const groups = s.split(':').filter((g) => g !== '');
  if (groups.some((g) => g.length > 4 && !g.includes('.'))) return false;
  return dbl === 1 ? groups.length < 8 : groups.length === 8;
}

export function isIP(s: string): boolean {
  return parseIPv4(s) !== undefined || isIPv6(s);
}

export interface CIDR {
  base: number;
  bits: number;
  /** Number of addresses in the block. */
  size: number;
}

export function parseCIDR(s: string): CIDR | undefined {
  const [ip, len, ...rest] = s.split('/');
  if (rest.length || ip === undefined || len === undefined || !/^\d{1,2}$/.test(len)) return undefined;
  const base = parseIPv4(ip);
  const bits = Number(len);
  if (base === undefined || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const masked = bits === 0 ? 0 : Math.floor(base / size) * size;
  return { base: masked, bits, size };
}

export function cidrContains(c: CIDR, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size;
}

export function ipInCIDR(ip: string, cidr: string): boolean {
  const c = parseCIDR(cidr);
  const n = parseIPv4(ip);
  return c !== undefined && n !== undefined && cidrContains(c, n);
}

/** Compares dotted IPv4 strings numerically (for kube-proxy's and the controllers' sort orders). */
export function compareIPs(a: string, b: string): number {
  const x = parseIPv4(a);
  const y = parseIPv4(b);
  if (x !== undefined && y !== undefined) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
