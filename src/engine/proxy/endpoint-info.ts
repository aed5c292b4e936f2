/**
 * kube-proxy's endpoints: pkg/proxy/endpoint.go (BaseEndpointInfo) built from EndpointSlices the way
 * pkg/proxy/endpointslicecache.go does (group by ServicePortName, dedupe by `ip:port`, sort by the
 * endpoint string).
 */
import type { EndpointSlice, Pod } from '../api/objects.ts';
import { objectId } from '../api/objects.ts';
import { parseIPv4 } from '../net/ip.ts';
import { servicePortKey, type ProxyProtocol, type ServicePortName } from './service-port.ts';

export interface EndpointInfo {
  ip: string;
  port: number;
  /** endpointString: `ip:port`, kept as BaseEndpointInfo keeps it (rules, chain names and maps use it). */
  endpoint: string;
  /** conditions.ready, nil meaning true. */
  isReady: boolean;
  /** conditions.serving, nil meaning true. */
  isServing: boolean;
  /** conditions.terminating, nil meaning false. */
  isTerminating: boolean;
  /** nodeName equals the node kube-proxy runs on. */
  isLocal: boolean;
  zoneHints: readonly string[];
  nodeName: string;
  zone: string;
  /** `pod/ns/name` of the endpoint's Pod (targetRef, else the Pod with this IP). */
  podId?: string;
}

/** Endpoint.String(): `ip:port` (net.JoinHostPort). */
export function endpointString(ep: Pick<EndpointInfo, 'ip' | 'port'>): string {
  return `${ep.ip}:${ep.port}`;
}

/** EndpointsMap: servicePortKey → endpoints sorted by endpoint string. */
export type EndpointsMap = Map<string, EndpointInfo[]>;

/** kubernetes.io/service-name label of an EndpointSlice. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

function podIdFor(
  targetRef: { kind?: string; name?: string; namespace?: string } | undefined,
  ip: string,
  sliceNamespace: string,
  podAt: (ip: string) => Pod | undefined,
): string | undefined {
  if (targetRef?.kind === 'Pod' && targetRef.name) {
    return objectId('Pod', targetRef.namespace ?? sliceNamespace, targetRef.name);
  }
  const pod = podAt(ip);
  return pod ? objectId('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '') : undefined;
}

/** Pods by status.podIP (hostNetwork pods share the node IP and are skipped). */
export function podsByIP(pods: readonly Pod[]): Map<string, Pod> {
  const m = new Map<string, Pod>();
  for (const p of pods) {
    const ip = p.status?.podIP;
    if (ip && !p.spec?.hostNetwork && !m.has(ip)) m.set(ip, p);
  }
  return m;
}

/** Lookups by scanning the pods before podLookup builds its index. */
const SCANS_BEFORE_INDEX = 8;

/**
 * The Pod with an IP, as podsByIP finds it. Only endpoints without a Pod targetRef ask (EndpointSlice
 * controllers set one; the kubernetes Service's apiserver endpoint has none): a few lookups scan the pods,
 * more build the index once.
 */
function podLookup(pods: readonly Pod[]): (ip: string) => Pod | undefined {
  let byIP: Map<string, Pod> | undefined;
  let scans = 0;
  return (ip) => {
    if (byIP === undefined && scans++ < SCANS_BEFORE_INDEX) {
      return pods.find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork);
    }
    return (byIP ??= podsByIP(pods)).get(ip);
  };
}

/**
 * EndpointSliceCache.getEndpointsMap for all slices, as seen by kube-proxy on `localNode`.
 * Ports with a nil name or no port number are ignored, as kube-proxy ignores them.
 */
export function buildEndpointsMap(
  slices: readonly EndpointSlice[],
  localNode: string,
  pods: readonly Pod[] = [],
): EndpointsMap {
  const out: EndpointsMap = new Map();
  for (const [key, entries] of preparedEndpoints(slices, pods)) {
    if (entries.length === 0) continue;
    const endpoints: EndpointInfo[] = new Array<EndpointInfo>(entries.length);
    for (let i = 0; i < entries.length; i++) endpoints[i] = endpointOn(entries[i]!, localNode);
    out.set(key, endpoints);
  }
  return out;
}

/**
 * The endpoints listed for one ip:port of a Service port, in slice order, as a remote node sees them: the
 * first, and the rare later ones (the same address listed again, by another slice or for another node).
 */
interface EndpointEntry {
  /** `ip:port`, the sort key. */
  key: string;
  first: EndpointInfo;
  later?: EndpointInfo[];
}

/**
 * The endpoint `localNode` sees: a local endpoint replaces the same ip:port seen from another slice (the
 * last local one wins), otherwise the first one seen. Only isLocal differs between nodes.
 */
function endpointOn(entry: EndpointEntry, localNode: string): EndpointInfo {
  if (localNode === '') return entry.first;
  let ep = entry.first;
  if (entry.later) {
    for (let i = entry.later.length - 1; i >= 0; i--) {
      if (entry.later[i]!.nodeName === localNode) {
        ep = entry.later[i]!;
        break;
      }
    }
  }
  return ep.nodeName === localNode ? { ...ep, isLocal: true } : ep;
}

/** Per slices and pods (one proxier input), per Service port: its ip:port entries, sorted. */
const prepared = new WeakMap<
  readonly EndpointSlice[],
  WeakMap<readonly Pod[], Map<string, EndpointEntry[]>>
>();

/** Shared by the endpoints without zone hints (most): read-only. */
const NO_ZONE_HINTS: readonly string[] = [];

/**
 * The node-independent part of buildEndpointsMap, done once for all nodes of a simulation: slices in
 * ns/name order, ports by number, endpoints by address, deduplicated by ip:port per Service port.
 */
function preparedEndpoints(
  slices: readonly EndpointSlice[],
  pods: readonly Pod[],
): Map<string, EndpointEntry[]> {
  let byPods = prepared.get(slices);
  if (!byPods) prepared.set(slices, (byPods = new WeakMap()));
  const hit = byPods.get(pods);
  if (hit) return hit;
  const podAt = podLookup(pods);
  const sets = new Map<string, Map<string, EndpointEntry>>();
  const sorted = sortByKey(slices, (s) => `${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`);
  for (const slice of sorted) addSlice(sets, slice, podAt);
  const out = new Map<string, EndpointEntry[]>();
  for (const [key, set] of sets) out.set(key, [...set.values()].sort(byKey));
  byPods.set(pods, out);
  return out;
}

/** An IPv4 EndpointSlice's endpoints, port by port, into the entries of their Service port. */
function addSlice(
  sets: Map<string, Map<string, EndpointEntry>>,
  slice: EndpointSlice,
  podAt: (ip: string) => Pod | undefined,
): void {
  const svcName = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
  const namespace = slice.metadata?.namespace ?? 'default';
  if (!svcName) return;
  if (slice.addressType && slice.addressType !== 'IPv4') return;
  const ports = [...(slice.ports ?? [])].sort((a, b) => (a.port ?? 0) - (b.port ?? 0));
  const endpoints = sortByAddresses(slice.endpoints ?? []);
  for (const port of ports) {
    if (port.name === undefined || port.name === null) continue;
    if (!port.port) continue;
    const spn: ServicePortName = {
      namespace,
      name: svcName,
      port: port.name,
      protocol: (port.protocol ?? 'TCP') as ProxyProtocol,
    };
    const key = servicePortKey(spn);
    let set = sets.get(key);
    if (!set) sets.set(key, (set = new Map()));
    for (const ep of endpoints) {
      const ip = ep.addresses?.[0];
      if (!ip || parseIPv4(ip) === undefined) continue;
      const info = endpointInfo(ep, ip, port.port, podIdFor(ep.targetRef, ip, namespace, podAt));
      const entry = set.get(info.endpoint);
      if (entry) (entry.later ??= []).push(info);
      else set.set(info.endpoint, { key: info.endpoint, first: info });
    }
  }
}

type SliceEndpoint = NonNullable<EndpointSlice['endpoints']>[number];

/** newBaseEndpointInfo for a slice endpoint, as nodes other than its own see it. */
function endpointInfo(ep: SliceEndpoint, ip: string, port: number, podId: string | undefined): EndpointInfo {
  const forZones = ep.hints?.forZones;
  return {
    ip,
    port,
    endpoint: endpointString({ ip, port }),
    isReady: ep.conditions?.ready ?? true,
    isServing: ep.conditions?.serving ?? true,
    isTerminating: ep.conditions?.terminating ?? false,
    isLocal: false,
    zoneHints: forZones ? forZones.map((z) => z.name) : NO_ZONE_HINTS,
    nodeName: ep.nodeName ?? '',
    zone: ep.zone ?? '',
    // Always present, if undefined: one object shape for every endpoint.
    podId,
  };
}

/** A slice's endpoints by their addresses (a stable sort, with no copy when already in order). */
function sortByAddresses(endpoints: readonly SliceEndpoint[]): readonly SliceEndpoint[] {
  if (isSortedByKey(endpoints, addressesKey)) return endpoints;
  return [...endpoints].sort((a, b) => compareStrings(addressesKey(a), addressesKey(b)));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An EndpointSlice endpoint's sort key: its addresses. */
function addressesKey(ep: { addresses?: string[] }): string {
  const addresses = ep.addresses ?? [];
  return addresses.length === 1 ? addresses[0]! : addresses.join(',');
}

/** Orders entries by their `ip:port` key (distinct within a Service port). */
function byKey(a: EndpointEntry, b: EndpointEntry): number {
  return compareStrings(a.key, b.key);
}

/**
 * A stable sort by a string key, each key computed once rather than twice per comparison: this runs over
 * every EndpointSlice, and building keys inside the comparator dominated it.
 */
function sortByKey<T>(items: readonly T[], keyOf: (item: T) => string): readonly T[] {
  if (isSortedByKey(items, keyOf)) return items;
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => compareStrings(a.key, b.key));
  return keyed.map((k) => k.item);
}

/** Already in order (as the object store lists EndpointSlices)? Then sorting would only copy. */
function isSortedByKey<T>(items: readonly T[], keyOf: (item: T) => string): boolean {
  if (items.length < 2) return true;
  let previous = keyOf(items[0]!);
  for (let i = 1; i < items.length; i++) {
    const key = keyOf(items[i]!);
    if (previous > key) return false;
    previous = key;
  }
  return true;
}
