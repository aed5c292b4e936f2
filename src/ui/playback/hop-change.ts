/**
 * What a hop did to the packet, as a short tag for the canvas label, the inspector and the event list:
 * DNAT to the endpoint, SNAT (masquerade) to the node's IP, DROP, REJECT, a DNS answer, a CNAME,
 * NXDOMAIN... Read from the tracer's message code and the packet before/after; decides nothing.
 */
import type { Hop } from '../../engine/index.ts';

export type ChangeKind =
  | 'send'
  | 'dnat'
  | 'snat'
  | 'drop'
  | 'reject'
  | 'dns'
  | 'headless'
  | 'cname'
  | 'nxdomain'
  | 'lb'
  | 'select'
  | 'affinity'
  | 'deliver'
  | 'reply'
  | 'unnat'
  | 'leave'
  | 'forward';

export interface HopChange {
  kind: ChangeKind;
  params: Record<string, string | number>;
  /** Which address fields differ between before and after. */
  changed: { src: boolean; dst: boolean };
}

const BY_CODE: Record<string, ChangeKind> = {
  'hop.client.send': 'send',
  'hop.node.dnat': 'dnat',
  'hop.node.ipvs': 'dnat',
  'hop.node.masquerade': 'snat',
  'hop.node.drop': 'drop',
  'hop.node.timeout': 'drop',
  'hop.external.unroutable': 'drop',
  'hop.lb.sourceRangeDenied': 'drop',
  'hop.lb.noPort': 'drop',
  'hop.lb.noNodes': 'drop',
  'hop.client.unknown': 'drop',
  'hop.client.noAddress': 'drop',
  'hop.target.invalid': 'drop',
  'hop.dns.noClusterDns': 'drop',
  'hop.reply.dropped': 'drop',
  'hop.error': 'drop',
  'hop.node.reject': 'reject',
  'hop.node.ipvsNoRealServers': 'reject',
  'hop.node.closedPort': 'reject',
  'hop.dns.resolve': 'dns',
  'hop.dns.headless': 'headless',
  'hop.dns.cname': 'cname',
  'hop.dns.nxdomain': 'nxdomain',
  'hop.lb.forward': 'lb',
  'hop.lb.forwardVip': 'lb',
  'hop.service.select': 'select',
  'hop.service.affinity': 'affinity',
  'hop.pod.deliver': 'deliver',
  'hop.endpoint.deliver': 'deliver',
  'hop.node.hostProcess': 'deliver',
  'hop.node.healthCheck': 'deliver',
  'hop.reply.send': 'reply',
  'hop.reply.deliver': 'reply',
  'hop.reply.lb': 'reply',
  'hop.reply.unnat': 'unnat',
  'hop.external.leave': 'leave',
};

export const addr = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

const pct = (p: unknown) => (typeof p === 'number' ? `${Number((p * 100).toFixed(1))}%` : String(p ?? ''));

export function hopChange(hop: Hop): HopChange {
  const { before: b, after: a } = hop;
  const changed = {
    src: b.src !== a.src || b.srcPort !== a.srcPort,
    dst: b.dst !== a.dst || b.dstPort !== a.dstPort,
  };
  const kind = BY_CODE[hop.code] ?? 'forward';
  const p = hop.params;
  const params: Record<string, string | number> = {};
  switch (kind) {
    case 'dnat':
      params.to = addr(a.dst, a.dstPort);
      break;
    case 'snat':
      params.to = a.src;
      break;
    case 'unnat':
      params.to = addr(a.src, a.srcPort);
      break;
    case 'dns':
    case 'headless':
      params.answers = String(p.answers ?? '');
      break;
    case 'cname':
      params.cname = String(p.cname ?? '');
      break;
    case 'lb':
      params.node = String(p.node ?? '');
      break;
    case 'select':
    case 'affinity':
      params.endpoint = String(p.endpoint ?? addr(a.dst, a.dstPort));
      params.probability = pct(p.probability);
      break;
    case 'leave':
      params.host = String(p.host ?? a.dst);
      break;
  }
  return { kind, params, changed };
}
