/**
 * What kube-proxy holds and writes on one node. The structured rules are the source of truth: the
 * `iptables-save` text is rendered from them and the packet tracer evaluates them, so what the canvas
 * animates is what the rules say.
 */

/** A match in an iptables rule, in the order iptables-save prints it. */
export interface IptablesMatch {
  /** e.g. `-s 10.244.1.3/32`, `! -s 10.244.0.0/16` */
  source?: { cidr: string; negate?: boolean };
  destination?: { cidr: string; negate?: boolean };
  protocol?: 'tcp' | 'udp' | 'sctp';
  inInterface?: string;
  outInterface?: string;
  /** `-m comment --comment "..."` */
  comment?: string;
  /** `-m tcp --dport 80` */
  dport?: number;
  /** `-m addrtype --dst-type LOCAL` (and `! --dst-type LOCAL` when negated) */
  dstTypeLocal?: boolean | 'not';
  /** `-m addrtype --src-type LOCAL` (and `! --src-type LOCAL`). Added by the proxy helper. */
  srcTypeLocal?: boolean | 'not';
  /** `-m mark --mark 0x4000/0x4000`, negatable */
  mark?: { value: string; negate?: boolean };
  /** `-m statistic --mode random --probability 0.33333333349` */
  probability?: number;
  /** `-m recent --name KUBE-SEP-... --rcheck --seconds 10800 --reap` or `--set` */
  recent?: { name: string; mode: 'rcheck' | 'set'; seconds?: number; reap?: boolean; mask?: string };
  /** `-m conntrack --ctstate ...` */
  ctstate?: string;
  /** `-m conntrack ! --ctstate ...`. Added by the proxy helper. */
  ctstateNegate?: boolean;
  /** `-m set --match-set NAME dst,dst` (ipvs mode). Added by the proxy helper. */
  matchSet?: { name: string; flags: string; negate?: boolean };
  /** `-m physdev --physdev-is-in` (true) or `! --physdev-is-in` ('not'). Added by the proxy helper. */
  physdevIsIn?: boolean | 'not';
  /** `-m ipvs --vaddr ... --vproto ... --vport ...` (ipvs mode). Added by the proxy helper. */
  ipvs?: { vaddr: string; vproto: string; vport: number };
  /** Any other match text, printed verbatim (e.g. `-m physdev ...`). Not evaluated by the tracer. */
  extra?: string;
}

export interface IptablesRule {
  table: 'filter' | 'nat';
  chain: string;
  match: IptablesMatch;
  /** Jump target: a chain name or DNAT, MASQUERADE, MARK, RETURN, ACCEPT, DROP, REJECT. */
  target: string;
  /** Target options, e.g. `--to-destination 10.244.1.3:80`, `--set-xmark 0x4000/0x4000`. */
  targetArgs?: string;
  /** The exact `-A CHAIN ...` line as iptables-save prints it. */
  text: string;
  /** 1-based line of `text` in this node's iptables-save output. */
  line: number;
  /** The Service (`service/ns/name`) or endpoint pod this rule exists for, for linking to YAML and canvas. */
  objectId?: string;
}

export interface IptablesTables {
  filter: { chains: string[]; rules: IptablesRule[] };
  nat: { chains: string[]; rules: IptablesRule[] };
}

export interface IpvsRealServer {
  ip: string;
  port: number;
  forward: 'Masq';
  weight: number;
  activeConn: number;
  inActConn: number;
}

export interface IpvsVirtualServer {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  ip: string;
  port: number;
  scheduler: string;
  /** `persistent 10800` when sessionAffinity is ClientIP. */
  persistentTimeout?: number;
  realServers: IpvsRealServer[];
  serviceId: string;
}

export interface NodeProxyState {
  node: string;
  mode: 'iptables' | 'ipvs';
  /** Always computed (kube-proxy in ipvs mode still writes some iptables rules). */
  iptables: IptablesTables;
  /** `iptables-save` output for the filter and nat tables. */
  iptablesSave: string;
  ipvs: IpvsVirtualServer[];
  /** `ipvsadm -Ln` output; empty string in iptables mode. */
  ipvsadm: string;
  /** The ipsets ipvs mode matches on (`ipset list`); empty in iptables mode. Added by the proxy helper. */
  ipsets?: IpsetInfo[];
}

/** One ipset kube-proxy's ipvs mode maintains (pkg/proxy/ipvs/ipset.go). Added by the proxy helper. */
export interface IpsetInfo {
  name: string;
  /** e.g. `hash:ip,port`, `bitmap:port`. */
  type: string;
  comment: string;
  /** Entries as `ipset list` prints them, e.g. `10.96.0.10,udp:53`, sorted. */
  entries: string[];
}
