import type { ManifestDocument } from '../yaml/parse.ts';
import { parseCIDR } from '../net/ip.ts';
import type { Diagnostic } from './result.ts';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from './config.ts';

export const CONFIG_KINDS: ReadonlySet<string> = new Set(['ClusterConfiguration', 'KubeProxyConfiguration']);

/**
 * Reads kubeadm's ClusterConfiguration (kubeadm.k8s.io/v1beta4) and KubeProxyConfiguration
 * (kubeproxy.config.k8s.io/v1alpha1) documents. Unknown or malformed settings are reported, never thrown.
 */
export function readClusterConfig(documents: ManifestDocument[]): {
  config: ClusterConfig;
  diagnostics: Diagnostic[];
} {
  const config: ClusterConfig = {
    ...DEFAULT_CLUSTER_CONFIG,
    nodePortRange: { ...DEFAULT_CLUSTER_CONFIG.nodePortRange },
  };
  const diagnostics: Diagnostic[] = [];
  let clusterCIDRSet = false;
  const warn = (doc: ManifestDocument, field: string, message: string) =>
    diagnostics.push({
      ...doc.locate(field),
      severity: 'error',
      source: 'engine',
      code: 'config.invalid',
      params: { field, detail: message },
      message: `${field}: ${message}`,
      document: doc.index,
    });

  for (const doc of documents) {
    const o = doc.object as Record<string, unknown> | undefined;
    if (!o) continue;
    if (o.kind === 'ClusterConfiguration') {
      const net = asRecord(o.networking);
      const svc = net?.serviceSubnet;
      if (svc !== undefined) {
        if (typeof svc === 'string' && parseCIDR(svc)) config.serviceSubnet = svc;
        else warn(doc, 'networking.serviceSubnet', `invalid CIDR ${JSON.stringify(svc)}`);
      }
      const pod = net?.podSubnet;
      if (pod !== undefined) {
        if (typeof pod === 'string' && parseCIDR(pod)) {
          config.podSubnet = pod;
          if (!clusterCIDRSet) config.clusterCIDR = pod;
        } else warn(doc, 'networking.podSubnet', `invalid CIDR ${JSON.stringify(pod)}`);
      }
      const domain = net?.dnsDomain;
      if (domain !== undefined) {
        if (typeof domain === 'string' && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(domain))
          config.dnsDomain = domain;
        else warn(doc, 'networking.dnsDomain', `invalid domain ${JSON.stringify(domain)}`);
      }
      const range = findExtraArg(asRecord(o.apiServer)?.extraArgs, 'service-node-port-range');
      if (range !== undefined) {
        const m = /^(\d+)-(\d+)$/.exec(range);
        const lo = m ? Number(m[1]) : NaN;
        const hi = m ? Number(m[2]) : NaN;
        if (m && lo > 0 && hi <= 65535 && lo <= hi) config.nodePortRange = { base: lo, size: hi - lo + 1 };
        else warn(doc, 'apiServer.extraArgs', `invalid service-node-port-range ${JSON.stringify(range)}`);
      }
    } else if (o.kind === 'KubeProxyConfiguration') {
      const mode = o.mode;
      if (mode === 'iptables' || mode === 'ipvs') config.proxyMode = mode;
      else if (mode !== undefined && mode !== '')
        warn(
          doc,
          'mode',
          `unsupported proxy mode ${JSON.stringify(mode)} (this playground simulates iptables and ipvs)`,
        );
      const cidr = o.clusterCIDR;
      if (cidr !== undefined) {
        if (typeof cidr === 'string' && parseCIDR(cidr)) {
          config.clusterCIDR = cidr;
          clusterCIDRSet = true;
        } else warn(doc, 'clusterCIDR', `invalid CIDR ${JSON.stringify(cidr)}`);
      }
      const scheduler = asRecord(o.ipvs)?.scheduler;
      if (typeof scheduler === 'string' && scheduler !== '') config.ipvsScheduler = scheduler;
    }
  }
  return { config, diagnostics };
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** v1beta4 extraArgs is a list of {name, value}; v1beta3 was a map. Accept both. */
function findExtraArg(extraArgs: unknown, name: string): string | undefined {
  if (Array.isArray(extraArgs)) {
    for (const a of extraArgs) {
      const r = asRecord(a);
      if (r?.name === name && r.value !== undefined) return String(r.value);
    }
    return undefined;
  }
  const r = asRecord(extraArgs);
  return r && r[name] !== undefined ? String(r[name]) : undefined;
}
