/**
 * utilnet.ParseIPSloppy followed by net.IP.String(): the form the EndpointSlice controllers write
 * addresses in. IPv4 may carry leading zeros ("010.1.2.3" -> "10.1.2.3"); IPv6 is printed per RFC 5952
 * (lowercase, no leading zeros, the longest run of two or more zero groups as "::"); an IPv4-mapped IPv6
 * address is IPv4, as ip.To4() != nil.
 */
export interface ParsedIP {
  ip: string;
  family: 'IPv4' | 'IPv6';
}

/**
 * Four dot-separated octets of 1 to 3 ASCII digits, each at most 255 (leading zeros allowed). A scan
 * rather than split and a regex per part: every pod IP of every EndpointSlice comes through here.
 */
function parseV4(s: string): number[] | undefined {
  const octets: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x2e; // a final '.' closes the last octet
    if (c === 0x2e) {
      if (digits === 0 || value > 255 || octets.length === 4) return undefined;
      octets.push(value);
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39 && digits < 3) {
      value = value * 10 + (c - 0x30);
      digits++;
    } else return undefined;
  }
  return octets.length === 4 ? octets : undefined;
}

/**
 * Whether `s` is an IPv4 address already in its canonical form: what parseV4 accepts, without a leading
 * zero. Pod IPs are (the kubelet writes them), so they are returned as they are, with nothing allocated.
 */
function isCanonicalV4(s: string): boolean {
  let octets = 0;
  let value = 0;
  let digits = 0;
  let leadingZero = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x2e; // a final '.' closes the last octet
    if (c === 0x2e) {
      if (digits === 0 || value > 255 || leadingZero || ++octets > 4) return false;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39 && digits < 3) {
      if (digits === 1 && value === 0) leadingZero = true;
      value = value * 10 + (c - 0x30);
      digits++;
    } else return false;
  }
  return octets === 4;
}

function parseV6Groups(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (x: string, allowV4Tail: boolean): number[] | undefined => {
    if (x === '') return [];
    const parts = x.split(':');
    const out: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (allowV4Tail && i === parts.length - 1 && p.includes('.')) {
        const v4 = parseV4(p);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  if (halves.length === 1) {
    const g = toGroups(s, true);
    return g && g.length === 8 ? g : undefined;
  }
  const h = toGroups(halves[0]!, false);
  const r = toGroups(halves[1]!, true);
  if (!h || !r || h.length + r.length > 7) return undefined;
  return [...h, ...new Array<number>(8 - h.length - r.length).fill(0), ...r];
}

function formatV6(g: number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function parseIPSloppy(s: string): ParsedIP | undefined {
  if (isCanonicalV4(s)) return { ip: s, family: 'IPv4' };
  const v4 = parseV4(s);
  if (v4) return { ip: v4.join('.'), family: 'IPv4' };
  if (!s.includes(':')) return undefined;
  const g = parseV6Groups(s);
  if (!g) return undefined;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return { ip: [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join('.'), family: 'IPv4' };
  }
  return { ip: formatV6(g), family: 'IPv6' };
}

/**
 * parseIPSloppy(s).ip if `s` is an address of `family`, else undefined: getEndpointAddresses' question,
 * answered without a ParsedIP for the canonical IPv4 address that nearly every pod IP is.
 */
export function canonicalIPOfFamily(s: string, family: ParsedIP['family']): string | undefined {
  if (isCanonicalV4(s)) return family === 'IPv4' ? s : undefined;
  const parsed = parseIPSloppy(s);
  return parsed?.family === family ? parsed.ip : undefined;
}
