/**
 * pkg/proxy/iptables/proxier.go syncProxyRules, in TypeScript: the filter and nat rules kube-proxy in
 * iptables mode writes on one node. Service ports are processed in `ns/name:port` order (kube-proxy walks a
 * Go map); everything else — chain names, comments, argument order, probabilities, the masquerade and
 * short-circuit rules — follows the Go code (see service-rules.ts for the per-Service part).
 */
import { buildEndpointsMap } from '../endpoint-info.ts';
import type { ProxyInput } from '../input.ts';
import { findNode, nodeZone, primaryNodeIP } from '../node-ips.ts';
import { servicePortKey, servicePortMapFor } from '../service-port.ts';
import { categorizeEndpoints } from '../topology.ts';
import type { IptablesTables } from '../types.ts';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_PROXY_CANARY,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
  MASQUERADE_MARK,
} from './chain-names.ts';
import { IPTABLES_JUMP_CHAINS } from './jump-chains.ts';
import { TableBuffer } from './rule.ts';
import { layoutTables, writeJumpChains } from './save.ts';
import { type SyncContext } from './service-rules.ts';
import { writeSharedServicePortRules } from './shared-service-rules.ts';

export { IPTABLES_JUMP_CHAINS } from './jump-chains.ts';

/** kube-proxy flags that change the iptables rules; defaults are kube-proxy's on a kubeadm node. */
export interface IptablesProxierOptions {
  /** --iptables-localhost-nodeports (default true). */
  localhostNodePorts?: boolean;
  /** nfacct counters available (kube-proxy ≥1.29 on a kernel with nfnetlink_acct; default true). */
  nfacct?: boolean;
  /** iptables supports MASQUERADE --random-fully (iptables ≥1.6.2; default true). */
  randomFully?: boolean;
  /** --masquerade-all (default false). */
  masqueradeAll?: boolean;
  /** net.netfilter.nf_conntrack_tcp_be_liberal set: no INVALID drop rule (default false). */
  conntrackTCPLiberal?: boolean;
  /** --iptables-masquerade-bit as the mark iptables-save prints (default 0x4000). */
  masqueradeMark?: string;
}

/** largeClusterEndpointsThreshold: above this many endpoints, KUBE-SEP rules lose their comments. */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

const CT_STATE_INVALID_DROPPED_COUNTER = 'ct_state_invalid_dropped_pkts';
const comment = (c: string) => ['-m', 'comment', '--comment', c];

/** The kube-proxy rules only (no jumps from built-in chains), as buffers in write order. */
export function buildIptablesBuffers(
  input: ProxyInput,
  nodeName: string,
  opts: IptablesProxierOptions = {},
): { filter: TableBuffer; nat: TableBuffer } {
  const mark = opts.masqueradeMark ?? MASQUERADE_MARK;
  const node = findNode(input.nodes, nodeName);
  const filter = new TableBuffer('filter');
  const nat = new TableBuffer('nat');
  for (const c of [
    KUBE_SERVICES,
    KUBE_EXTERNAL_SERVICES,
    KUBE_FORWARD,
    KUBE_NODEPORTS,
    KUBE_PROXY_FIREWALL,
  ]) {
    filter.chain(c);
  }
  for (const c of [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ]) nat.chain(c);

  // The postrouting and mark-for-masquerade chains.
  nat.write(['-A', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN']);
  nat.write(['-A', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', mark]);
  const masq = [
    '-A',
    KUBE_POSTROUTING,
    ...comment('kubernetes service traffic requiring SNAT'),
    '-j',
    'MASQUERADE',
  ];
  nat.write((opts.randomFully ?? true) ? [...masq, '--random-fully'] : masq);
  nat.write(['-A', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', mark]);

  const localhostNodePorts = opts.localhostNodePorts ?? true;
  if (localhostNodePorts) {
    // Mitigates the route_localnet security hole (https://issue.k8s.io/90259); kubelet writes the same rule.
    filter.chain(KUBE_FIREWALL);
    const martian = [
      '-d',
      '127.0.0.0/8',
      '!',
      '-s',
      '127.0.0.0/8',
      '-m',
      'conntrack',
      '!',
      '--ctstate',
      'RELATED,ESTABLISHED,DNAT',
    ];
    filter.write([
      '-A',
      KUBE_FIREWALL,
      ...comment('block incoming localnet connections'),
      ...martian,
      '-j',
      'DROP',
    ]);
  }

  const svcPortMap = servicePortMapFor(input.services);
  const endpointsMap = buildEndpointsMap(input.endpointSlices, nodeName, input.pods);
  const endpointsOf = svcPortMap.map((svc) => endpointsMap.get(servicePortKey(svc.name)) ?? []);
  let totalEndpoints = 0;
  for (const endpoints of endpointsOf) totalEndpoints += endpoints.length;

  const ctx: SyncContext = {
    filter,
    nat,
    clusterCIDR: input.config.clusterCIDR,
    masqueradeAll: opts.masqueradeAll ?? false,
    localhostNodePorts,
    nfacct: opts.nfacct ?? true,
    largeClusterMode: totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD,
    nodeIP: primaryNodeIP(node),
  };
  const zone = nodeZone(node);
  svcPortMap.forEach((svcInfo, i) => {
    const eps = categorizeEndpoints(endpointsOf[i]!, svcInfo, nodeName, zone);
    writeSharedServicePortRules(input, ctx, svcInfo, eps);
  });

  // Finally, tail-call to the nodePorts chain (nodePortAddresses matches all addresses).
  const destinations = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
  if (!localhostNodePorts) destinations.push('!', '-d', '127.0.0.0/8');
  const last = comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain');
  nat.write(['-A', KUBE_SERVICES, ...last, ...destinations, '-j', KUBE_NODEPORTS]);

  // Drop INVALID packets unless nf_conntrack_tcp_be_liberal is set (issues 74839, 117924).
  if (!(opts.conntrackTCPLiberal ?? false)) {
    const rule = ['-A', KUBE_FORWARD, '-m', 'conntrack', '--ctstate', 'INVALID'];
    if (ctx.nfacct) rule.push('-m', 'nfacct', '--nfacct-name', CT_STATE_INVALID_DROPPED_COUNTER);
    filter.write([...rule, '-j', 'DROP']);
  }
  const marked = ['-m', 'mark', '--mark', `${mark}/${mark}`];
  filter.write(['-A', KUBE_FORWARD, ...comment('kubernetes forwarding rules'), ...marked, '-j', 'ACCEPT']);
  const established = ['-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED'];
  filter.write([
    '-A',
    KUBE_FORWARD,
    ...comment('kubernetes forwarding conntrack rule'),
    ...established,
    '-j',
    'ACCEPT',
  ]);

  return { filter, nat };
}

/** The buffers syncProxyRules lays out: kube-proxy's rules plus the jumps from the built-in chains. */
export function syncProxyBuffers(
  input: ProxyInput,
  nodeName: string,
  opts: IptablesProxierOptions = {},
): { filter: TableBuffer; nat: TableBuffer } {
  const { filter, nat } = buildIptablesBuffers(input, nodeName, opts);
  filter.chain(KUBE_PROXY_CANARY);
  nat.chain(KUBE_PROXY_CANARY);
  writeJumpChains(IPTABLES_JUMP_CHAINS, filter, nat);
  return { filter, nat };
}

/** syncProxyRules for one node: kube-proxy's filter and nat rules plus the jumps from the built-in chains. */
export function syncProxyRules(
  input: ProxyInput,
  nodeName: string,
  opts: IptablesProxierOptions = {},
): IptablesTables {
  const { filter, nat } = syncProxyBuffers(input, nodeName, opts);
  return layoutTables(filter, nat);
}
