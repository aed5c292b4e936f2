/** Building blocks for hops: packets, rule references and the hop list. */
import type { IptablesRule, IpvsRealServer, IpvsVirtualServer, NodeProxyState } from '../proxy/types.ts';
import { ipvsadmLines, realServerLine, virtualServerLine } from '../proxy/ipvs/ipvsadm.ts';
import type { NfPacket } from './netfilter.ts';
import type { Hop, Packet, Protocol, RuleRef } from './types.ts';

export function toPacket(
  p: Pick<NfPacket, 'src' | 'srcPort' | 'dst' | 'dstPort'>,
  protocol: Protocol,
): Packet {
  return { src: p.src, srcPort: p.srcPort, dst: p.dst, dstPort: p.dstPort, protocol };
}

/** The reply to a packet: addresses swapped. */
export function reversed(p: Packet): Packet {
  return { src: p.dst, srcPort: p.dstPort, dst: p.src, dstPort: p.srcPort, protocol: p.protocol };
}

export function ruleRef(node: string, r: IptablesRule): RuleRef {
  return { node, table: r.table, chain: r.chain, line: r.line, text: r.text };
}

export function ipvsRuleRefs(state: NodeProxyState, vs: IpvsVirtualServer, rs?: IpvsRealServer): RuleRef[] {
  const { vsLine, rsLine } = ipvsadmLines(state.ipvs, vs, rs);
  const chain = virtualServerLine(vs);
  const refs: RuleRef[] = [{ node: state.node, table: 'ipvs', chain, line: vsLine, text: chain }];
  if (rs && rsLine !== undefined)
    refs.push({ node: state.node, table: 'ipvs', chain, line: rsLine, text: realServerLine(rs) });
  return refs;
}

export class HopList {
  readonly hops: Hop[] = [];
  add(hop: Omit<Hop, 'index'>): Hop {
    const h = { index: this.hops.length, ...hop };
    this.hops.push(h);
    return h;
  }
}
