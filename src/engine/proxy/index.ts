/**
 * What kube-proxy does on each node: pkg/proxy (iptables/ and ipvs/ proxiers). `syncNodeProxy` returns the
 * rules kube-proxy would have written on one node; the packet tracer (src/engine/trace) evaluates them.
 */
import type { ProxyInput } from './input.ts';
import { syncProxyBuffers, type IptablesProxierOptions } from './iptables/proxier.ts';
import { layoutSharedTables } from './iptables/shared-tables.ts';
import { renderIptablesSave } from './iptables/save.ts';
import { buildIpvsState } from './ipvs/proxier.ts';
import { renderIpvsadm } from './ipvs/ipvsadm.ts';
import type { NodeProxyState } from './types.ts';

export type { ProxyInput } from './input.ts';
export { ServicePortRules } from './iptables/shared-service-rules.ts';
export type { IptablesProxierOptions } from './iptables/proxier.ts';
export { syncProxyRules } from './iptables/proxier.ts';
export { renderIptablesSave } from './iptables/save.ts';
export { syncIpvs } from './ipvs/proxier.ts';
export { renderIpvsadm } from './ipvs/ipvsadm.ts';
export { categorizeEndpoints } from './topology.ts';
export { buildServicePortMap, servicePortNameString } from './service-port.ts';
export type { ServicePortInfo, ServicePortName } from './service-port.ts';
export { buildEndpointsMap, endpointString } from './endpoint-info.ts';
export type { EndpointInfo } from './endpoint-info.ts';
export * from './types.ts';

/**
 * kube-proxy's state on `nodeName` in the configured mode (config.proxyMode). In ipvs mode the iptables
 * tables are the ones the ipvs proxier writes (ipsets, masquerade, filters), plus the virtual servers.
 */
export function syncNodeProxy(
  input: ProxyInput,
  nodeName: string,
  opts: IptablesProxierOptions = {},
): NodeProxyState {
  if (input.config.proxyMode === 'ipvs') {
    const state = buildIpvsState(input, nodeName, opts);
    return {
      node: nodeName,
      mode: 'ipvs',
      iptables: state.tables,
      iptablesSave: renderIptablesSave(state.tables),
      ipvs: state.virtualServers,
      ipvsadm: renderIpvsadm(state.virtualServers),
      ipsets: state.ipsets,
    };
  }
  const { filter, nat } = syncProxyBuffers(input, nodeName, opts);
  // Nodes with equal rules share one layout and text (read-only), see shared-tables.ts.
  const { tables, text } = layoutSharedTables(input, filter, nat);
  return {
    node: nodeName,
    mode: 'iptables',
    iptables: tables,
    iptablesSave: text,
    ipvs: [],
    ipvsadm: '',
    ipsets: [],
  };
}
