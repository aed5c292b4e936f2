import type { EndpointSlice, Node, Pod, Service } from '../api/objects.ts';
import type { DnsAnswer, DnsQuery } from '../dns/types.ts';
import type { NodeProxyState } from '../proxy/types.ts';
import type { ClusterConfig } from '../sim/config.ts';

/**
 * A request's journey, decided by the kube-proxy rules of the node it enters (never around them).
 * Every hop names the canvas element it is at (`at`, an object id such as `node/myserver02`), the packet
 * before and after the hop, and the rule or answer that changed it. Texts are codes + params so the UI can
 * speak Korean and English.
 */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface Packet {
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  protocol: Protocol;
}

/** Who sends: the external client (outside the cluster) or a pod. */
export type TraceClient =
  | { kind: 'external'; ip: string }
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'node'; name: string };

export interface TraceRequest {
  client: TraceClient;
  /**
   * A Service name (short `web`, `web.default`, or FQDN `web.default.svc.cluster.local`), optionally
   * with `:port`; or an `ip:port` (ClusterIP, nodeIP:nodePort, LoadBalancer IP, externalIP, pod IP).
   */
  target: string;
  protocol?: Protocol;
  /** Client's ephemeral port; derived from the rng when absent. */
  srcPort?: number;
  /** Virtual time of the request in seconds, for session affinity (`-m recent --seconds`). */
  time?: number;
  /**
   * For an external client whose destination is not a node IP (a ClusterIP, an externalIP routed to the
   * cluster): the node the packet arrives at, whose rules evaluate it. Default: the first node.
   */
  node?: string;
}

export type HopKind = 'client' | 'dns' | 'loadbalancer' | 'node' | 'service' | 'chain' | 'pod' | 'external';

export type HopAction =
  | 'send'
  | 'resolve'
  | 'cname'
  | 'nxdomain'
  | 'route'
  | 'match'
  | 'dnat'
  | 'masquerade'
  | 'forward'
  | 'deliver'
  | 'reply'
  | 'drop'
  | 'reject'
  | 'leave';

/** A rule that matched at this hop, for the rules panel. */
export interface RuleRef {
  node: string;
  table: 'filter' | 'nat' | 'ipvs';
  chain: string;
  /** 1-based line in the node's iptables-save (or ipvsadm) text. */
  line: number;
  text: string;
}

export interface Hop {
  index: number;
  kind: HopKind;
  /** Canvas element id: `client/external`, `pod/ns/name`, `lb/ns/name`, `node/name`, `service/ns/name`, `external/<host>`. */
  at: string;
  /** The node whose kernel handles this hop, when there is one. */
  node?: string;
  before: Packet;
  after: Packet;
  action: HopAction;
  /** Message code for the UI, e.g. `hop.dnat`; params fill it in. */
  code: string;
  params: Record<string, string | number>;
  rules: RuleRef[];
  /** Object whose YAML produced this hop (a Service, a Pod). */
  objectId?: string;
  /** True for hops of the reply leg. */
  reply?: boolean;
}

export interface TraceCandidate {
  ip: string;
  port: number;
  /** Probability that the rules send this request here (iptables: per the statistic chain; ipvs: rr share). */
  probability: number;
  podId?: string;
  nodeName?: string;
  /** Which KUBE-SEP chain (iptables) or real server (ipvs) leads here. */
  chain?: string;
}

export type Verdict = 'DNAT' | 'ACCEPT' | 'DROP' | 'REJECT' | 'NONE';

export interface DnsStep {
  query: string;
  type: 'A' | 'AAAA' | 'SRV' | 'CNAME' | 'PTR';
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  answers: string[];
  /** The search-path expansion that answered, e.g. `web.default.svc.cluster.local`. */
  resolvedName?: string;
  cname?: string;
}

export interface Trace {
  request: TraceRequest;
  /** The node whose rules evaluated the packet (the client's node, or the node it arrived at). */
  node: string;
  dns?: DnsStep;
  /** The first packet after the client resolved names and picked its source port. */
  packet: Packet;
  candidates: TraceCandidate[];
  chosen?: TraceCandidate;
  verdict: Verdict;
  /** True when kube-proxy's KUBE-MARK-MASQ marked the packet (source NAT to the node's IP). */
  masquerade: boolean;
  hops: Hop[];
  /** Service this request resolved to, if any. */
  serviceId?: string;
}

// ---- Added by the trace helper ----

/** Everything traceRequest reads: each node's kube-proxy state, the objects, and cluster DNS. */
export interface TraceInput {
  /** Per node name: what kube-proxy wrote there (syncNodeProxy). */
  proxy: Record<string, NodeProxyState>;
  services: Service[];
  pods: Pod[];
  nodes: Node[];
  endpointSlices: EndpointSlice[];
  config: ClusterConfig;
  /** Cluster DNS (CoreDNS), used when the target is a name and the client uses the cluster resolver. */
  resolve: (query: DnsQuery) => DnsAnswer;
}

/** IPVS state of one virtual server on one node. */
export interface IpvsServiceRuntime {
  /** Connections scheduled so far (the rr scheduler's position). */
  scheduled: number;
  /** Persistence templates (`persistent` services): client IP → real server `ip:port` and last use. */
  persistence: Record<string, { realServer: string; lastSeen: number }>;
}

/**
 * Kernel state that survives between requests, JSON-serialisable: the xt_recent lists behind
 * sessionAffinity ClientIP in iptables mode, and the IPVS scheduler positions and persistence templates.
 */
export interface ProxyRuntime {
  /** node → recent list name (`KUBE-SEP-...`) → source IP → last seen (virtual seconds). */
  recent: Record<string, Record<string, Record<string, number>>>;
  /** node → virtual server (`TCP 10.96.0.10:80`) → scheduler state. */
  ipvs: Record<string, Record<string, IpvsServiceRuntime>>;
}
