/**
 * pkg/api/v1/endpoints RepackSubsets and SortSubsets: expand subsets to (port, address, ready) triples,
 * dedupe addresses by IP + targetRef UID (not ready wins over ready), then group addresses that offer the
 * same set of ports into one subset.
 *
 * Addresses sort as LessEndpointAddress does: IP strings compared byte by byte (so "10.244.1.10" sorts before
 * "10.244.1.2"), then targetRef UID. Kubernetes orders ports and subsets by the MD5 of spew's dump of the Go
 * structs, which we cannot reproduce; we order ports by (name, port, protocol) and subsets by their first
 * address, so multi-subset Endpoints may list subsets in a different order than a real cluster.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../api/objects.ts';

function addrKey(a: EndpointAddress): string {
  return `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
}

function portKey(p: EndpointPort | null): string {
  return p === null ? '-1' : JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? null]);
}

function cmpBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** LessEndpointAddress as a comparator. */
export function compareEndpointAddresses(a: EndpointAddress, b: EndpointAddress): number {
  const c = cmpBytes(a.ip, b.ip);
  if (c !== 0) return c;
  if (!b.targetRef) return a.targetRef ? 1 : 0;
  if (!a.targetRef) return -1;
  return cmpBytes(a.targetRef.uid ?? '', b.targetRef.uid ?? '');
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return (
    cmpBytes(a.name ?? '', b.name ?? '') || a.port - b.port || cmpBytes(a.protocol ?? '', b.protocol ?? '')
  );
}

export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port: EndpointPort | null; ready: Map<string, boolean> }>();
  const map = (addr: EndpointAddress, entry: { ready: Map<string, boolean> }, ready: boolean) => {
    const k = addrKey(addr);
    if (!allAddrs.has(k)) allAddrs.set(k, { ...addr });
    const was = entry.ready.get(k);
    if (was === undefined || was) entry.ready.set(k, ready);
  };
  for (const s of subsets) {
    if (!s.addresses?.length && !s.notReadyAddresses?.length) continue;
    const ports: (EndpointPort | null)[] = s.ports?.length ? s.ports : [null];
    for (const port of ports) {
      const pk = portKey(port);
      let entry = byPort.get(pk);
      if (!entry) byPort.set(pk, (entry = { port, ready: new Map() }));
      for (const a of s.addresses ?? []) map(a, entry, true);
      for (const a of s.notReadyAddresses ?? []) map(a, entry, false);
    }
  }
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] | null }>();
  for (const { port, ready } of byPort.values()) {
    const key = [...ready]
      .map(([k, r]) => `${k}\u0000${r}`)
      .sort()
      .join('\u0001');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ready, ports: null }));
    if (port !== null && port.port > 0) (g.ports ??= []).push(port);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const addresses: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of g.ready) (r ? addresses : notReady).push(allAddrs.get(k)!);
    addresses.sort(compareEndpointAddresses);
    notReady.sort(compareEndpointAddresses);
    out.push({
      ...(addresses.length ? { addresses } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ...(g.ports ? { ports: g.ports.sort(comparePorts) } : {}),
    });
  }
  const first = (s: EndpointSubset) => s.addresses?.[0] ?? s.notReadyAddresses?.[0];
  return out.sort(
    (a, b) =>
      compareEndpointAddresses(first(a)!, first(b)!) ||
      cmpBytes(JSON.stringify(a.ports ?? []), JSON.stringify(b.ports ?? [])),
  );
}
