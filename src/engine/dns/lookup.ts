/**
 * One question to CoreDNS as kubeadm configures it: the kubernetes plugin's ServeDNS (handler.go) with the
 * record builders of plugin/backend_lookup.go (A, AAAA, SRV, CNAME, TXT, PTR), `fallthrough in-addr.arpa
 * ip6.arpa`, and `forward . /etc/resolv.conf` for everything outside its zones (not simulated: marked forwarded).
 * Differences: the `loadbalance` plugin shuffles address answers, we sort them; no SOA in negative answers.
 */
import { findReverseRecords, findServiceRecords, type BackendRecord, type BackendResult } from './backend.ts';
import { hostType, isSubdomain, isValidQueryName, normalizeName } from './names.ts';
import type { DnsRecord, DnsType, SrvAnswer } from './types.ts';
import type { DnsIndex } from './zone-index.ts';
import { compareIPs } from '../net/ip.ts';

export interface ServeResult {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answer: DnsRecord[];
  extra: DnsRecord[];
  /** The question, or a CNAME target, left CoreDNS's zones for the upstream resolver. */
  forwarded: boolean;
}

interface Lookup {
  index: DnsIndex;
  zone: string;
  forwarded: boolean;
}

interface Built {
  records: DnsRecord[];
  extra: DnsRecord[];
  nameError: boolean;
}

const REVERSE_ZONES = ['in-addr.arpa', 'ip6.arpa'];
/** backend_lookup.go maxCnameChainLength. */
const MAX_CNAME_CHAIN = 10;

function isIPHost(host: string): boolean {
  return hostType(host) !== 'CNAME';
}

/** checkForApex: the apex itself first asks for `apex.dns.<zone>`, then for itself. */
function apexServices(lk: Lookup, name: string, qtype: DnsType): BackendResult {
  if (name === lk.zone) {
    const apex = findServiceRecords(lk.index, `apex.dns.${lk.zone}`, lk.zone, qtype);
    if (!apex.nameError) return apex;
  }
  return findServiceRecords(lk.index, name, lk.zone, qtype);
}

/** plugin.A / plugin.AAAA, following CNAMEs inside the zone and handing outside targets to the upstream. */
function addressRecords(lk: Lookup, name: string, qtype: 'A' | 'AAAA', previous: DnsRecord[]): Built {
  const res = apexServices(lk, name, qtype);
  if (res.nameError) return { records: [], extra: [], nameError: true };
  const records: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const serv of sortedAddressesFirst(res.records)) {
    const what = hostType(serv.host);
    if (what === 'CNAME') {
      const target = normalizeName(serv.host);
      if (isSubdomain(target, name)) continue; // x CNAME x is a loop
      const cname: DnsRecord = { name, ttl: serv.ttl, type: 'CNAME', value: serv.host };
      if (previous.length > MAX_CNAME_CHAIN) continue;
      if (previous.some((p) => p.name === name && p.value === serv.host)) continue;
      if (isSubdomain(target, lk.zone)) {
        const next = addressRecords(lk, target, qtype, [...previous, cname]);
        if (!next.nameError && next.records.length > 0) records.push(cname, ...next.records);
        continue;
      }
      // The target is outside the cluster: CoreDNS asks its upstream (not simulated).
      lk.forwarded = true;
      records.push(cname);
      continue;
    }
    if (what === qtype && !seen.has(serv.host)) {
      seen.add(serv.host);
      records.push({ name, ttl: serv.ttl, type: qtype, value: serv.host });
    }
  }
  return { records, extra: [], nameError: false };
}

/** Names keep their place ahead; addresses follow in IP order (CoreDNS's `loadbalance` would shuffle them). */
function sortedAddressesFirst(records: BackendRecord[]): BackendRecord[] {
  const names = records.filter((r) => !isIPHost(r.host));
  const addresses = records
    .filter((r) => isIPHost(r.host))
    .sort((a, b) => compareIPs(a.host, b.host) || a.port - b.port);
  return [...names, ...addresses];
}

/**
 * plugin.SRV: every record weighs 100 within priority 0, so each answer gets weight ⌊100 / n⌋ for n backend
 * records (duplicates and portless sentinels included, as CoreDNS counts them); the target is the record's own
 * name (`<svc>.<ns>.svc.<zone>` or `<hostname>.<svc>.<ns>.svc.<zone>`), its address goes to the additional section.
 */
function srvRecords(lk: Lookup, name: string): Built {
  const res = findServiceRecords(lk.index, name, lk.zone, 'SRV');
  if (res.nameError) return { records: [], extra: [], nameError: true };
  const total = res.records.length * 100;
  const records: DnsRecord[] = [];
  const extra: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const serv of sortedAddressesFirst(res.records)) {
    if (serv.port === -1) continue; // no declared port
    const weight = Math.max(1, Math.floor((100 / total) * 100));
    const what = hostType(serv.host);
    if (what === 'CNAME') continue; // dropped by Kubernetes.Services for SRV
    const srv: SrvAnswer = { priority: 0, weight, port: serv.port, target: serv.domain };
    if (!seen.has(`${serv.domain}|${serv.port}`)) {
      seen.add(`${serv.domain}|${serv.port}`);
      records.push({ name, ttl: serv.ttl, type: 'SRV', value: srv });
    }
    if (!seen.has(`${serv.domain}|@${serv.host}`)) {
      seen.add(`${serv.domain}|@${serv.host}`);
      extra.push({ name: serv.domain, ttl: serv.ttl, type: what, value: serv.host });
    }
  }
  records.sort((a, b) => {
    const x = a.value as SrvAnswer;
    const y = b.value as SrvAnswer;
    return x.target < y.target ? -1 : x.target > y.target ? 1 : x.port - y.port;
  });
  return { records, extra, nameError: false };
}

/** plugin.TXT: only `dns-version.<zone>` has text. */
function txtRecords(lk: Lookup, name: string): Built {
  const res = findServiceRecords(lk.index, name, lk.zone, 'TXT');
  const records: DnsRecord[] = res.records
    .filter((s) => s.text !== undefined)
    .map((s) => ({ name, ttl: s.ttl, type: 'TXT', value: s.text ?? '' }));
  return { records, extra: [], nameError: res.nameError };
}

/** plugin.CNAME: the first backend record, when it holds a name (an ExternalName Service). */
function cnameRecords(lk: Lookup, name: string): Built {
  const res = findServiceRecords(lk.index, name, lk.zone, 'CNAME');
  const first = res.records[0];
  const records: DnsRecord[] =
    first && !isIPHost(first.host) ? [{ name, ttl: first.ttl, type: 'CNAME', value: first.host }] : [];
  return { records, extra: [], nameError: res.nameError };
}

/** plugin.PTR: the names of the Service or endpoints owning the address, each once. */
function ptrRecords(lk: Lookup, name: string): Built {
  const res = findReverseRecords(lk.index, name, lk.zone);
  const hosts = [...new Set(res.records.map((s) => s.host).filter((h) => !isIPHost(h)))];
  const records: DnsRecord[] = hosts.map((host) => ({ name, ttl: lk.index.ttl, type: 'PTR', value: host }));
  return { records, extra: [], nameError: res.nameError };
}

/** plugin.Zones.Matches: the longest of CoreDNS's zones that holds the name. */
function matchZone(index: DnsIndex, name: string): string | undefined {
  const zones = [index.zone, ...REVERSE_ZONES].filter((z) => isSubdomain(name, z));
  return zones.sort((a, b) => b.length - a.length)[0];
}

/** Asks CoreDNS one fully qualified name (no search path). */
export function serve(index: DnsIndex, fqdn: string, qtype: DnsType): ServeResult {
  const name = normalizeName(fqdn);
  if (!isValidQueryName(name)) return { rcode: 'NXDOMAIN', answer: [], extra: [], forwarded: false };
  const zone = matchZone(index, name);
  if (zone === undefined) return { rcode: 'NXDOMAIN', answer: [], extra: [], forwarded: true };

  const lk: Lookup = { index, zone, forwarded: false };
  let built: Built;
  switch (qtype) {
    case 'A':
    case 'AAAA':
      built = addressRecords(lk, name, qtype, []);
      break;
    case 'SRV':
      built = srvRecords(lk, name);
      break;
    case 'TXT':
      built = txtRecords(lk, name);
      break;
    case 'CNAME':
      built = cnameRecords(lk, name);
      break;
    case 'PTR':
      built = ptrRecords(lk, name);
      break;
    default: {
      // Any other type: a fake A lookup tells NODATA from NXDOMAIN.
      const fake = addressRecords(lk, name, 'A', []);
      built = { records: [], extra: [], nameError: fake.nameError };
    }
  }
  if (built.nameError) {
    // `fallthrough in-addr.arpa ip6.arpa`: unknown reverse names go on to `forward`.
    return { rcode: 'NXDOMAIN', answer: [], extra: [], forwarded: REVERSE_ZONES.includes(zone) };
  }
  // Answers are owned by the question as asked: CoreDNS preserves its case (handler_case_test.go).
  const asked = fqdn.trim().replace(/\.$/, '');
  const answer = built.records.map((r) => (r.name === name ? { ...r, name: asked } : r));
  return { rcode: 'NOERROR', answer, extra: built.extra, forwarded: lk.forwarded };
}
