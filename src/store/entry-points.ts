/**
 * The addresses a client can aim a request at, read from the Services in a result. The UI lists them in
 * the target picker; the engine's tracer decides what actually happens to a request sent there.
 */
import type { SimulationResult } from '../engine/index.ts';
import {
  externalAddresses,
  isHeadless,
  nodeInternalIP,
  serviceType,
  visibleServices,
  type ViewOptions,
} from './cluster-view.ts';
import type { ClientChoice } from './types.ts';

export type EntryKind = 'loadBalancer' | 'nodePort' | 'clusterIP' | 'dns';

export interface EntryPoint {
  /** The TraceRequest target. */
  target: string;
  kind: EntryKind;
  service: string;
  namespace: string;
  /** Address shown in the picker, e.g. `192.168.56.12:31001`. */
  address: string;
  node?: string;
}

export function entryPoints(
  result: SimulationResult,
  client: ClientChoice,
  opts: ViewOptions = {},
): EntryPoint[] {
  const services = visibleServices(result, opts);
  const out: EntryPoint[] = [];
  const add = (e: EntryPoint) => {
    if (!out.some((o) => o.target === e.target)) out.push(e);
  };
  const clientNs = client.kind === 'pod' ? client.namespace : 'default';

  for (const s of services) {
    const name = s.metadata?.name ?? '';
    const namespace = s.metadata?.namespace ?? 'default';
    const ports = s.spec?.ports ?? [];
    const type = serviceType(s);
    if (client.kind === 'pod') {
      const short = namespace === clientNs ? name : `${name}.${namespace}`;
      // The short name (through the pod's search path) and the FQDN: the same answer, two ways to ask.
      for (const host of [short, `${name}.${namespace}.svc.${result.cluster.config.dnsDomain}`]) {
        if (type === 'ExternalName' || ports.length <= 1)
          add({ target: host, kind: 'dns', service: name, namespace, address: host });
        else
          for (const p of ports)
            add({
              target: `${host}:${p.port}`,
              kind: 'dns',
              service: name,
              namespace,
              address: `${host}:${p.port}`,
            });
      }
    }
    if (type === 'LoadBalancer') {
      for (const ip of externalAddresses(s)) {
        for (const p of ports)
          add({
            target: `${ip}:${p.port}`,
            kind: 'loadBalancer',
            service: name,
            namespace,
            address: `${ip}:${p.port}`,
          });
      }
    }
    if (type === 'NodePort' || type === 'LoadBalancer') {
      for (const node of result.cluster.nodes) {
        const ip = nodeInternalIP(node);
        if (!ip) continue;
        for (const p of ports) {
          if (!p.nodePort) continue;
          const address = `${ip}:${p.nodePort}`;
          add({
            target: address,
            kind: 'nodePort',
            service: name,
            namespace,
            address,
            node: node.metadata?.name,
          });
        }
      }
    }
    if (type !== 'ExternalName' && !isHeadless(s) && s.spec?.clusterIP) {
      for (const p of ports) {
        const address = `${s.spec.clusterIP}:${p.port}`;
        add({ target: address, kind: 'clusterIP', service: name, namespace, address });
      }
    }
  }
  return out;
}

const FROM_OUTSIDE: Record<EntryKind, number> = { loadBalancer: 0, nodePort: 1, clusterIP: 2, dns: 3 };
const FROM_POD: Record<EntryKind, number> = { dns: 0, clusterIP: 1, loadBalancer: 2, nodePort: 3 };

/**
 * The entry a class would try first. From outside: a LoadBalancer, else a NodePort on a worker node.
 * From a pod: the Service's DNS name.
 */
export function defaultEntryPoint(
  entries: readonly EntryPoint[],
  result: SimulationResult,
  client: ClientChoice,
): EntryPoint | undefined {
  const rank = client.kind === 'pod' ? FROM_POD : FROM_OUTSIDE;
  const worker = (e: EntryPoint) => {
    const node = result.cluster.nodes.find((n) => n.metadata?.name === e.node);
    const cp = node?.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
    return cp ? 1 : 0;
  };
  return [...entries].sort((a, b) => rank[a.kind] - rank[b.kind] || worker(a) - worker(b))[0];
}
