/**
 * A small two-node cluster for trace tests (flannel-style pod CIDRs, kubeadm Service CIDR) and a stub of
 * the cluster DNS with the pod search path. The real DNS lives in src/engine/dns; this stub only answers
 * A records for Services (ClusterIP, headless pod IPs) and CNAMEs for ExternalName.
 */
import type { EndpointSlice, Pod, Service } from '../../api/objects.ts';
import type { DnsAnswer, DnsQuery } from '../../dns/types.ts';
import { syncNodeProxy } from '../../proxy/index.ts';
import type { ProxyInput } from '../../proxy/input.ts';
import { makeNode, makePod, makeTestEndpointSlice, makeTestService } from '../../proxy/testing/fixtures.ts';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from '../../sim/config.ts';
import type { TraceInput } from '../types.ts';

export const NODE1 = 'myserver01';
export const NODE2 = 'myserver02';
export const NODE1_IP = '192.168.56.11';
export const NODE2_IP = '192.168.56.12';

export function basePods(): Pod[] {
  return [
    makePod('default', 'client', NODE1, '10.244.1.10'),
    makePod('default', 'web-a', NODE1, '10.244.1.2', {}, { app: 'web' }),
    makePod('default', 'web-b', NODE2, '10.244.2.2', {}, { app: 'web' }),
  ];
}

/** An EndpointSlice for `svc` with one endpoint per pod (ready, with targetRef and nodeName). */
export function sliceFor(
  ns: string,
  svc: string,
  pods: Pod[],
  ports: { name: string; port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[],
): EndpointSlice {
  return makeTestEndpointSlice(ns, svc, 1, (e) => {
    e.endpoints = pods.map((p) => ({
      addresses: [p.status!.podIP!],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: p.spec!.nodeName!,
      targetRef: { kind: 'Pod', namespace: p.metadata!.namespace!, name: p.metadata!.name! },
    }));
    e.ports = ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? 'TCP' }));
  });
}

export function webService(
  mod: (
    s: Service & { spec: NonNullable<Service['spec']>; status: NonNullable<Service['status']> },
  ) => void = () => {},
): Service {
  return makeTestService('default', 'web', (s) => {
    s.spec.type = 'ClusterIP';
    s.spec.clusterIP = '10.96.100.10';
    s.spec.selector = { app: 'web' };
    s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }];
    mod(s);
  });
}

/** Cluster DNS stub: search path `<ns>.svc.cluster.local svc.cluster.local cluster.local`. */
export function stubResolver(services: Service[], slices: EndpointSlice[], domain = 'cluster.local') {
  return (q: DnsQuery): DnsAnswer => {
    const name = q.name.replace(/\.$/, '');
    const tries =
      q.from && !q.name.endsWith('.')
        ? [`${name}.${q.from}.svc.${domain}`, `${name}.svc.${domain}`, `${name}.${domain}`, name]
        : [name];
    for (const fqdn of tries) {
      const m = new RegExp(`^([^.]+)\\.([^.]+)\\.svc\\.${domain.replace(/\./g, '\\.')}$`).exec(fqdn);
      if (!m) continue;
      const svc = services.find((s) => s.metadata?.name === m[1] && s.metadata?.namespace === m[2]);
      if (!svc) continue;
      if (svc.spec?.type === 'ExternalName')
        return {
          name: q.name,
          type: q.type,
          rcode: 'NOERROR',
          answers: [svc.spec.externalName!],
          resolvedName: fqdn,
          cname: svc.spec.externalName!,
        };
      if (svc.spec?.clusterIP === 'None') {
        const ips = slices
          .filter(
            (e) =>
              e.metadata?.namespace === m[2] && e.metadata?.labels?.['kubernetes.io/service-name'] === m[1],
          )
          .flatMap((e) => e.endpoints ?? [])
          .filter((ep) => ep.conditions?.ready ?? true)
          .map((ep) => ep.addresses[0]!);
        return {
          name: q.name,
          type: q.type,
          rcode: ips.length ? 'NOERROR' : 'NXDOMAIN',
          answers: ips,
          resolvedName: fqdn,
        };
      }
      return {
        name: q.name,
        type: q.type,
        rcode: 'NOERROR',
        answers: [svc.spec!.clusterIP!],
        resolvedName: fqdn,
      };
    }
    return { name: q.name, type: q.type, rcode: 'NXDOMAIN', answers: [] };
  };
}

export function makeCluster(opts: {
  services: Service[];
  slices: EndpointSlice[];
  pods?: Pod[];
  config?: Partial<ClusterConfig>;
}): { input: TraceInput; proxyInput: ProxyInput } {
  const pods = opts.pods ?? basePods();
  const nodes = [makeNode(NODE1, [NODE1_IP]), makeNode(NODE2, [NODE2_IP])];
  const config: ClusterConfig = { ...DEFAULT_CLUSTER_CONFIG, ...opts.config };
  const proxyInput: ProxyInput = {
    services: opts.services,
    endpointSlices: opts.slices,
    nodes,
    pods,
    config,
  };
  const proxy = Object.fromEntries(
    nodes.map((n) => [n.metadata!.name!, syncNodeProxy(proxyInput, n.metadata!.name!)]),
  );
  return {
    proxyInput,
    input: {
      proxy,
      services: opts.services,
      pods,
      nodes,
      endpointSlices: opts.slices,
      config,
      resolve: stubResolver(opts.services, opts.slices, config.dnsDomain),
    },
  };
}
