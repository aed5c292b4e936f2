/**
 * Cluster settings, read from optional kubeadm ClusterConfiguration and KubeProxyConfiguration documents in
 * the same YAML, as a real cluster is configured. Defaults are kubeadm's and kube-proxy's.
 */
export interface ClusterConfig {
  /** kubeadm networking.serviceSubnet, default 10.96.0.0/12. */
  serviceSubnet: string;
  /** kubeadm networking.podSubnet; the playground's default is flannel's 10.244.0.0/16, /24 per node. */
  podSubnet: string;
  /** kubeadm networking.dnsDomain, default cluster.local. */
  dnsDomain: string;
  /** kube-apiserver --service-node-port-range, default 30000-32767. */
  nodePortRange: { base: number; size: number };
  /** KubeProxyConfiguration mode: iptables (default on Linux) or ipvs. */
  proxyMode: 'iptables' | 'ipvs';
  /** KubeProxyConfiguration clusterCIDR; used for the masquerade rule of off-cluster traffic. */
  clusterCIDR: string;
  /** KubeProxyConfiguration ipvs.scheduler, default rr. */
  ipvsScheduler: string;
  /** Pool MetalLB-style LoadBalancer ingress IPs come from when a Service names none. */
  loadBalancerPool: string;
}

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  serviceSubnet: '10.96.0.0/12',
  podSubnet: '10.244.0.0/16',
  dnsDomain: 'cluster.local',
  nodePortRange: { base: 30000, size: 2768 },
  proxyMode: 'iptables',
  clusterCIDR: '10.244.0.0/16',
  ipvsScheduler: 'rr',
  loadBalancerPool: '192.168.56.240/28',
};
