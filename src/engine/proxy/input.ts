import type { EndpointSlice, Node, Pod, Service } from '../api/objects.ts';
import type { ClusterConfig } from '../sim/config.ts';

/** What kube-proxy watches: Services, EndpointSlices, Nodes (its own, for IPs and zone), plus Pods to link endpoints. */
export interface ProxyInput {
  services: Service[];
  endpointSlices: EndpointSlice[];
  nodes: Node[];
  pods: Pod[];
  config: ClusterConfig;
}
