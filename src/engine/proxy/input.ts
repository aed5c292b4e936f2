import type { EndpointSlice, Node, Pod, Service } from '../api/objects.ts';
import type { ClusterConfig } from '../sim/config.ts';
import type { ServicePortRules } from './iptables/shared-service-rules.ts';

/** What kube-proxy watches: Services, EndpointSlices, Nodes (its own, for IPs and zone), plus Pods to link endpoints. */
export interface ProxyInput {
  services: Service[];
  endpointSlices: EndpointSlice[];
  nodes: Node[];
  pods: Pod[];
  config: ClusterConfig;
  /** Rules written in an earlier simulation, to reuse for Service ports seen the same way (optional). */
  rules?: ServicePortRules;
}
