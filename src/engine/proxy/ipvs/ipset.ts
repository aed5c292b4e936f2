/**
 * The ipsets kube-proxy's ipvs mode keeps (pkg/proxy/ipvs/ipset.go) and the entry strings of
 * pkg/util/ipset (Entry.String()), plus how `-m set --match-set NAME flags` matches a packet.
 */
import type { IpsetInfo } from '../types.ts';
import { ipInCIDR } from '../../net/ip.ts';

export const KUBE_LOOP_BACK = 'KUBE-LOOP-BACK';
export const KUBE_CLUSTER_IP = 'KUBE-CLUSTER-IP';
export const KUBE_EXTERNAL_IP = 'KUBE-EXTERNAL-IP';
export const KUBE_EXTERNAL_IP_LOCAL = 'KUBE-EXTERNAL-IP-LOCAL';
export const KUBE_LOAD_BALANCER = 'KUBE-LOAD-BALANCER';
export const KUBE_LOAD_BALANCER_LOCAL = 'KUBE-LOAD-BALANCER-LOCAL';
export const KUBE_LOAD_BALANCER_FW = 'KUBE-LOAD-BALANCER-FW';
export const KUBE_LOAD_BALANCER_SOURCE_IP = 'KUBE-LOAD-BALANCER-SOURCE-IP';
export const KUBE_LOAD_BALANCER_SOURCE_CIDR = 'KUBE-LOAD-BALANCER-SOURCE-CIDR';
export const KUBE_NODE_PORT_TCP = 'KUBE-NODE-PORT-TCP';
export const KUBE_NODE_PORT_LOCAL_TCP = 'KUBE-NODE-PORT-LOCAL-TCP';
export const KUBE_NODE_PORT_UDP = 'KUBE-NODE-PORT-UDP';
export const KUBE_NODE_PORT_LOCAL_UDP = 'KUBE-NODE-PORT-LOCAL-UDP';
export const KUBE_NODE_PORT_SCTP = 'KUBE-NODE-PORT-SCTP-HASH';
export const KUBE_NODE_PORT_LOCAL_SCTP = 'KUBE-NODE-PORT-LOCAL-SCTP-HASH';
export const KUBE_HEALTH_CHECK_NODE_PORT = 'KUBE-HEALTH-CHECK-NODE-PORT';
export const KUBE_IPVS_IPS = 'KUBE-IPVS-IPS';

/** ipsetInfo: name, type and comment of every set, in kube-proxy's order. */
export const IPSET_INFO: readonly { name: string; type: string; comment: string }[] = [
  {
    name: KUBE_LOOP_BACK,
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose',
  },
  {
    name: KUBE_CLUSTER_IP,
    type: 'hash:ip,port',
    comment: 'Kubernetes service cluster ip + port for masquerade purpose',
  },
  {
    name: KUBE_EXTERNAL_IP,
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port for masquerade and filter purpose',
  },
  {
    name: KUBE_EXTERNAL_IP_LOCAL,
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local',
  },
  { name: KUBE_LOAD_BALANCER, type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  {
    name: KUBE_LOAD_BALANCER_FW,
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange',
  },
  {
    name: KUBE_LOAD_BALANCER_LOCAL,
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local',
  },
  {
    name: KUBE_LOAD_BALANCER_SOURCE_IP,
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose',
  },
  {
    name: KUBE_LOAD_BALANCER_SOURCE_CIDR,
    type: 'hash:ip,port,net',
    comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose',
  },
  {
    name: KUBE_NODE_PORT_TCP,
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport TCP port for masquerade purpose',
  },
  {
    name: KUBE_NODE_PORT_LOCAL_TCP,
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local',
  },
  {
    name: KUBE_NODE_PORT_UDP,
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport UDP port for masquerade purpose',
  },
  {
    name: KUBE_NODE_PORT_LOCAL_UDP,
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local',
  },
  {
    name: KUBE_NODE_PORT_SCTP,
    type: 'hash:ip,port',
    comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'",
  },
  {
    name: KUBE_NODE_PORT_LOCAL_SCTP,
    type: 'hash:ip,port',
    comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'",
  },
  { name: KUBE_HEALTH_CHECK_NODE_PORT, type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: KUBE_IPVS_IPS, type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

/** Entry.String() for hash:ip,port (`10.96.0.10,udp:53`). */
export const ipPortEntry = (ip: string, protocol: string, port: number) => `${ip},${protocol}:${port}`;
/** Entry.String() for hash:ip,port,ip and hash:ip,port,net. */
export const ipPortIpEntry = (ip: string, protocol: string, port: number, ip2: string) =>
  `${ip},${protocol}:${port},${ip2}`;

/** The packet fields a set match looks at. */
export interface SetPacket {
  src: string;
  dst: string;
  dstPort: number;
  /** lowercase */
  protocol: string;
}

/** `-m set --match-set NAME flags`: does the packet's (flags-selected) tuple belong to the set? */
export function ipsetMatches(set: IpsetInfo | undefined, flags: string, pkt: SetPacket): boolean {
  if (!set) return false;
  const dirs = flags.split(',');
  const addr = (d: string | undefined) => (d === 'src' ? pkt.src : pkt.dst);
  for (const entry of set.entries) {
    const parts = entry.split(',');
    switch (set.type) {
      case 'bitmap:port':
        if (Number(parts[0]) === pkt.dstPort) return true;
        break;
      case 'hash:ip':
        if (parts[0] === addr(dirs[0])) return true;
        break;
      case 'hash:ip,port':
      case 'hash:ip,port,ip':
      case 'hash:ip,port,net': {
        const [proto, port] = (parts[1] ?? '').split(':');
        if (parts[0] !== addr(dirs[0])) break;
        if (proto !== pkt.protocol || Number(port) !== pkt.dstPort) break;
        if (set.type === 'hash:ip,port') return true;
        const third = addr(dirs[2]);
        if (set.type === 'hash:ip,port,ip' && parts[2] === third) return true;
        if (set.type === 'hash:ip,port,net' && ipInCIDR(third, parts[2] ?? '')) return true;
        break;
      }
    }
  }
  return false;
}
