import type { Edge, Node } from '@xyflow/react';

export type LaneId = 'clients' | 'loadBalancers' | 'nodes' | 'services' | 'pods';

export interface LaneData extends Record<string, unknown> {
  lane: LaneId;
}

export type ClientData =
  | { kind: 'external'; ip: string }
  | { kind: 'pod'; name: string; namespace: string; ip?: string; nodeName?: string };

export interface LoadBalancerData extends Record<string, unknown> {
  name: string;
  namespace: string;
  addresses: string[];
  ports: { port: number; nodePort?: number; protocol: string }[];
}

export interface NodeData extends Record<string, unknown> {
  name: string;
  ip?: string;
  podCIDR?: string;
  controlPlane: boolean;
  nodePorts: { nodePort: number; service: string }[];
}

export interface ServicePortView {
  name?: string;
  port: number;
  targetPort: string;
  nodePort?: number;
  protocol: string;
}

export interface ServiceData extends Record<string, unknown> {
  name: string;
  namespace: string;
  type: string;
  clusterIP?: string;
  headless: boolean;
  externalName?: string;
  sessionAffinity?: string;
  ports: ServicePortView[];
  endpointCount: number;
}

export interface PodGroupData extends Record<string, unknown> {
  /** Node name, or `unscheduled` / `external` for the two special groups. */
  group: { kind: 'node'; name: string } | { kind: 'unscheduled' } | { kind: 'external' };
  count: number;
}

export interface PodData extends Record<string, unknown> {
  name: string;
  namespace: string;
  ip?: string;
  ports: number[];
  ready: boolean;
  phase: string;
}

export interface ExternalData extends Record<string, unknown> {
  host: string;
  /** `externalName` for a DNS target, `endpoint` for a hand-written Endpoints address. */
  via: 'externalName' | 'endpoint';
  ports: number[];
}

export interface DnsData extends Record<string, unknown> {
  /** The kube-dns Service's ClusterIP, which pods use as their nameserver. */
  clusterIP?: string;
  domain: string;
}

export type LaneNode = Node<LaneData, 'lane'>;
export type DnsNode = Node<DnsData, 'dns'>;
export type ClientNode = Node<ClientData & Record<string, unknown>, 'client'>;
export type LoadBalancerNode = Node<LoadBalancerData, 'loadBalancer'>;
export type ClusterNodeNode = Node<NodeData, 'clusterNode'>;
export type ServiceNode = Node<ServiceData, 'service'>;
export type PodGroupNode = Node<PodGroupData, 'podGroup'>;
export type PodNode = Node<PodData, 'pod'>;
export type ExternalNode = Node<ExternalData, 'external'>;

export type PlaygroundNode =
  | LaneNode
  | ClientNode
  | LoadBalancerNode
  | ClusterNodeNode
  | ServiceNode
  | PodGroupNode
  | PodNode
  | ExternalNode
  | DnsNode;

export type PathKind = 'entry' | 'nodePort' | 'clusterIP' | 'endpoint' | 'externalName';

export interface PathData extends Record<string, unknown> {
  kind: PathKind;
  /** False for an endpoint that is not ready (kube-proxy sends it nothing). */
  ready: boolean;
}

export type PathEdge = Edge<PathData, 'path'>;

/** Absolute box of a canvas element in flow coordinates; packets travel between these. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FlowElements {
  nodes: PlaygroundNode[];
  edges: PathEdge[];
  boxes: Record<string, Box>;
}
