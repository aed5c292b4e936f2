/** Shared state and small helpers of one trace (see tracer.ts). */
import type { Node, Pod } from '../api/objects.ts';
import { primaryNodeIP } from '../proxy/node-ips.ts';
import { LABEL_SERVICE_NAME } from '../proxy/endpoint-info.ts';
import type { ServicePortInfo } from '../proxy/service-port.ts';
import type { NodeProxyState } from '../proxy/types.ts';
import type { Rng } from '../sim/rng.ts';
import { objectId } from '../api/objects.ts';
import { findService, nodeName as nameOf, podId, type ClusterIndex } from './cluster-index.ts';
import type { ClientInfo } from './client.ts';
import type { HopList } from './hops.ts';
import type {
  DnsStep,
  Packet,
  Protocol,
  ProxyRuntime,
  TraceCandidate,
  TraceInput,
  TraceRequest,
  Verdict,
} from './types.ts';

/** Linux net.ipv4.ip_local_port_range defaults: 32768-60999. */
export const EPHEMERAL_BASE = 32768;
export const EPHEMERAL_COUNT = 60999 - 32768 + 1;
export const DNS_AT = 'service/kube-system/kube-dns';

export interface Ctx {
  input: TraceInput;
  index: ClusterIndex;
  req: TraceRequest;
  protocol: Protocol;
  now: number;
  rt: ProxyRuntime;
  rng: Rng;
  hops: HopList;
  client: ClientInfo;
}

export interface Result {
  node: string;
  verdict: Verdict;
  masquerade: boolean;
  candidates: TraceCandidate[];
  chosen?: TraceCandidate;
  serviceId?: string;
  dns?: DnsStep;
}

export function emptyState(node: string): NodeProxyState {
  return {
    node,
    mode: 'iptables',
    iptables: { filter: { chains: [], rules: [] }, nat: { chains: [], rules: [] } },
    iptablesSave: '',
    ipvs: [],
    ipvsadm: '',
    ipsets: [],
  };
}

export const fmt = (ip: string, port: number) => `${ip}:${port}`;
export const serviceIdOf = (ns: string | undefined, name: string | undefined) =>
  objectId('Service', ns ?? 'default', name ?? '');

/** First port of a Service (the playground's default when the target names no port). */
export function firstPort(svc: { spec?: { ports?: { port: number }[] } } | undefined): number | undefined {
  return svc?.spec?.ports?.[0]?.port;
}

/** `name.ns.svc.<domain>` → the Service. */
export function serviceFromFqdn(index: ClusterIndex, fqdn: string | undefined, domain: string) {
  if (!fqdn) return undefined;
  const name = fqdn.replace(/\.$/, '');
  const suffix = `.svc.${domain}`;
  if (!name.endsWith(suffix)) return undefined;
  const parts = name.slice(0, -suffix.length).split('.');
  if (parts.length < 2) return undefined;
  return findService(index, parts[parts.length - 1]!, parts[parts.length - 2]!);
}

export function podOn(index: ClusterIndex, ip: string): Pod | undefined {
  return index.podByIP.get(ip);
}

export function candidateFor(
  index: ClusterIndex,
  ip: string,
  port: number,
  probability: number,
  chain?: string,
): TraceCandidate {
  const c: TraceCandidate = { ip, port, probability };
  const pod = podOn(index, ip);
  if (pod) {
    c.podId = podId(pod);
    if (pod.spec?.nodeName) c.nodeName = pod.spec.nodeName;
  }
  if (chain) c.chain = chain;
  return c;
}

/** Nodes a cloud load balancer sends to; with externalTrafficPolicy Local only those passing the health check. */
export function loadBalancerNodes(ctx: Ctx, svcPort: ServicePortInfo): { nodes: Node[]; healthy: number } {
  const eligible = ctx.index.nodes.filter(
    (n) =>
      ctx.input.proxy[nameOf(n)] !== undefined &&
      primaryNodeIP(n) !== undefined &&
      n.metadata?.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] === undefined &&
      !(n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status !== 'True'),
  );
  if (svcPort.healthCheckNodePort === 0) return { nodes: eligible, healthy: eligible.length };
  // The health check server answers 200 where the Service has local ready endpoints.
  const withEndpoints = new Set<string>();
  for (const slice of ctx.input.endpointSlices) {
    if (
      slice.metadata?.namespace !== svcPort.name.namespace ||
      slice.metadata?.labels?.[LABEL_SERVICE_NAME] !== svcPort.name.name
    )
      continue;
    for (const ep of slice.endpoints ?? []) {
      if ((ep.conditions?.ready ?? true) && ep.nodeName) withEndpoints.add(ep.nodeName);
    }
  }
  const healthy = eligible.filter((n) => withEndpoints.has(nameOf(n)));
  // Real cloud load balancers fail open: with no healthy target they use all of them.
  return { nodes: healthy.length > 0 ? healthy : eligible, healthy: healthy.length };
}

export function pickNode(ctx: Ctx, nodes: Node[]): Node | undefined {
  if (nodes.length === 0) return undefined;
  return nodes.length === 1 ? nodes[0] : nodes[ctx.rng.int(nodes.length)];
}

/** A Result without a decision. */
export function noDecision(node: string, extra: Partial<Result> = {}): Result {
  return { node, verdict: 'NONE', masquerade: false, candidates: [], ...extra };
}

/** Whatever the trace has learned about the target before the first node. */
export interface Target {
  first: Packet;
  host: string;
  dns?: DnsStep;
  serviceId?: string;
  /** Headless Services: the pod IPs DNS returned, and the one the client took. */
  headless?: TraceCandidate[];
  headlessChosen?: TraceCandidate;
}

/** The load balancer a request went through, for the reply leg. */
export interface LbVia {
  at: string;
  vip: Packet;
  objectId: string;
}

/** One node the request crossed, with the packet conntrack will translate the reply back to. */
export interface PathStep {
  node: string;
  unnat?: { from: Packet };
}
