/**
 * Every message code a trace hop can carry, with its English template (`{param}` placeholders). The UI
 * translates by code; the engine never produces prose.
 */
export const HOP_CODES = [
  {
    code: 'hop.client.send',
    template: '{client} opens a {protocol} connection from {src}:{srcPort} to {dst}:{dstPort}',
  },
  { code: 'hop.client.unknown', template: 'There is no {client} to send from' },
  { code: 'hop.client.noAddress', template: '{client} has no IP address yet (not running)' },
  { code: 'hop.target.invalid', template: '"{target}" is not a Service name or an IP address with a port' },
  { code: 'hop.dns.resolve', template: 'DNS: {query} resolves to {answers}' },
  {
    code: 'hop.dns.headless',
    template: 'DNS: {query} is headless and returns the pod IPs {answers}; the client connects to {chosen}',
  },
  { code: 'hop.dns.cname', template: 'DNS: {query} is an ExternalName Service, a CNAME for {cname}' },
  { code: 'hop.dns.nxdomain', template: 'DNS: {query} does not exist ({rcode})' },
  {
    code: 'hop.dns.noClusterDns',
    template: '{client} does not use the cluster DNS, so it cannot resolve {query}',
  },
  {
    code: 'hop.lb.forward',
    template:
      'Load balancer {lb} sends the connection to node {node} as {dst}:{dstPort} ({healthyNodes} of {nodes} nodes pass the health check)',
  },
  {
    code: 'hop.lb.forwardVip',
    template:
      'Load balancer {lb} sends the connection to node {node}, keeping the destination {dst}:{dstPort}',
  },
  {
    code: 'hop.lb.sourceRangeDenied',
    template: 'Load balancer {lb} refuses {src}: it is not in loadBalancerSourceRanges {ranges}',
  },
  { code: 'hop.lb.noPort', template: 'Load balancer {lb} has no listener on port {dstPort}' },
  { code: 'hop.lb.noNodes', template: 'Load balancer {lb} has no node to send to' },
  {
    code: 'hop.external.unroutable',
    template: '{dst} is not routable from outside the cluster; the connection times out',
  },
  { code: 'hop.external.leave', template: 'The connection leaves the cluster for {host}:{dstPort}' },
  {
    code: 'hop.node.dnat',
    template: 'Node {node}: kube-proxy rules rewrite the destination {from} to {dst}:{dstPort}',
  },
  {
    code: 'hop.node.ipvs',
    template: 'Node {node}: IPVS virtual server {vs} ({scheduler}) forwards {from} to {dst}:{dstPort}',
  },
  {
    code: 'hop.node.ipvsNoRealServers',
    template: 'Node {node}: IPVS virtual server {vs} has no real servers; the connection is refused',
  },
  { code: 'hop.node.drop', template: 'Node {node} drops the packet: {comment}' },
  { code: 'hop.node.reject', template: 'Node {node} rejects the connection: {comment}' },
  {
    code: 'hop.node.healthCheck',
    template:
      'Node {node} accepts the health check on port {dstPort} (kube-proxy answers; {localEndpoints} local endpoints)',
  },
  {
    code: 'hop.node.hostProcess',
    template: 'Node {node} delivers the connection to the host-network pod {pod} on port {dstPort}',
  },
  {
    code: 'hop.node.closedPort',
    template: 'Nothing on node {node} listens on port {dstPort}: connection refused',
  },
  {
    code: 'hop.node.noRule',
    template: 'No kube-proxy rule on node {node} matches {dst}:{dstPort}; the packet is routed on unchanged',
  },
  {
    code: 'hop.node.timeout',
    template: 'Nothing answers at {dst}:{dstPort}; the packet is lost and the connection times out',
  },
  { code: 'hop.node.route', template: 'The packet is routed to node {node}, which owns {dst}' },
  { code: 'hop.node.forward', template: 'The packet travels to node {node}, where {dst} runs' },
  {
    code: 'hop.node.masquerade',
    template: 'Node {node} masquerades the source {from} to {src} (KUBE-POSTROUTING)',
  },
  {
    code: 'hop.service.select',
    template: 'Service {service} sends the connection to endpoint {endpoint} (probability {probability})',
  },
  {
    code: 'hop.service.affinity',
    template:
      'Service {service} keeps client {client} on endpoint {endpoint} (sessionAffinity ClientIP, {seconds}s)',
  },
  { code: 'hop.pod.deliver', template: 'Pod {pod} receives the connection on port {dstPort}' },
  {
    code: 'hop.endpoint.deliver',
    template: 'Endpoint {dst}:{dstPort} (not a pod of this cluster) receives the connection',
  },
  { code: 'hop.reply.send', template: '{from} replies to {dst}:{dstPort}' },
  { code: 'hop.reply.forward', template: 'The reply travels back through node {node}' },
  {
    code: 'hop.reply.unnat',
    template: 'Node {node} reverses the NAT (conntrack): the reply now comes from {src}:{srcPort}',
  },
  { code: 'hop.reply.lb', template: 'Load balancer {lb} returns the reply from {src}:{srcPort}' },
  { code: 'hop.reply.deliver', template: '{client} receives the reply from {src}:{srcPort}' },
  {
    code: 'hop.reply.dropped',
    template: '{client} discards the reply from {src}:{srcPort}: it expected {expected}',
  },
  { code: 'hop.error', template: 'The trace could not be completed: {reason}' },
] as const;

export type HopCode = (typeof HOP_CODES)[number]['code'];

/** English text of a code with its params filled in (for the CLI and tests; the UI has its own). */
export function formatHopMessage(code: string, params: Record<string, string | number>): string {
  const entry = HOP_CODES.find((c) => c.code === code);
  if (!entry) return code;
  return entry.template.replace(/\{(\w+)\}/g, (_, k: string) =>
    params[k] !== undefined ? String(params[k]) : `{${k}}`,
  );
}

/** Code → English template, for lookups (`HOP_MESSAGES[hop.code]`). */
export const HOP_MESSAGES: Readonly<Record<string, string>> = Object.fromEntries(
  HOP_CODES.map((c) => [c.code, c.template]),
);
