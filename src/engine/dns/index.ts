/**
 * Cluster DNS as a pod sees it: the pod's resolver (resolv-conf.ts) walking its search list, each name asked of
 * CoreDNS as kubeadm deploys it (lookup.ts), per the Kubernetes DNS-Based Service Discovery specification
 * (kubernetes/dns docs/specification.md) and CoreDNS's plugin/kubernetes.
 */
import { serve, type ServeResult } from './lookup.ts';
import { searchCandidates } from './resolv-conf.ts';
import type { DnsAnswer, DnsAttempt, DnsQuery, DnsRecord, SrvAnswer } from './types.ts';
import { buildDnsIndex, type DnsIndex, type DnsZoneInput } from './zone-index.ts';

export { buildDnsIndex, type DnsIndex, type DnsZoneInput, type PodMode } from './zone-index.ts';
export { resolvConf, searchCandidates, searchDomains, NDOTS } from './resolv-conf.ts';
export { DNS_SCHEMA_VERSION } from './backend.ts';
export type { DnsAnswer, DnsAttempt, DnsQuery, DnsRecord, DnsType, SrvAnswer } from './types.ts';

/** Answers one query against a zone; builds the index each call (use buildDnsIndex + resolveDnsIndexed to repeat). */
export function resolveDns(zone: DnsZoneInput, query: DnsQuery): DnsAnswer {
  return resolveDnsIndexed(buildDnsIndex(zone), query);
}

/**
 * Answers one query. With `query.from` (the asking pod's namespace) a relative name goes through the search list
 * as glibc's res_nsearch does: NXDOMAIN and NOERROR-without-answers move on to the next candidate; the first
 * answer wins, else the first NODATA. A candidate CoreDNS forwards upstream is taken as NXDOMAIN for the walk
 * (the upstream is not simulated); when nothing inside the cluster answers, the result is that forwarded one.
 */
export function resolveDnsIndexed(index: DnsIndex, query: DnsQuery): DnsAnswer {
  const candidates = searchCandidates(String(query.name ?? ''), query.from || undefined, index.zone);
  const attempts: DnsAttempt[] = [];
  let decided: { name: string; result: ServeResult } | undefined;
  let nodata: { name: string; result: ServeResult } | undefined;
  let forwarded: { name: string; result: ServeResult } | undefined;
  let last: { name: string; result: ServeResult } | undefined;
  for (const candidate of candidates) {
    const name = candidate.trim().replace(/\.$/, '');
    const result = serve(index, name, query.type);
    attempts.push({
      name,
      rcode: result.rcode,
      answerCount: result.answer.length,
      ...(result.forwarded ? { forwarded: true } : {}),
    });
    last = { name, result };
    if (result.rcode === 'NOERROR' && result.answer.length > 0) {
      decided = last;
      break;
    }
    if (result.rcode === 'NOERROR') nodata ??= last;
    else if (result.forwarded) forwarded ??= last;
  }
  const final = decided ?? nodata ?? forwarded ?? last;
  const answer: DnsAnswer = {
    name: query.name,
    type: query.type,
    ...(query.from !== undefined ? { from: query.from } : {}),
    rcode: final?.result.rcode ?? 'NXDOMAIN',
    answers: (final?.result.answer ?? []).map((r) => r.value),
    records: final?.result.answer ?? [],
    attempts,
  };
  if (final && (final.result.rcode === 'NOERROR' || final.result.forwarded)) answer.resolvedName = final.name;
  const cname = final?.result.answer.find((r) => r.type === 'CNAME');
  if (cname) answer.cname = cname.value as string;
  if (final?.result.forwarded) answer.forwarded = true;
  if (final && final.result.extra.length > 0) answer.additional = final.result.extra;
  return answer;
}

/** A record as `dig` prints it: `web.default.svc.cluster.local. 30 IN A 10.96.0.12`. */
export function formatDnsRecord(record: DnsRecord): string {
  const fqdn = (n: string): string => (n.endsWith('.') ? n : `${n}.`);
  let data: string;
  if (typeof record.value !== 'string') {
    const srv: SrvAnswer = record.value;
    data = `${srv.priority} ${srv.weight} ${srv.port} ${fqdn(srv.target)}`;
  } else if (record.type === 'CNAME' || record.type === 'PTR') {
    data = fqdn(record.value);
  } else if (record.type === 'TXT') {
    data = JSON.stringify(record.value);
  } else {
    data = record.value;
  }
  return `${fqdn(record.name)}\t${record.ttl}\tIN\t${record.type}\t${data}`;
}
