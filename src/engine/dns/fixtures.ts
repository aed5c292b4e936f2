/** Object builders for the DNS tests: Services and EndpointSlices as the apiserver and controllers store them. */
import type {
  EndpointSlice,
  Pod,
  Service,
  ServiceSpec,
  SliceEndpoint,
  SliceEndpointPort,
} from '../api/objects.ts';
import { formatDnsRecord } from './index.ts';
import type { DnsRecord } from './types.ts';
import type { DnsZoneInput } from './zone-index.ts';

export function service(namespace: string, name: string, spec: ServiceSpec): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

export function endpoint(
  ip: string,
  opts: { hostname?: string; ready?: boolean; pod?: string } = {},
): SliceEndpoint {
  return {
    addresses: [ip],
    conditions: { ready: opts.ready ?? true, serving: opts.ready ?? true, terminating: false },
    ...(opts.hostname ? { hostname: opts.hostname } : {}),
    ...(opts.pod ? { targetRef: { kind: 'Pod', namespace: 'default', name: opts.pod } } : {}),
  };
}

export function slice(
  namespace: string,
  name: string,
  serviceName: string,
  endpoints: SliceEndpoint[],
  ports: SliceEndpointPort[],
  addressType = 'IPv4',
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace, labels: { 'kubernetes.io/service-name': serviceName } },
    addressType,
    endpoints,
    ports,
  };
}

export function pod(namespace: string, name: string, podIP: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    status: { phase: 'Running', podIP },
  };
}

/** Records as dig prints them, one space between fields. */
export function lines(records: DnsRecord[] | undefined): string[] {
  return (records ?? []).map((r) => formatDnsRecord(r).replaceAll('\t', ' '));
}

const http = { name: 'http', protocol: 'TCP', port: 80 };

/**
 * The fixtures of CoreDNS plugin/kubernetes/handler_test.go (APIConnServeTest svcIndex, epsIndex, PodIndex,
 * GetNamespaceByName) as Kubernetes objects; hdls1's IPv6 addresses live in their own slice, as the
 * EndpointSlice controller would put them.
 */
export const coreDnsZone: DnsZoneInput = {
  dnsDomain: 'cluster.local',
  ttl: 5,
  // TestServeDNS exposes only testns; GetNamespaceByName knows every namespace but nsnoexist and pod-nons.
  namespaces: ['testns', 'kube-system', 'podns', 'svcns'],
  services: [
    service('kube-system', 'kubedns', {
      type: 'ClusterIP',
      clusterIP: '10.0.0.10',
      ports: [{ name: 'dns', protocol: 'UDP', port: 53 }],
    }),
    service('testns', 'svc1', { type: 'ClusterIP', clusterIP: '10.0.0.1', ports: [http] }),
    service('testns', 'svcempty', { type: 'ClusterIP', clusterIP: '10.0.0.1', ports: [http] }),
    service('testns', 'svc6', {
      type: 'ClusterIP',
      clusterIP: '1234:abcd::1',
      clusterIPs: ['1234:abcd::1'],
      ports: [http],
    }),
    service('testns', 'hdls1', { type: 'ClusterIP', clusterIP: 'None' }),
    service('testns', 'external', {
      type: 'ExternalName',
      externalName: 'ext.interwebs.test',
      ports: [http],
    }),
    service('testns', 'external-to-service', {
      type: 'ExternalName',
      externalName: 'svc1.testns.svc.cluster.local.',
      ports: [http],
    }),
    service('testns', 'hdlsprtls', { type: 'ClusterIP', clusterIP: 'None' }),
    service('unexposedns', 'svc1', { type: 'ClusterIP', clusterIP: '10.0.0.2', ports: [http] }),
    service('testns', 'svc-dual-stack', {
      type: 'ClusterIP',
      clusterIP: '10.0.0.3',
      clusterIPs: ['10.0.0.3', '10::3'],
      ports: [http],
    }),
  ],
  endpointSlices: [
    slice(
      'kube-system',
      'kubedns',
      'kubedns',
      [endpoint('172.0.0.100')],
      [{ name: 'dns', protocol: 'UDP', port: 53 }],
    ),
    slice('testns', 'svc1-slice1', 'svc1', [endpoint('172.0.0.1', { hostname: 'ep1a' })], [http]),
    slice('testns', 'svcempty-slice1', 'svcempty', [], [http]),
    slice(
      'testns',
      'hdls1-slice1',
      'hdls1',
      [
        endpoint('172.0.0.2'),
        endpoint('172.0.0.3'),
        endpoint('172.0.0.4', { hostname: 'dup-name' }),
        endpoint('172.0.0.5', { hostname: 'dup-name' }),
      ],
      [http],
    ),
    slice(
      'testns',
      'hdls1-slice2',
      'hdls1',
      [endpoint('5678:abcd::1'), endpoint('5678:abcd::2')],
      [http],
      'IPv6',
    ),
    slice('testns', 'hdlsprtls-slice1', 'hdlsprtls', [endpoint('172.0.0.20')], []),
  ],
  pods: [pod('podns', 'foo', '10.240.0.1')],
};
