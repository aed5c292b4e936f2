/**
 * Who sends and where to: the client's address, node and resolver (a pod's dnsPolicy decides whether it
 * asks the cluster DNS), and the target string (`web`, `web.default:8080`, `10.96.0.10:53`).
 */
import type { Pod } from '../api/objects.ts';
import { objectId } from '../api/objects.ts';
import { primaryNodeIP } from '../proxy/node-ips.ts';
import type { ClusterIndex } from './cluster-index.ts';
import { isIPv4, podId } from './cluster-index.ts';
import type { Hook } from './node-path.ts';
import type { TraceClient } from './types.ts';

export interface ClientInfo {
  kind: TraceClient['kind'];
  /** Canvas element of the client. */
  at: string;
  /** Human label for params (`pod/default/curl`, `client/external`, `node/worker1`). */
  label: string;
  src: string;
  /** The node the client runs on (pods, nodes). */
  node?: string;
  /** PREROUTING for pods behind a bridge, OUTPUT for host processes (nodes, hostNetwork pods). */
  hook: Hook;
  bridged: boolean;
  namespace?: string;
  usesClusterDns: boolean;
  pod?: Pod;
}

export type ClientResult =
  | { ok: true; client: ClientInfo }
  | { ok: false; code: 'hop.client.unknown' | 'hop.client.noAddress'; at: string; label: string };

const KUBE_DNS = { namespace: 'kube-system', name: 'kube-dns' };

/** Pods use the cluster DNS unless dnsPolicy says otherwise (hostNetwork needs ClusterFirstWithHostNet). */
function podUsesClusterDns(pod: Pod, index: ClusterIndex): boolean {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'Default') return false;
  if (policy === 'None') {
    const dnsIP = index.services.find(
      (s) => s.metadata?.namespace === KUBE_DNS.namespace && s.metadata?.name === KUBE_DNS.name,
    )?.spec?.clusterIP;
    return dnsIP !== undefined && (pod.spec?.dnsConfig?.nameservers ?? []).includes(dnsIP);
  }
  if (pod.spec?.hostNetwork) return policy === 'ClusterFirstWithHostNet';
  return true;
}

export function resolveClient(client: TraceClient, index: ClusterIndex): ClientResult {
  if (client.kind === 'external') {
    const at = 'client/external';
    if (!isIPv4(client.ip)) return { ok: false, code: 'hop.client.noAddress', at, label: at };
    return {
      ok: true,
      client: {
        kind: 'external',
        at,
        label: at,
        src: client.ip,
        hook: 'PREROUTING',
        bridged: false,
        usesClusterDns: false,
      },
    };
  }
  if (client.kind === 'node') {
    const at = objectId('Node', undefined, client.name);
    const node = index.nodes.find((n) => n.metadata?.name === client.name);
    if (!node) return { ok: false, code: 'hop.client.unknown', at, label: at };
    const ip = primaryNodeIP(node);
    if (!ip) return { ok: false, code: 'hop.client.noAddress', at, label: at };
    return {
      ok: true,
      client: {
        kind: 'node',
        at,
        label: at,
        src: ip,
        node: client.name,
        hook: 'OUTPUT',
        bridged: false,
        usesClusterDns: false,
      },
    };
  }
  const at = objectId('Pod', client.namespace, client.name);
  const pod = index.pods.find(
    (p) => (p.metadata?.namespace ?? 'default') === client.namespace && p.metadata?.name === client.name,
  );
  if (!pod) return { ok: false, code: 'hop.client.unknown', at, label: at };
  const nodeName = pod.spec?.nodeName;
  const node = index.nodes.find((n) => n.metadata?.name === nodeName);
  if (pod.spec?.hostNetwork) {
    const ip = primaryNodeIP(node) ?? pod.status?.podIP;
    if (!ip || !nodeName) return { ok: false, code: 'hop.client.noAddress', at, label: at };
    return {
      ok: true,
      client: {
        kind: 'pod',
        at: podId(pod),
        label: at,
        src: ip,
        node: nodeName,
        hook: 'OUTPUT',
        bridged: false,
        namespace: client.namespace,
        usesClusterDns: podUsesClusterDns(pod, index),
        pod,
      },
    };
  }
  const ip = pod.status?.podIP;
  if (!ip || !isIPv4(ip) || !nodeName) return { ok: false, code: 'hop.client.noAddress', at, label: at };
  return {
    ok: true,
    client: {
      kind: 'pod',
      at: podId(pod),
      label: at,
      src: ip,
      node: nodeName,
      hook: 'PREROUTING',
      bridged: true,
      namespace: client.namespace,
      usesClusterDns: podUsesClusterDns(pod, index),
      pod,
    },
  };
}

export interface ParsedTarget {
  host: string;
  port?: number;
  isIP: boolean;
}

const DNS_NAME =
  /^(?=.{1,253}\.?$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*\.?$/;

/** `host[:port]`, tolerating a `scheme://` prefix and a `/path` suffix as curl does. */
export function parseTarget(target: string): ParsedTarget | undefined {
  if (typeof target !== 'string') return undefined;
  let t = target.trim().toLowerCase();
  t = t.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  t = t.split('/')[0] ?? '';
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(t);
  if (!m) return undefined;
  const host = m[1]!;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  if (isIPv4(host)) return port === undefined ? { host, isIP: true } : { host, port, isIP: true };
  if (/^\d+(\.\d+)*$/.test(host) || !DNS_NAME.test(host)) return undefined;
  return port === undefined ? { host, isIP: false } : { host, port, isIP: false };
}
