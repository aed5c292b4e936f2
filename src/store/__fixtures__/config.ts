import type { ClusterConfig } from '../../engine/index.ts';

/** kubeadm and kube-proxy defaults, as the engine's DEFAULT_CLUSTER_CONFIG (restated: fixtures stay self-contained). */
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
