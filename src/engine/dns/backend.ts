/**
 * The kubernetes plugin's ServiceBackend (plugin/kubernetes/kubernetes.go Services, Records, findServices,
 * findPods; reverse.go Reverse): turns a question into backend records (msg.Service), host plus port, or a name
 * error (errNoItems / errNsNotExposed / errInvalidRequest, all answered NXDOMAIN).
 */
import { canonicalIP, expandIPv6, hostType, splitLabels, trimZone } from './names.ts';
import { parseRequest, type RecordRequest } from './parse-request.ts';
import type { DnsType } from './types.ts';
import { serviceKey, type DnsIndex } from './zone-index.ts';
import { parseIPv4 } from '../net/ip.ts';

/** msg.Service: an address (or a name, for ExternalName, or a text) with a port, owned by `domain`. */
export interface BackendRecord {
  host: string;
  port: number;
  /** msg.Domain(Key): the name this record stands for, the SRV target when host is an address. */
  domain: string;
  text?: string;
  ttl: number;
}

export interface BackendResult {
  records: BackendRecord[];
  nameError: boolean;
}

/** kubernetes.go DNSSchemaVersion, answered at `dns-version.<zone>` (the spec's §2.2). */
export const DNS_SCHEMA_VERSION = '1.1.0';
const DNS_VERSION_TTL = 28800;

const NAME_ERROR: BackendResult = { records: [], nameError: true };
const NO_DATA: BackendResult = { records: [], nameError: false };

function namespaceExposed(index: DnsIndex, namespace: string): boolean {
  return index.namespaces.has(namespace);
}

/** dnsutil.IsReverse. */
export function isReverseName(name: string): boolean {
  return name.endsWith('.in-addr.arpa') || name.endsWith('.ip6.arpa');
}

/** matchPortAndProtocol: an empty query part matches anything; names compare case-insensitively. */
function matchPortAndProtocol(qPort: string, port: string, qProtocol: string, protocol: string): boolean {
  return (
    (qPort === '' || qPort === port.toLowerCase()) &&
    (qProtocol === '' || qProtocol === protocol.toLowerCase())
  );
}

/** findPods: `a-b-c-d.<ns>.pod.<zone>` (IPv6: colons written as dashes). */
function findPods(index: DnsIndex, r: RecordRequest, zone: string): BackendResult {
  if (index.podMode === 'disabled') return NAME_ERROR;
  if (!namespaceExposed(index, r.namespace)) return NAME_ERROR;
  const podname = r.service;
  if (podname === '') return NO_DATA;
  const domain = `${podname}.${r.namespace}.pod.${zone}`;
  const dashes = podname.split('-').length - 1;
  const ip =
    dashes === 3 && !podname.includes('--') ? podname.replaceAll('-', '.') : podname.replaceAll('-', ':');
  const record = { host: ip, port: 0, domain, ttl: index.ttl };
  if (index.podMode === 'insecure') {
    // Any well-formed address is answered without looking for a pod.
    return parseIPv4(ip) !== undefined || expandIPv6(ip) !== undefined
      ? { records: [record], nameError: false }
      : NAME_ERROR;
  }
  // pods verified: a pod with that IP must run in that namespace.
  const found = (index.podsByIP.get(ip) ?? []).filter((ns) => ns === r.namespace);
  return found.length > 0 ? { records: found.map(() => record), nameError: false } : NAME_ERROR;
}

/** findServices: ExternalName, headless (or endpoint-name) and ClusterIP Services. */
function findServices(index: DnsIndex, r: RecordRequest, zone: string): BackendResult {
  if (!namespaceExposed(index, r.namespace)) return NAME_ERROR;
  if (r.service === '') return NO_DATA;

  const key = serviceKey(r.service, r.namespace);
  const svc = index.services.get(key);
  if (!svc) return NAME_ERROR;
  const svcDomain = `${svc.name}.${svc.namespace}.svc.${zone}`.toLowerCase();
  const records: BackendRecord[] = [];
  let nameError = true;

  if (svc.type === 'ExternalName') {
    // No endpoints, and no `_port._proto` or endpoint labels under an ExternalName Service.
    if (r.endpoint !== '' || r.port !== '' || r.protocol !== '') return NAME_ERROR;
    const host = svc.externalName.replace(/\.$/, '');
    if (hostType(host) !== 'CNAME') return NAME_ERROR;
    return { records: [{ host, port: 0, domain: svcDomain, ttl: index.ttl }], nameError: false };
  }

  if (svc.headless || r.endpoint !== '') {
    for (const eps of index.endpoints.get(key) ?? []) {
      for (const addr of eps.addresses) {
        if (r.endpoint !== '' && r.endpoint !== addr.hostname.toLowerCase()) continue;
        for (const p of eps.ports) {
          if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
          nameError = false;
          records.push({
            host: addr.ip,
            port: p.port,
            domain: `${addr.hostname}.${svcDomain}`,
            ttl: index.ttl,
          });
        }
      }
    }
    return { records, nameError };
  }

  for (const p of svc.ports) {
    if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
    nameError = false;
    for (const ip of svc.clusterIPs) {
      if (ip !== '') records.push({ host: ip, port: p.port, domain: svcDomain, ttl: index.ttl });
    }
  }
  return { records, nameError };
}

/** Kubernetes.Records. */
export function findRecords(index: DnsIndex, name: string, zone: string): BackendResult {
  const parsed = parseRequest(name, zone);
  if (!parsed.ok) return NAME_ERROR;
  const r = parsed.request;
  if (r.podOrSvc === '') return NO_DATA;
  if (isReverseName(name)) return NAME_ERROR;
  if (!namespaceExposed(index, r.namespace)) return NAME_ERROR;
  return r.podOrSvc === 'pod' ? findPods(index, r, zone) : findServices(index, r, zone);
}

/** nsAddrs, simplified: `ns.dns.<zone>` answers the kube-dns Service's ClusterIPs (the Service CoreDNS backs). */
function nameserverRecords(index: DnsIndex, name: string, qtype: DnsType): BackendResult {
  const svc = index.services.get(serviceKey('kube-dns', 'kube-system'));
  const records = (svc?.clusterIPs ?? [])
    .filter((ip) => ip !== 'None' && ip !== '' && hostType(ip) === qtype)
    .map((ip) => ({ host: ip, port: 0, domain: name, ttl: index.ttl }));
  return { records, nameError: false };
}

/** Kubernetes.Services: the records for one question in `zone` (TXT, the nameserver name, then Records). */
export function findServiceRecords(
  index: DnsIndex,
  name: string,
  zone: string,
  qtype: DnsType,
): BackendResult {
  if (qtype === 'TXT') {
    const segs = splitLabels(trimZone(name, zone));
    if (segs.length === 1 && segs[0] === 'dns-version') {
      return {
        records: [{ host: '', port: 0, domain: name, text: DNS_SCHEMA_VERSION, ttl: DNS_VERSION_TTL }],
        nameError: false,
      };
    }
    // Another type exists at this name: NODATA; otherwise NXDOMAIN.
    return findRecords(index, name, zone).records.length > 0 ? NO_DATA : NAME_ERROR;
  }
  if (name === `ns.dns.${zone}`) return nameserverRecords(index, name, qtype);
  const result = findRecords(index, name, zone);
  if (qtype !== 'SRV') return result;
  // SRV for ExternalName Services is not implemented by CoreDNS: those records are dropped.
  return {
    records: result.records.filter((rec) => hostType(rec.host) !== 'CNAME'),
    nameError: result.nameError,
  };
}

/** dnsutil.ExtractAddressFromReverse: `4.3.2.1.in-addr.arpa` → 1.2.3.4 (canonical key), or undefined. */
export function addressFromReverse(name: string): string | undefined {
  if (name.endsWith('.in-addr.arpa')) {
    const ip = splitLabels(name.slice(0, -'.in-addr.arpa'.length)).reverse().join('.');
    return parseIPv4(ip) !== undefined ? ip : undefined;
  }
  if (name.endsWith('.ip6.arpa')) {
    const nibbles = splitLabels(name.slice(0, -'.ip6.arpa'.length)).reverse();
    if (nibbles.length !== 32 || !nibbles.every((n) => /^[0-9a-f]$/.test(n))) return undefined;
    return nibbles.join('');
  }
  return undefined;
}

/** Kubernetes.Reverse and serviceRecordForIP: a ClusterIP first, else every ready endpoint with that address. */
export function findReverseRecords(index: DnsIndex, name: string, zone: string): BackendResult {
  const ip = addressFromReverse(name);
  if (ip === undefined) {
    const { nameError } = findRecords(index, name, zone);
    return { records: [], nameError };
  }
  const key = canonicalIP(ip) ?? ip;
  const svc = index.serviceByIP.get(key);
  if (svc) {
    return {
      records: [
        { host: `${svc.name}.${svc.namespace}.svc.${index.zone}`, port: 0, domain: name, ttl: index.ttl },
      ],
      nameError: false,
    };
  }
  const records = (index.endpointsByIP.get(key) ?? []).map((ep) => ({
    host: `${ep.hostname}.${ep.key}.svc.${index.zone}`,
    port: 0,
    domain: name,
    ttl: index.ttl,
  }));
  return { records, nameError: records.length === 0 };
}
