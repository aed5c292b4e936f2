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

/** The identity ports are grouped by; `null` stands for a subset without ports. */
export function portKey(p: EndpointPort | null): string {
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

/**
 * One address, as RepackSubsets dedupes them (by IP and targetRef UID), and whether it is ready for each
 * port it serves (by port index; undefined for the ports it does not serve).
 */
interface AddressEntry {
  readonly address: EndpointAddress;
  readonly uid: string;
  readonly ready: (boolean | undefined)[];
  /** Another address with the same IP (and another UID), if any. */
  readonly sameIP: AddressEntry | undefined;
  /** Whether a subset lists `address` already. */
  listed: boolean;
}

/** Ports whose addresses (and their readiness) are the same: one subset. */
interface SubsetGroup {
  /** The first of the ports, whose readiness column stands for all of them. */
  readonly first: number;
  ports: EndpointPort[] | null;
}

/**
 * RepackSubsets fed one (address, port, ready) triple at a time, in the order RepackSubsets walks its
 * subsets: the endpoints controller adds each pod's addresses directly instead of making a one-address
 * subset per pod and port first. Addresses are found by IP, a string the store already holds (and has
 * hashed), rather than by a key made for each.
 */
export class SubsetRepacker {
  /** Each port once, by portKey, in the order first added: the port index. */
  private readonly ports: (EndpointPort | null)[] = [];
  private readonly portIndex = new Map<string, number>();
  /** Each address once, in the order first added; the first one added is the one the subsets list. */
  private readonly entries: AddressEntry[] = [];
  private readonly byIP = new Map<string, AddressEntry>();

  /**
   * `copyAddresses`: the subsets list copies of the addresses added, rather than those (which the
   * repacker otherwise keeps as they are: they must be the caller's to give away). `expectedPorts`: how
   * many ports there will likely be, to size each address's readiness (one array per pod).
   */
  constructor(
    private readonly copyAddresses = false,
    private readonly expectedPorts = 1,
  ) {}

  /**
   * Adds `addr` as serving `port` (`pk` is its portKey). Not ready wins: an address added as ready and as
   * not ready for the same port is not ready.
   */
  add(addr: EndpointAddress, port: EndpointPort | null, pk: string, ready: boolean): void {
    let p = this.portIndex.get(pk);
    if (p === undefined) {
      p = this.ports.push(port) - 1;
      this.portIndex.set(pk, p);
    }
    const e = this.entry(addr);
    if (e.ready[p] !== false) e.ready[p] = ready;
  }

  private entry(addr: EndpointAddress): AddressEntry {
    const uid = addr.targetRef?.uid ?? '';
    const head = this.byIP.get(addr.ip);
    for (let e = head; e; e = e.sameIP) if (e.uid === uid) return e;
    const address = this.copyAddresses ? { ...addr } : addr;
    const ready = new Array<boolean | undefined>(this.expectedPorts);
    const e: AddressEntry = { address, uid, ready, sameIP: head, listed: false };
    this.byIP.set(addr.ip, e);
    this.entries.push(e);
    return e;
  }

  /** The repacked subsets, sorted (SortSubsets): asked for once, when every address is in. */
  subsets(): EndpointSubset[] {
    const out: EndpointSubset[] = [];
    for (const g of this.groupPorts()) {
      const addresses: EndpointAddress[] = [];
      const notReady: EndpointAddress[] = [];
      for (const e of this.entries) {
        const r = e.ready[g.first];
        if (r === undefined) continue;
        // An address in several subsets is copied for all but the first: no two subsets share an object.
        const a = e.listed ? copyAddress(e.address) : e.address;
        e.listed = true;
        (r ? addresses : notReady).push(a);
      }
      out.push(subset(addresses, notReady, g.ports));
    }
    if (out.length > 1) out.sort(compareSubsets);
    return out;
  }

  /** The ports grouped by the addresses they are served on, groups in the order of their first port. */
  private groupPorts(): SubsetGroup[] {
    const groups: SubsetGroup[] = [];
    for (let p = 0; p < this.ports.length; p++) {
      let g = groups.find((x) => this.sameReadiness(x.first, p));
      if (!g) groups.push((g = { first: p, ports: null }));
      const port = this.ports[p]!;
      if (port !== null && port.port > 0) (g.ports ??= []).push(port);
    }
    return groups;
  }

  /** Whether ports `p` and `q` are served by the same addresses, equally ready. */
  private sameReadiness(p: number, q: number): boolean {
    for (const e of this.entries) if (e.ready[p] !== e.ready[q]) return false;
    return true;
  }
}

/** One subset, its fields in the order the API writes them and empty ones left out. */
function subset(
  addresses: EndpointAddress[],
  notReady: EndpointAddress[],
  ports: EndpointPort[] | null,
): EndpointSubset {
  const s: EndpointSubset = {};
  if (addresses.length) s.addresses = sortAddresses(addresses);
  if (notReady.length) s.notReadyAddresses = sortAddresses(notReady);
  if (ports) s.ports = ports.length > 1 ? ports.sort(comparePorts) : ports;
  return s;
}

/**
 * Sorts by LessEndpointAddress, in place. A Service's subset usually lists a few pods: those are sorted by
 * insertion, which is stable like Array.prototype.sort but neither copies the array nor calls through it.
 */
function sortAddresses(a: EndpointAddress[]): EndpointAddress[] {
  if (a.length > 16) return a.sort(compareEndpointAddresses);
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    let j = i;
    for (; j > 0 && compareEndpointAddresses(a[j - 1]!, x) > 0; j--) a[j] = a[j - 1]!;
    a[j] = x;
  }
  return a;
}

function copyAddress(a: EndpointAddress): EndpointAddress {
  return a.targetRef ? { ...a, targetRef: { ...a.targetRef } } : { ...a };
}

function compareSubsets(a: EndpointSubset, b: EndpointSubset): number {
  return (
    compareEndpointAddresses(firstAddress(a), firstAddress(b)) ||
    cmpBytes(JSON.stringify(a.ports ?? []), JSON.stringify(b.ports ?? []))
  );
}

function firstAddress(s: EndpointSubset): EndpointAddress {
  return (s.addresses?.[0] ?? s.notReadyAddresses?.[0])!;
}

/** RepackSubsets of any subsets: theirs are not changed (the result lists copies of their addresses). */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const repacker = new SubsetRepacker(true);
  for (const s of subsets) {
    if (!s.addresses?.length && !s.notReadyAddresses?.length) continue;
    const ports: (EndpointPort | null)[] = s.ports?.length ? s.ports : [null];
    for (const port of ports) {
      const pk = portKey(port);
      for (const a of s.addresses ?? []) repacker.add(a, port, pk, true);
      for (const a of s.notReadyAddresses ?? []) repacker.add(a, port, pk, false);
    }
  }
  return repacker.subsets();
}
