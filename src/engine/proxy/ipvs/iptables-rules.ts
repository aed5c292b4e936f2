/**
 * pkg/proxy/ipvs/proxier.go writeIptablesRules and createAndLinkKubeChain: the iptables rules ipvs mode
 * still needs — ipset matches that mark traffic for masquerade, the NodePort / LoadBalancer chains, the
 * source-range firewall, the ipvs access filters and the postrouting masquerade.
 */
import type { IpsetInfo, IptablesTables } from '../types.ts';
import {
  KUBE_FORWARD,
  KUBE_MARK_MASQ,
  KUBE_POSTROUTING,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
} from '../iptables/chain-names.ts';
import { TableBuffer, type Table } from '../iptables/rule.ts';
import { layoutTables, writeJumpChains, type JumpChain } from '../iptables/save.ts';
import {
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
} from './ipset.ts';

export const KUBE_NODE_PORT = 'KUBE-NODE-PORT';
export const KUBE_LOAD_BALANCER_CHAIN = 'KUBE-LOAD-BALANCER';
export const KUBE_SOURCE_RANGES_FIREWALL = 'KUBE-SOURCE-RANGES-FIREWALL';
export const KUBE_IPVS_FILTER = 'KUBE-IPVS-FILTER';
export const KUBE_IPVS_OUT_FILTER = 'KUBE-IPVS-OUT-FILTER';
/** The dummy interface ipvs mode binds service addresses to. */
export const DUMMY_DEVICE = 'kube-ipvs0';

export interface IpvsProxierOptions {
  masqueradeAll?: boolean;
  randomFully?: boolean;
  masqueradeMark?: string;
}

/** iptablesJumpChain (ipvs). */
const IPVS_JUMP_CHAINS: readonly JumpChain[] = [
  {
    table: 'nat',
    srcChain: 'OUTPUT',
    dstChain: KUBE_SERVICES,
    comment: 'kubernetes service portals',
    extraArgs: [],
  },
  {
    table: 'nat',
    srcChain: 'PREROUTING',
    dstChain: KUBE_SERVICES,
    comment: 'kubernetes service portals',
    extraArgs: [],
  },
  {
    table: 'nat',
    srcChain: 'POSTROUTING',
    dstChain: KUBE_POSTROUTING,
    comment: 'kubernetes postrouting rules',
    extraArgs: [],
  },
  {
    table: 'filter',
    srcChain: 'FORWARD',
    dstChain: KUBE_FORWARD,
    comment: 'kubernetes forwarding rules',
    extraArgs: [],
  },
  {
    table: 'filter',
    srcChain: 'INPUT',
    dstChain: KUBE_NODE_PORT,
    comment: 'kubernetes health check rules',
    extraArgs: [],
  },
  {
    table: 'filter',
    srcChain: 'INPUT',
    dstChain: KUBE_PROXY_FIREWALL,
    comment: 'kube-proxy firewall rules',
    extraArgs: [],
  },
  {
    table: 'filter',
    srcChain: 'FORWARD',
    dstChain: KUBE_PROXY_FIREWALL,
    comment: 'kube-proxy firewall rules',
    extraArgs: [],
  },
  {
    table: 'filter',
    srcChain: 'INPUT',
    dstChain: KUBE_IPVS_FILTER,
    comment: 'kubernetes ipvs access filter',
    extraArgs: [],
  },
  {
    table: 'filter',
    srcChain: 'OUTPUT',
    dstChain: KUBE_IPVS_OUT_FILTER,
    comment: 'kubernetes ipvs access filter',
    extraArgs: [],
  },
];

/** iptablesChains (ipvs). */
const IPVS_CHAINS: readonly { table: Table; chain: string }[] = [
  { table: 'nat', chain: KUBE_SERVICES },
  { table: 'nat', chain: KUBE_POSTROUTING },
  { table: 'nat', chain: KUBE_NODE_PORT },
  { table: 'nat', chain: KUBE_LOAD_BALANCER_CHAIN },
  { table: 'nat', chain: KUBE_MARK_MASQ },
  { table: 'filter', chain: KUBE_FORWARD },
  { table: 'filter', chain: KUBE_NODE_PORT },
  { table: 'filter', chain: KUBE_PROXY_FIREWALL },
  { table: 'filter', chain: KUBE_SOURCE_RANGES_FIREWALL },
  { table: 'filter', chain: KUBE_IPVS_FILTER },
  { table: 'filter', chain: KUBE_IPVS_OUT_FILTER },
];

/** ipsetWithIptablesChain: set → rule in a chain, in kube-proxy's order. */
const IPSET_WITH_IPTABLES_CHAIN: readonly {
  name: string;
  table: Table;
  from: string;
  to: string;
  matchType: string;
  protocolMatch: string;
}[] = [
  {
    name: KUBE_LOOP_BACK,
    table: 'nat',
    from: KUBE_POSTROUTING,
    to: 'MASQUERADE',
    matchType: 'dst,dst,src',
    protocolMatch: '',
  },
  {
    name: KUBE_LOAD_BALANCER,
    table: 'nat',
    from: KUBE_SERVICES,
    to: KUBE_LOAD_BALANCER_CHAIN,
    matchType: 'dst,dst',
    protocolMatch: '',
  },
  {
    name: KUBE_LOAD_BALANCER_LOCAL,
    table: 'nat',
    from: KUBE_LOAD_BALANCER_CHAIN,
    to: 'RETURN',
    matchType: 'dst,dst',
    protocolMatch: '',
  },
  {
    name: KUBE_NODE_PORT_LOCAL_TCP,
    table: 'nat',
    from: KUBE_NODE_PORT,
    to: 'RETURN',
    matchType: 'dst',
    protocolMatch: 'tcp',
  },
  {
    name: KUBE_NODE_PORT_TCP,
    table: 'nat',
    from: KUBE_NODE_PORT,
    to: KUBE_MARK_MASQ,
    matchType: 'dst',
    protocolMatch: 'tcp',
  },
  {
    name: KUBE_NODE_PORT_LOCAL_UDP,
    table: 'nat',
    from: KUBE_NODE_PORT,
    to: 'RETURN',
    matchType: 'dst',
    protocolMatch: 'udp',
  },
  {
    name: KUBE_NODE_PORT_UDP,
    table: 'nat',
    from: KUBE_NODE_PORT,
    to: KUBE_MARK_MASQ,
    matchType: 'dst',
    protocolMatch: 'udp',
  },
  {
    name: KUBE_NODE_PORT_LOCAL_SCTP,
    table: 'nat',
    from: KUBE_NODE_PORT,
    to: 'RETURN',
    matchType: 'dst,dst',
    protocolMatch: 'sctp',
  },
  {
    name: KUBE_NODE_PORT_SCTP,
    table: 'nat',
    from: KUBE_NODE_PORT,
    to: KUBE_MARK_MASQ,
    matchType: 'dst,dst',
    protocolMatch: 'sctp',
  },
  {
    name: KUBE_LOAD_BALANCER_FW,
    table: 'filter',
    from: KUBE_PROXY_FIREWALL,
    to: KUBE_SOURCE_RANGES_FIREWALL,
    matchType: 'dst,dst',
    protocolMatch: '',
  },
  {
    name: KUBE_LOAD_BALANCER_SOURCE_CIDR,
    table: 'filter',
    from: KUBE_SOURCE_RANGES_FIREWALL,
    to: 'RETURN',
    matchType: 'dst,dst,src',
    protocolMatch: '',
  },
  {
    name: KUBE_LOAD_BALANCER_SOURCE_IP,
    table: 'filter',
    from: KUBE_SOURCE_RANGES_FIREWALL,
    to: 'RETURN',
    matchType: 'dst,dst,src',
    protocolMatch: '',
  },
];

/** writeIptablesRules + createAndLinkKubeChain (ipvs). */
export function writeIptablesRules(
  ipsets: readonly IpsetInfo[],
  lbNoNodeAccess: readonly { ip: string; protocol: string; port: number }[],
  clusterCIDR: string,
  mark: string,
  opts: IpvsProxierOptions,
): IptablesTables {
  const filter = new TableBuffer('filter');
  const nat = new TableBuffer('nat');
  for (const c of IPVS_CHAINS) (c.table === 'nat' ? nat : filter).chain(c.chain);
  const set = (name: string) => ipsets.find((s) => s.name === name)!;
  const nonEmpty = (name: string) => set(name).entries.length > 0;

  nat.write(['-A', KUBE_SERVICES, '-s', '127.0.0.0/8', '-j', 'RETURN']);
  for (const s of IPSET_WITH_IPTABLES_CHAIN) {
    if (!nonEmpty(s.name)) continue;
    const args = ['-A', s.from];
    if (s.protocolMatch !== '') args.push('-p', s.protocolMatch);
    args.push(
      '-m',
      'comment',
      '--comment',
      set(s.name).comment,
      '-m',
      'set',
      '--match-set',
      s.name,
      s.matchType,
      '-j',
      s.to,
    );
    (s.table === 'filter' ? filter : nat).write(args);
  }

  if (nonEmpty(KUBE_CLUSTER_IP)) {
    const args = [
      '-A',
      KUBE_SERVICES,
      '-m',
      'comment',
      '--comment',
      set(KUBE_CLUSTER_IP).comment,
      '-m',
      'set',
      '--match-set',
      KUBE_CLUSTER_IP,
    ];
    if (opts.masqueradeAll) nat.write([...args, 'dst,dst', '-j', KUBE_MARK_MASQ]);
    else if (clusterCIDR !== '')
      nat.write([...args, 'dst,dst', '!', '-s', clusterCIDR, '-j', KUBE_MARK_MASQ]);
    else nat.write([...args, 'src,dst', '-j', KUBE_MARK_MASQ]);
  }

  const externalIPRules = (args: string[]) => {
    nat.write([
      ...args,
      '-m',
      'physdev',
      '!',
      '--physdev-is-in',
      '-m',
      'addrtype',
      '!',
      '--src-type',
      'LOCAL',
      '-j',
      'ACCEPT',
    ]);
    nat.write([...args, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'ACCEPT']);
  };
  if (nonEmpty(KUBE_EXTERNAL_IP)) {
    const args = [
      '-A',
      KUBE_SERVICES,
      '-m',
      'comment',
      '--comment',
      set(KUBE_EXTERNAL_IP).comment,
      '-m',
      'set',
      '--match-set',
      KUBE_EXTERNAL_IP,
      'dst,dst',
    ];
    nat.write([...args, '-j', KUBE_MARK_MASQ]);
    externalIPRules(args);
  }
  if (nonEmpty(KUBE_EXTERNAL_IP_LOCAL)) {
    externalIPRules([
      '-A',
      KUBE_SERVICES,
      '-m',
      'comment',
      '--comment',
      set(KUBE_EXTERNAL_IP_LOCAL).comment,
      '-m',
      'set',
      '--match-set',
      KUBE_EXTERNAL_IP_LOCAL,
      'dst,dst',
    ]);
  }

  nat.write(['-A', KUBE_SERVICES, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', KUBE_NODE_PORT]);
  nat.write(['-A', KUBE_LOAD_BALANCER_CHAIN, '-j', KUBE_MARK_MASQ]);
  filter.write(['-A', KUBE_SOURCE_RANGES_FIREWALL, '-j', 'DROP']);
  for (const e of lbNoNodeAccess) {
    filter.write([
      '-A',
      KUBE_IPVS_OUT_FILTER,
      '-s',
      e.ip,
      '-m',
      'ipvs',
      '--vaddr',
      e.ip,
      '--vproto',
      e.protocol,
      '--vport',
      String(e.port),
      '-j',
      'DROP',
    ]);
  }
  // acceptIPVSTraffic: must be the last rules of KUBE-SERVICES.
  for (const name of [KUBE_CLUSTER_IP, KUBE_LOAD_BALANCER]) {
    if (nonEmpty(name))
      nat.write(['-A', KUBE_SERVICES, '-m', 'set', '--match-set', name, 'dst,dst', '-j', 'ACCEPT']);
  }
  filter.write([
    '-A',
    KUBE_FORWARD,
    '-m',
    'comment',
    '--comment',
    'kubernetes forwarding rules',
    '-m',
    'mark',
    '--mark',
    `${mark}/${mark}`,
    '-j',
    'ACCEPT',
  ]);
  filter.write([
    '-A',
    KUBE_FORWARD,
    '-m',
    'comment',
    '--comment',
    'kubernetes forwarding conntrack rule',
    '-m',
    'conntrack',
    '--ctstate',
    'RELATED,ESTABLISHED',
    '-j',
    'ACCEPT',
  ]);
  filter.write([
    '-A',
    KUBE_NODE_PORT,
    '-m',
    'comment',
    '--comment',
    set(KUBE_HEALTH_CHECK_NODE_PORT).comment,
    '-m',
    'set',
    '--match-set',
    KUBE_HEALTH_CHECK_NODE_PORT,
    'dst',
    '-j',
    'ACCEPT',
  ]);
  for (const [name, flags] of [
    [KUBE_LOAD_BALANCER, 'dst,dst'],
    [KUBE_CLUSTER_IP, 'dst,dst'],
    [KUBE_EXTERNAL_IP, 'dst,dst'],
    [KUBE_EXTERNAL_IP_LOCAL, 'dst,dst'],
    [KUBE_HEALTH_CHECK_NODE_PORT, 'dst'],
  ] as const) {
    filter.write(['-A', KUBE_IPVS_FILTER, '-m', 'set', '--match-set', name, flags, '-j', 'RETURN']);
  }
  filter.write([
    '-A',
    KUBE_IPVS_FILTER,
    '-m',
    'conntrack',
    '--ctstate',
    'NEW',
    '-m',
    'set',
    '--match-set',
    KUBE_IPVS_IPS,
    'dst',
    '-j',
    'REJECT',
  ]);
  nat.write(['-A', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN']);
  nat.write(['-A', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', mark]);
  const masq = [
    '-A',
    KUBE_POSTROUTING,
    '-m',
    'comment',
    '--comment',
    'kubernetes service traffic requiring SNAT',
    '-j',
    'MASQUERADE',
  ];
  if (opts.randomFully ?? true) masq.push('--random-fully');
  nat.write(masq);
  nat.write(['-A', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', mark]);

  writeJumpChains(IPVS_JUMP_CHAINS, filter, nat);
  return layoutTables(filter, nat);
}
