/**
 * Hand-made SimulationResults for mapper and store tests: small, readable, and shaped like what
 * simulate() returns for the guides' NodePort and ExternalName scenarios.
 */
import type { EndpointSlice, Node, Pod, Service, SimulationResult } from '../../engine/index.ts';
import { DEFAULT_CLUSTER_CONFIG } from './config.ts';

const node = (name: string, ip: string, cidr: string, controlPlane = false): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
  spec: { podCIDR: cidr },
  status: {
    addresses: [
      { type: 'InternalIP', address: ip },
      { type: 'Hostname', address: name },
    ],
  },
});

const pod = (name: string, nodeName: string, ip: string, ns = 'default', labels = { app: 'web' }): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { nodeName, containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
});

const service = (
  name: string,
  spec: Service['spec'],
  ns = 'default',
  status: Service['status'] = {},
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec,
  status,
});

const slice = (svc: string, pods: Pod[], port: number, ns = 'default'): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${svc}-abcde`, namespace: ns, labels: { 'kubernetes.io/service-name': svc } },
  addressType: 'IPv4',
  ports: [{ port, protocol: 'TCP' }],
  endpoints: pods.map((p) => ({
    addresses: [p.status!.podIP!],
    conditions: { ready: true },
    nodeName: p.spec!.nodeName,
    targetRef: { kind: 'Pod', name: p.metadata!.name, namespace: p.metadata!.namespace },
  })),
});

export const NODES = [
  node('myserver01', '192.168.56.11', '10.244.0.0/24', true),
  node('myserver02', '192.168.56.12', '10.244.1.0/24'),
  node('myserver03', '192.168.56.13', '10.244.2.0/24'),
];

export const WEB_PODS = [
  pod('web-7d4b9-2xk4q', 'myserver02', '10.244.1.2'),
  pod('web-7d4b9-8mz7p', 'myserver03', '10.244.2.2'),
  pod('web-7d4b9-qq9ld', 'myserver02', '10.244.1.3'),
];

const COREDNS = [
  pod('coredns-abc-1', 'myserver02', '10.244.1.10', 'kube-system', { 'k8s-app': 'kube-dns' } as never),
];

const BUILTIN_SERVICES = [
  service('kubernetes', {
    type: 'ClusterIP',
    clusterIP: '10.96.0.1',
    ports: [{ name: 'https', port: 443, targetPort: 6443 }],
  }),
  service(
    'kube-dns',
    { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
    'kube-system',
  ),
];

function result(
  parts: Partial<SimulationResult['cluster']>,
  extra: Partial<SimulationResult> = {},
): SimulationResult {
  const cluster: SimulationResult['cluster'] = {
    config: DEFAULT_CLUSTER_CONFIG,
    nodes: NODES,
    namespaces: ['default', 'kube-node-lease', 'kube-public', 'kube-system'],
    deployments: [],
    replicaSets: [],
    statefulSets: [],
    pods: [],
    services: [],
    endpoints: [],
    endpointSlices: [],
    ...parts,
  };
  return {
    seed: 1,
    now: '2024-05-01T09:00:00Z',
    objects: [],
    cluster,
    sources: new Map(),
    errors: [],
    diagnostics: [],
    proxy: {},
    fatal: false,
    ...extra,
  };
}

const NODEPORT_SVC = service('web', {
  type: 'NodePort',
  clusterIP: '10.96.12.34',
  selector: { app: 'web' },
  ports: [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 31001 }],
});

/** 3 nodes, the NodePort Service `web`, 3 pods on the two workers, plus kube-system objects to hide. */
export const NODEPORT_RESULT = result({
  pods: [...COREDNS, ...WEB_PODS],
  services: [...BUILTIN_SERVICES, NODEPORT_SVC],
  endpointSlices: [slice('web', WEB_PODS, 80)],
});

const CLIENT_POD = pod('nginx01', 'myserver03', '10.244.2.7', 'default', { app: 'client' });

/** ExternalName Service and a client pod. */
export const EXTERNALNAME_RESULT = result({
  pods: [CLIENT_POD],
  services: [...BUILTIN_SERVICES, service('ext', { type: 'ExternalName', externalName: 'www.example.com' })],
});

/** LoadBalancer Service with an ingress IP and an externalIP. */
export const LOADBALANCER_RESULT = result({
  pods: WEB_PODS,
  services: [
    service(
      'web-lb',
      {
        type: 'LoadBalancer',
        clusterIP: '10.96.40.1',
        externalIPs: ['10.0.2.4'],
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 80, nodePort: 31002 }],
      },
      'default',
      { loadBalancer: { ingress: [{ ip: '192.168.56.240' }] } },
    ),
  ],
  endpointSlices: [slice('web-lb', WEB_PODS, 80)],
});

/** What simulate() returns for text that is not YAML. */
export const FATAL_RESULT = result(
  {},
  {
    fatal: true,
    diagnostics: [
      {
        severity: 'error',
        source: 'yaml',
        code: 'yaml.syntax',
        message: 'Nested mappings are not allowed in compact mappings',
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 12,
        document: 0,
      },
    ],
  },
);
