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
  /** conditions.ready, nil meaning true. */
  isReady: boolean;
  /** conditions.serving, nil meaning true. */
  isServing: boolean;
  /** conditions.terminating, nil meaning false. */
  isTerminating: boolean;
  /** nodeName equals the node kube-proxy runs on. */
  isLocal: boolean;
  zoneHints: string[];
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
  podsByIP: Map<string, Pod>,
): string | undefined {
  if (targetRef?.kind === 'Pod' && targetRef.name) {
    return objectId('Pod', targetRef.namespace ?? sliceNamespace, targetRef.name);
  }
  const pod = podsByIP.get(ip);
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
    out.set(
      key,
      entries.map((e) => {
        // A local endpoint replaces the same ip:port seen from another slice (the last local one wins).
        const c = (localNode !== '' ? e.lastByNode.get(localNode) : undefined) ?? e.first;
        return localNode !== '' && c.nodeName === localNode
          ? (c.local ??= { ...c.remote, isLocal: true })
          : c.remote;
      }),
    );
  }
  return out;
}

/** One endpoint of a slice port as every node sees it: only isLocal differs between nodes. */
interface Candidate {
  nodeName: string;
  remote: EndpointInfo;
  local?: EndpointInfo;
}

/** The candidates for one ip:port of a Service port: the first seen, and per node the last one on it. */
interface EndpointEntry {
  first: Candidate;
  lastByNode: Map<string, Candidate>;
}

/** Per slices and pods (one proxier input), per Service port: its ip:port entries, sorted. */
const prepared = new WeakMap<
  readonly EndpointSlice[],
  WeakMap<readonly Pod[], Map<string, EndpointEntry[]>>
>();

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
  const byIP = podsByIP(pods);
  const sets = new Map<string, Map<string, EndpointEntry>>();
  const sorted = sortByKey(slices, (s) => `${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`);
  for (const slice of sorted) {
    const svcName = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
    const namespace = slice.metadata?.namespace ?? 'default';
    if (!svcName) continue;
    if (slice.addressType && slice.addressType !== 'IPv4') continue;
    const ports = [...(slice.ports ?? [])].sort((a, b) => (a.port ?? 0) - (b.port ?? 0));
    const endpoints = sortByKey(slice.endpoints ?? [], (e) => (e.addresses ?? []).join(','));
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
        const nodeName = ep.nodeName ?? '';
        const remote: EndpointInfo = {
          ip,
          port: port.port,
          isReady: ep.conditions?.ready ?? true,
          isServing: ep.conditions?.serving ?? true,
          isTerminating: ep.conditions?.terminating ?? false,
          isLocal: false,
          zoneHints: (ep.hints?.forZones ?? []).map((z) => z.name),
          nodeName,
          zone: ep.zone ?? '',
        };
        const podId = podIdFor(ep.targetRef, ip, namespace, byIP);
        if (podId) remote.podId = podId;
        const candidate: Candidate = { nodeName, remote };
        const k = endpointString(remote);
        const entry = set.get(k);
        if (entry) entry.lastByNode.set(nodeName, candidate);
        else set.set(k, { first: candidate, lastByNode: new Map([[nodeName, candidate]]) });
      }
    }
  }
  const out = new Map<string, EndpointEntry[]>();
  for (const [key, set] of sets)
    out.set(
      key,
      sortByKey([...set], ([k]) => k).map(([, e]) => e),
    );
  byPods.set(pods, out);
  return out;
}

/**
 * A stable sort by a string key, each key computed once rather than twice per comparison: this runs per
 * node over every EndpointSlice, and building keys inside the comparator dominated it.
 */
function sortByKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.item);
}
