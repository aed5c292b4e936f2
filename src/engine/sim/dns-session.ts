import { buildDnsIndex, resolveDnsIndexed, type DnsIndex } from '../dns/index.ts';
import type { DnsAnswer, DnsQuery } from '../dns/types.ts';
import type { SimulationResult } from './result.ts';

const indexes = new WeakMap<SimulationResult, DnsIndex>();

/** Asks the simulated cluster DNS (CoreDNS) one question; the zone index is built once per result. */
export function resolveDns(result: SimulationResult, query: DnsQuery): DnsAnswer {
  return resolveDnsIndexed(dnsIndexFor(result), query);
}

export function dnsIndexFor(result: SimulationResult): DnsIndex {
  let index = indexes.get(result);
  if (!index) {
    const { config, services, endpointSlices, pods } = result.cluster;
    index = buildDnsIndex({
      dnsDomain: config.dnsDomain,
      services,
      endpointSlices,
      pods,
      namespaces: result.cluster.namespaces,
    });
    indexes.set(result, index);
  }
  return index;
}
