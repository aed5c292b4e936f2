import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { ClientCard } from './nodes/ClientCard.tsx';
import { DnsCard } from './nodes/DnsCard.tsx';
import { ExternalCard } from './nodes/ExternalCard.tsx';
import { LaneNode } from './nodes/LaneNode.tsx';
import { LoadBalancerCard } from './nodes/LoadBalancerCard.tsx';
import { NodeCard } from './nodes/NodeCard.tsx';
import { PodCard } from './nodes/PodCard.tsx';
import { PodGroupCard } from './nodes/PodGroupCard.tsx';
import { ServiceCard } from './nodes/ServiceCard.tsx';
import { PathEdge } from './PathEdge.tsx';

/** Module-level constants: React Flow would re-mount every node if these were new objects each render. */
export const nodeTypes = {
  lane: LaneNode,
  client: ClientCard,
  loadBalancer: LoadBalancerCard,
  clusterNode: NodeCard,
  service: ServiceCard,
  podGroup: PodGroupCard,
  pod: PodCard,
  external: ExternalCard,
  dns: DnsCard,
} satisfies NodeTypes;

export const edgeTypes = { path: PathEdge } satisfies EdgeTypes;
