/**
 * Domain-name and address helpers shared by the CoreDNS pieces: case folding, zone trimming, the dashed
 * endpoint names of plugin/kubernetes (endpointHostname) and IP canonical forms for the reverse index.
 */
import { isIPv6, parseIPv4 } from '../net/ip.ts';

/** Lower-cases a name and drops one trailing dot; CoreDNS compares names case-insensitively (request.Name). */
export function normalizeName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** A name a stub resolver would send: no empty label, labels up to 63 octets, the whole name up to 253. */
export function isValidQueryName(fqdn: string): boolean {
  if (fqdn === '') return true; // the root
  if (fqdn.length > 253) return false;
  return fqdn.split('.').every((label) => label.length > 0 && label.length <= 63 && !/\s/.test(label));
}

/** dns.IsSubDomain(parent, child): child equals parent or lies below it. */
export function isSubdomain(child: string, parent: string): boolean {
  return parent === '' || child === parent || child.endsWith(`.${parent}`);
}

/** dnsutil.TrimZone: the labels of `name` left of `zone` (the empty string for the apex). */
export function trimZone(name: string, zone: string): string {
  if (name === zone) return '';
  return zone === '' ? name : name.slice(0, name.length - zone.length - 1);
}

export function splitLabels(name: string): string[] {
  return name === '' ? [] : name.split('.');
}

/**
 * plugin/kubernetes endpointHostname: the endpoint's `hostname`, else its IP with dots (IPv4) or colons
 * (IPv6, a trailing "-" completed with "0") replaced by dashes. (`endpoint_pod_names` is not enabled by kubeadm.)
 */
export function endpointHostname(ip: string, hostname?: string): string {
  if (hostname) return hostname;
  if (ip.includes('.')) return ip.replaceAll('.', '-');
  if (ip.includes(':')) {
    const dashed = ip.replaceAll(':', '-');
    return dashed.endsWith('-') ? `${dashed}0` : dashed;
  }
  return '';
}

/** An IPv6 address as 32 lower-case hex digits (every group expanded), or undefined. */
export function expandIPv6(s: string): string | undefined {
  if (!isIPv6(s)) return undefined;
  let str = s.toLowerCase();
  const lastColon = str.lastIndexOf(':');
  const tail = str.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (v4 === undefined) return undefined;
    str = `${str.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  let groups: string[];
  const halves = str.split('::');
  if (halves.length === 2) {
    const head = halves[0] ? halves[0].split(':') : [];
    const rest = halves[1] ? halves[1].split(':') : [];
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return undefined;
    groups = [...head, ...Array<string>(fill).fill('0'), ...rest];
  } else {
    groups = str.split(':');
  }
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.padStart(4, '0')).join('');
}

/** A comparable key for an address: dotted IPv4 as is, IPv6 fully expanded; undefined for anything else. */
export function canonicalIP(s: string): string | undefined {
  return parseIPv4(s) !== undefined ? s : expandIPv6(s);
}

/** msg.Service.HostType: what a backend record's host holds, an IPv4 or IPv6 address or a name. */
export function hostType(host: string): 'A' | 'AAAA' | 'CNAME' {
  if (parseIPv4(host) !== undefined) return 'A';
  if (expandIPv6(host) !== undefined) return 'AAAA';
  return 'CNAME';
}
