import { describe, expect, it } from 'vitest';
import type { EndpointInfo } from './endpoint-info.ts';
import type { ServicePortInfo } from './service-port.ts';
import { categorizeEndpoints } from './topology.ts';

function svc(
  p: Partial<Pick<ServicePortInfo, 'internalPolicyLocal' | 'externalPolicyLocal' | 'nodePort'>> = {},
): ServicePortInfo {
  return {
    name: { namespace: 'ns', name: 'svc', port: 'p', protocol: 'TCP' },
    nameString: 'ns/svc:p',
    serviceId: 'service/ns/svc',
    clusterIP: '172.30.0.1',
    port: 80,
    protocol: 'TCP',
    nodePort: p.nodePort ?? 0,
    externalIPs: [],
    loadBalancerVIPs: [],
    loadBalancerSourceRanges: [],
    sessionAffinityType: 'None',
    stickyMaxAgeSeconds: 0,
    healthCheckNodePort: 0,
    externalPolicyLocal: p.externalPolicyLocal ?? false,
    internalPolicyLocal: p.internalPolicyLocal ?? false,
  };
}

function ep(
  endpoint: string,
  o: { ready?: boolean; serving?: boolean; terminating?: boolean; local?: boolean; zones?: string[] } = {},
): EndpointInfo {
  const [ip, port] = endpoint.split(':');
  return {
    ip: ip!,
    port: Number(port),
    endpoint,
    isReady: o.ready ?? false,
    isServing: o.serving ?? false,
    isTerminating: o.terminating ?? false,
    isLocal: o.local ?? false,
    zoneHints: o.zones ?? [],
    nodeName: '',
    zone: '',
  };
}

const R = { ready: true };
const strs = (eps: readonly EndpointInfo[]) => eps.map((e) => `${e.ip}:${e.port}`).sort();

// from pkg/proxy/topology_test.go TestCategorizeEndpoints (hints are honoured without the old
// topology annotation, as current kube-proxy does; ProxyTerminatingEndpoints is GA).
const cases: {
  name: string;
  zone?: string;
  svc: ServicePortInfo;
  endpoints: EndpointInfo[];
  cluster: string[];
  local: string[];
  all: string[];
  hasAny: boolean;
}[] = [
  {
    name: 'normal endpoint filtering, auto annotation',
    zone: 'zone-a',
    svc: svc(),
    endpoints: [
      ep('10.1.2.3:80', { ...R, zones: ['zone-a'] }),
      ep('10.1.2.4:80', { ...R, zones: ['zone-b'] }),
      ep('10.1.2.5:80', { ...R, zones: ['zone-c'] }),
      ep('10.1.2.6:80', { ...R, zones: ['zone-a'] }),
    ],
    cluster: ['10.1.2.3:80', '10.1.2.6:80'],
    local: [],
    all: ['10.1.2.3:80', '10.1.2.6:80'],
    hasAny: true,
  },
  {
    name: 'externalTrafficPolicy: Local, topology ignored for Local endpoints',
    zone: 'zone-a',
    svc: svc({ externalPolicyLocal: true, nodePort: 8080 }),
    endpoints: [
      ep('10.1.2.3:80', { ...R, zones: ['zone-a'], local: true }),
      ep('10.1.2.4:80', { ...R, zones: ['zone-b'], local: true }),
      ep('10.1.2.5:80', { ...R, zones: ['zone-c'] }),
      ep('10.1.2.6:80', { ...R, zones: ['zone-a'] }),
    ],
    cluster: ['10.1.2.3:80', '10.1.2.6:80'],
    local: ['10.1.2.3:80', '10.1.2.4:80'],
    all: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
    hasAny: true,
  },
  {
    name: 'internalTrafficPolicy: Local, topology ignored for Local endpoints',
    zone: 'zone-a',
    svc: svc({ internalPolicyLocal: true, nodePort: 8080 }),
    endpoints: [
      ep('10.1.2.3:80', { ...R, zones: ['zone-a'], local: true }),
      ep('10.1.2.4:80', { ...R, zones: ['zone-b'], local: true }),
      ep('10.1.2.5:80', { ...R, zones: ['zone-c'] }),
      ep('10.1.2.6:80', { ...R, zones: ['zone-a'] }),
    ],
    cluster: ['10.1.2.3:80', '10.1.2.6:80'],
    local: ['10.1.2.3:80', '10.1.2.4:80'],
    all: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
    hasAny: true,
  },
  {
    name: 'empty node labels',
    zone: '',
    svc: svc(),
    endpoints: [ep('10.1.2.3:80', { ...R, zones: ['zone-a'] })],
    cluster: ['10.1.2.3:80'],
    local: [],
    all: ['10.1.2.3:80'],
    hasAny: true,
  },
  {
    name: 'node in different zone, no endpoint filtering',
    zone: 'zone-b',
    svc: svc(),
    endpoints: [ep('10.1.2.3:80', { ...R, zones: ['zone-a'] })],
    cluster: ['10.1.2.3:80'],
    local: [],
    all: ['10.1.2.3:80'],
    hasAny: true,
  },
  {
    name: 'unready endpoint',
    zone: 'zone-a',
    svc: svc(),
    endpoints: [
      ep('10.1.2.3:80', { ...R, zones: ['zone-a'] }),
      ep('10.1.2.4:80', { ...R, zones: ['zone-b'] }),
      ep('10.1.2.5:80', { ...R, zones: ['zone-c'] }),
      ep('10.1.2.6:80', { zones: ['zone-a'] }),
    ],
    cluster: ['10.1.2.3:80'],
    local: [],
    all: ['10.1.2.3:80'],
    hasAny: true,
  },
  {
    name: 'only unready endpoints in same zone (should not filter)',
    zone: 'zone-a',
    svc: svc(),
    endpoints: [
      ep('10.1.2.3:80', { zones: ['zone-a'] }),
      ep('10.1.2.4:80', { ...R, zones: ['zone-b'] }),
      ep('10.1.2.5:80', { ...R, zones: ['zone-c'] }),
      ep('10.1.2.6:80', { zones: ['zone-a'] }),
    ],
    cluster: ['10.1.2.4:80', '10.1.2.5:80'],
    local: [],
    all: ['10.1.2.4:80', '10.1.2.5:80'],
    hasAny: true,
  },
  {
    name: 'missing hints, no filtering applied',
    zone: 'zone-a',
    svc: svc(),
    endpoints: [
      ep('10.1.2.3:80', { ...R, zones: ['zone-a'] }),
      ep('10.1.2.4:80', { ...R, zones: ['zone-b'] }),
      ep('10.1.2.5:80', { ...R }),
      ep('10.1.2.6:80', { ...R, zones: ['zone-a'] }),
    ],
    cluster: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.5:80', '10.1.2.6:80'],
    local: [],
    all: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.5:80', '10.1.2.6:80'],
    hasAny: true,
  },
  {
    name: 'multiple hints per endpoint, filtering includes any endpoint with zone included',
    zone: 'zone-c',
    svc: svc(),
    endpoints: [
      ep('10.1.2.3:80', { ...R, zones: ['zone-a', 'zone-b', 'zone-c'] }),
      ep('10.1.2.4:80', { ...R, zones: ['zone-b', 'zone-c'] }),
      ep('10.1.2.5:80', { ...R, zones: ['zone-b', 'zone-d'] }),
      ep('10.1.2.6:80', { ...R, zones: ['zone-c'] }),
    ],
    cluster: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
    local: [],
    all: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
    hasAny: true,
  },
  {
    name: 'conflicting topology and localness require merging allEndpoints',
    zone: 'zone-a',
    svc: svc({ externalPolicyLocal: true, nodePort: 8080 }),
    endpoints: [
      ep('10.0.0.0:80', { ...R, zones: ['zone-a'], local: true }),
      ep('10.0.0.1:80', { ...R, zones: ['zone-b'], local: true }),
      ep('10.0.0.2:80', { ...R, zones: ['zone-a'] }),
      ep('10.0.0.3:80', { ...R, zones: ['zone-b'] }),
    ],
    cluster: ['10.0.0.0:80', '10.0.0.2:80'],
    local: ['10.0.0.0:80', '10.0.0.1:80'],
    all: ['10.0.0.0:80', '10.0.0.1:80', '10.0.0.2:80'],
    hasAny: true,
  },
  {
    name: 'internalTrafficPolicy: Local, with empty endpoints',
    svc: svc({ internalPolicyLocal: true }),
    endpoints: [],
    cluster: [],
    local: [],
    all: [],
    hasAny: false,
  },
  {
    name: 'internalTrafficPolicy: Local, but all endpoints are remote',
    svc: svc({ internalPolicyLocal: true }),
    endpoints: [ep('10.0.0.0:80', R), ep('10.0.0.1:80', R)],
    cluster: [],
    local: [],
    all: [],
    hasAny: true,
  },
  {
    name: 'internalTrafficPolicy: Local, all endpoints are local',
    svc: svc({ internalPolicyLocal: true }),
    endpoints: [ep('10.0.0.0:80', { ...R, local: true }), ep('10.0.0.1:80', { ...R, local: true })],
    cluster: [],
    local: ['10.0.0.0:80', '10.0.0.1:80'],
    all: ['10.0.0.0:80', '10.0.0.1:80'],
    hasAny: true,
  },
  {
    name: 'internalTrafficPolicy: Local, some endpoints are local',
    svc: svc({ internalPolicyLocal: true }),
    endpoints: [ep('10.0.0.0:80', { ...R, local: true }), ep('10.0.0.1:80', R)],
    cluster: [],
    local: ['10.0.0.0:80'],
    all: ['10.0.0.0:80'],
    hasAny: true,
  },
  {
    name: 'Cluster traffic policy, endpoints not Ready',
    svc: svc(),
    endpoints: [ep('10.0.0.0:80'), ep('10.0.0.1:80')],
    cluster: [],
    local: [],
    all: [],
    hasAny: false,
  },
  {
    name: 'Cluster traffic policy, some endpoints are Ready',
    svc: svc(),
    endpoints: [ep('10.0.0.0:80'), ep('10.0.0.1:80', R)],
    cluster: ['10.0.0.1:80'],
    local: [],
    all: ['10.0.0.1:80'],
    hasAny: true,
  },
  {
    name: 'Cluster traffic policy, PTE enabled, all endpoints are terminating',
    svc: svc(),
    endpoints: [
      ep('10.0.0.0:80', { serving: true, terminating: true, local: true }),
      ep('10.0.0.1:80', { serving: true, terminating: true }),
    ],
    cluster: ['10.0.0.0:80', '10.0.0.1:80'],
    local: [],
    all: ['10.0.0.0:80', '10.0.0.1:80'],
    hasAny: true,
  },
  {
    name: 'iTP: Local, eTP: Cluster, some endpoints local',
    svc: svc({ internalPolicyLocal: true, nodePort: 8080 }),
    endpoints: [ep('10.0.0.0:80', { ...R, local: true }), ep('10.0.0.1:80', R)],
    cluster: ['10.0.0.0:80', '10.0.0.1:80'],
    local: ['10.0.0.0:80'],
    all: ['10.0.0.0:80', '10.0.0.1:80'],
    hasAny: true,
  },
  {
    name: 'iTP: Cluster, eTP: Local, some endpoints local',
    svc: svc({ externalPolicyLocal: true, nodePort: 8080 }),
    endpoints: [ep('10.0.0.0:80', { ...R, local: true }), ep('10.0.0.1:80', R)],
    cluster: ['10.0.0.0:80', '10.0.0.1:80'],
    local: ['10.0.0.0:80'],
    all: ['10.0.0.0:80', '10.0.0.1:80'],
    hasAny: true,
  },
  {
    name: 'iTP: Local, eTP: Local, all endpoints remote',
    svc: svc({ internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 }),
    endpoints: [ep('10.0.0.0:80', R), ep('10.0.0.1:80', R)],
    cluster: ['10.0.0.0:80', '10.0.0.1:80'],
    local: [],
    all: ['10.0.0.0:80', '10.0.0.1:80'],
    hasAny: true,
  },
  {
    name: 'iTP: Local, eTP: Local, PTE enabled, all endpoints remote and terminating',
    svc: svc({ internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 }),
    endpoints: [
      ep('10.0.0.0:80', { serving: true, terminating: true }),
      ep('10.0.0.1:80', { serving: true, terminating: true }),
    ],
    cluster: ['10.0.0.0:80', '10.0.0.1:80'],
    local: [],
    all: ['10.0.0.0:80', '10.0.0.1:80'],
    hasAny: true,
  },
  {
    name: 'iTP: Cluster, eTP: Local, PTE enabled, with terminating endpoints',
    svc: svc({ externalPolicyLocal: true, nodePort: 8080 }),
    endpoints: [
      ep('10.0.0.0:80', { ...R }),
      ep('10.0.0.1:80', { local: true }),
      ep('10.0.0.2:80', { serving: true, terminating: true, local: true }),
      ep('10.0.0.3:80', { serving: true, terminating: true }),
    ],
    cluster: ['10.0.0.0:80'],
    local: ['10.0.0.2:80'],
    all: ['10.0.0.0:80', '10.0.0.2:80'],
    hasAny: true,
  },
  {
    name: 'externalTrafficPolicy ignored if not externally accessible',
    svc: svc({ externalPolicyLocal: true }),
    endpoints: [ep('10.0.0.0:80', R), ep('10.0.0.1:80', { ...R, local: true })],
    cluster: ['10.0.0.0:80', '10.0.0.1:80'],
    local: [],
    all: ['10.0.0.0:80', '10.0.0.1:80'],
    hasAny: true,
  },
  {
    name: 'no cluster endpoints for iTP:Local internal-only service',
    svc: svc({ internalPolicyLocal: true }),
    endpoints: [ep('10.0.0.0:80', R), ep('10.0.0.1:80', { ...R, local: true })],
    cluster: [],
    local: ['10.0.0.1:80'],
    all: ['10.0.0.1:80'],
    hasAny: true,
  },
];

describe('categorizeEndpoints (TestCategorizeEndpoints)', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const r = categorizeEndpoints(tc.endpoints, tc.svc, 'node', tc.zone ?? '');
      expect(strs(r.clusterEndpoints)).toEqual(tc.cluster);
      expect(strs(r.localEndpoints)).toEqual(tc.local);
      expect(strs(r.allReachableEndpoints)).toEqual(tc.all);
      expect(r.hasAnyEndpoints).toBe(tc.hasAny);
    });
  }
});
