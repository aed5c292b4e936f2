/**
 * pkg/proxy/ipvs/proxier.go syncProxyRules: the IPVS virtual servers of one node (ClusterIPs, externalIPs,
 * LoadBalancer ingress IPs, and NodePorts on every node address), the ipsets, and the iptables rules ipvs
 * mode still writes (writeIptablesRules: masquerade marks, NodePort/LB chains, filters).
 */
import { buildEndpointsMap, type EndpointInfo } from '../endpoint-info.ts';
import type { ProxyInput } from '../input.ts';
import { findNode, nodeAddresses, nodeZone, primaryNodeIP } from '../node-ips.ts';
import { servicePortKey, servicePortMapFor, type ServicePortInfo } from '../service-port.ts';
import { categorizeEndpoints } from '../topology.ts';
import type { IpsetInfo, IptablesTables, IpvsRealServer, IpvsVirtualServer } from '../types.ts';
import { compareIPs, ipInCIDR } from '../../net/ip.ts';
import { MASQUERADE_MARK } from '../iptables/chain-names.ts';
import { writeIptablesRules, type IpvsProxierOptions } from './iptables-rules.ts';
import {
  IPSET_INFO,
  KUBE_CLUSTER_IP,
  KUBE_EXTERNAL_IP,
  KUBE_EXTERNAL_IP_LOCAL,
  KUBE_HEALTH_CHECK_NODE_PORT,
  KUBE_IPVS_IPS,
  KUBE_LOAD_BALANCER,
  KUBE_LOAD_BALANCER_FW,
  KUBE_LOAD_BALANCER_LOCAL,
  KUBE_LOAD_BALANCER_SOURCE_CIDR,
  KUBE_LOAD_BALANCER_SOURCE_IP,
  KUBE_LOOP_BACK,
  KUBE_NODE_PORT_LOCAL_SCTP,
  KUBE_NODE_PORT_LOCAL_TCP,
  KUBE_NODE_PORT_LOCAL_UDP,
  KUBE_NODE_PORT_SCTP,
  KUBE_NODE_PORT_TCP,
  KUBE_NODE_PORT_UDP,
  ipPortEntry,
  ipPortIpEntry,
} from './ipset.ts';

export {
  DUMMY_DEVICE,
  KUBE_IPVS_FILTER,
  KUBE_IPVS_OUT_FILTER,
  KUBE_LOAD_BALANCER_CHAIN,
  KUBE_NODE_PORT,
  KUBE_SOURCE_RANGES_FIREWALL,
  type IpvsProxierOptions,
} from './iptables-rules.ts';

/** Everything one ipvs-mode sync produces. */
export interface IpvsState {
  virtualServers: IpvsVirtualServer[];
  ipsets: IpsetInfo[];
  tables: IptablesTables;
}

/** Real servers for a virtual server: syncEndpoint's choice of local or cluster endpoints. */
function realServersFor(
  endpoints: readonly EndpointInfo[],
  svcInfo: ServicePortInfo,
  nodeName: string,
  zone: string,
  onlyNodeLocal: boolean,
): IpvsRealServer[] {
  const { clusterEndpoints, localEndpoints } = categorizeEndpoints(endpoints, svcInfo, nodeName, zone);
  // https://github.com/kubernetes/kubernetes/pull/97081: with no local endpoints, ipvs still uses the
  // cluster endpoints (the reply then comes back from the pod's address and is discarded by the client).
  const chosen = onlyNodeLocal
    ? localEndpoints.length > 0
      ? localEndpoints
      : clusterEndpoints
    : clusterEndpoints;
  const seen = new Set<string>();
  const out: IpvsRealServer[] = [];
  for (const ep of chosen) {
    const key = ep.endpoint;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ip: ep.ip, port: ep.port, forward: 'Masq', weight: 1, activeConn: 0, inActConn: 0 });
  }
  out.sort((a, b) => compareIPs(a.ip, b.ip) || a.port - b.port);
  return out;
}

const PROTO_ORDER = { TCP: 0, UDP: 1, SCTP: 2 } as const;

/** syncProxyRules (ipvs) for one node. */
export function buildIpvsState(
  input: ProxyInput,
  nodeName: string,
  opts: IpvsProxierOptions = {},
): IpvsState {
  const scheduler = input.config.ipvsScheduler || 'rr';
  const mark = opts.masqueradeMark ?? MASQUERADE_MARK;
  const clusterCIDR = input.config.clusterCIDR;
  const node = findNode(input.nodes, nodeName);
  const nodeIPs = nodeAddresses(node);
  const nodeIP = primaryNodeIP(node);
  const zone = nodeZone(node);
  const svcPortMap = servicePortMapFor(input.services);
  const endpointsMap = buildEndpointsMap(input.endpointSlices, nodeName, input.pods);

  const sets = new Map<string, Set<string>>(IPSET_INFO.map((s) => [s.name, new Set<string>()]));
  const add = (set: string, entry: string) => sets.get(set)!.add(entry);
  const lbNoNodeAccess: { ip: string; protocol: string; port: number }[] = [];
  const virtualServers: IpvsVirtualServer[] = [];
  const bindAddrs = new Set<string>();

  const vs = (svcInfo: ServicePortInfo, ip: string, port: number, onlyNodeLocal: boolean) => {
    const v: IpvsVirtualServer = {
      protocol: svcInfo.protocol,
      ip,
      port,
      scheduler,
      realServers: realServersFor(
        endpointsMap.get(servicePortKey(svcInfo.name)) ?? [],
        svcInfo,
        nodeName,
        zone,
        onlyNodeLocal,
      ),
      serviceId: svcInfo.serviceId,
    };
    if (svcInfo.sessionAffinityType === 'ClientIP') v.persistentTimeout = svcInfo.stickyMaxAgeSeconds;
    virtualServers.push(v);
  };

  for (const svcInfo of svcPortMap) {
    const protocol = svcInfo.protocol.toLowerCase();
    for (const ep of endpointsMap.get(servicePortKey(svcInfo.name)) ?? []) {
      if (ep.isLocal) add(KUBE_LOOP_BACK, ipPortIpEntry(ep.ip, protocol, ep.port, ep.ip));
    }
    add(KUBE_CLUSTER_IP, ipPortEntry(svcInfo.clusterIP, protocol, svcInfo.port));
    vs(svcInfo, svcInfo.clusterIP, svcInfo.port, svcInfo.internalPolicyLocal);
    bindAddrs.add(svcInfo.clusterIP);

    for (const externalIP of svcInfo.externalIPs) {
      add(
        svcInfo.externalPolicyLocal ? KUBE_EXTERNAL_IP_LOCAL : KUBE_EXTERNAL_IP,
        ipPortEntry(externalIP, protocol, svcInfo.port),
      );
      vs(svcInfo, externalIP, svcInfo.port, svcInfo.externalPolicyLocal);
      if (!nodeIPs.includes(externalIP)) bindAddrs.add(externalIP);
    }

    for (const ingress of svcInfo.loadBalancerVIPs) {
      const entry = ipPortEntry(ingress, protocol, svcInfo.port);
      add(KUBE_LOAD_BALANCER, entry);
      if (svcInfo.externalPolicyLocal) add(KUBE_LOAD_BALANCER_LOCAL, entry);
      if (svcInfo.loadBalancerSourceRanges.length > 0) {
        add(KUBE_LOAD_BALANCER_FW, entry);
        let allowFromNode = false;
        for (const cidr of svcInfo.loadBalancerSourceRanges) {
          add(KUBE_LOAD_BALANCER_SOURCE_CIDR, ipPortIpEntry(ingress, protocol, svcInfo.port, cidr));
          if (nodeIP !== undefined && ipInCIDR(nodeIP, cidr)) allowFromNode = true;
        }
        if (allowFromNode)
          add(KUBE_LOAD_BALANCER_SOURCE_IP, ipPortIpEntry(ingress, protocol, svcInfo.port, ingress));
        else lbNoNodeAccess.push({ ip: ingress, protocol, port: svcInfo.port });
      }
      vs(svcInfo, ingress, svcInfo.port, svcInfo.externalPolicyLocal);
      if (!nodeIPs.includes(ingress)) bindAddrs.add(ingress);
    }

    if (svcInfo.nodePort !== 0 && nodeIPs.length > 0) {
      const local = svcInfo.externalPolicyLocal;
      if (protocol === 'sctp') {
        for (const ip of nodeIPs) {
          add(KUBE_NODE_PORT_SCTP, ipPortEntry(ip, protocol, svcInfo.nodePort));
          if (local) add(KUBE_NODE_PORT_LOCAL_SCTP, ipPortEntry(ip, protocol, svcInfo.nodePort));
        }
      } else {
        const tcp = protocol === 'tcp';
        add(tcp ? KUBE_NODE_PORT_TCP : KUBE_NODE_PORT_UDP, String(svcInfo.nodePort));
        if (local) add(tcp ? KUBE_NODE_PORT_LOCAL_TCP : KUBE_NODE_PORT_LOCAL_UDP, String(svcInfo.nodePort));
      }
      for (const ip of nodeIPs) vs(svcInfo, ip, svcInfo.nodePort, local);
    }

    if (svcInfo.healthCheckNodePort !== 0)
      add(KUBE_HEALTH_CHECK_NODE_PORT, String(svcInfo.healthCheckNodePort));
  }
  for (const a of bindAddrs) add(KUBE_IPVS_IPS, a);

  virtualServers.sort(
    (a, b) => PROTO_ORDER[a.protocol] - PROTO_ORDER[b.protocol] || compareIPs(a.ip, b.ip) || a.port - b.port,
  );
  const ipsets: IpsetInfo[] = IPSET_INFO.map((s) => ({
    name: s.name,
    type: s.type,
    comment: s.comment,
    entries: [...sets.get(s.name)!].sort(),
  }));

  const tables = writeIptablesRules(ipsets, lbNoNodeAccess, clusterCIDR, mark, opts);
  return { virtualServers, ipsets, tables };
}

/** The IPVS virtual servers kube-proxy programs on `nodeName`. */
export function syncIpvs(
  input: ProxyInput,
  nodeName: string,
  opts: IpvsProxierOptions = {},
): IpvsVirtualServer[] {
  return buildIpvsState(input, nodeName, opts).virtualServers;
}

/** The IPVS-bound addresses (`KUBE-IPVS-IPS`): local in ipvs mode because they sit on kube-ipvs0. */
export function ipvsBoundAddresses(ipsets: readonly IpsetInfo[] | undefined): string[] {
  return ipsets?.find((s) => s.name === KUBE_IPVS_IPS)?.entries ?? [];
}
