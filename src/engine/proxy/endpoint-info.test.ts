import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../api/objects.ts';
import { buildEndpointsMap, endpointString } from './endpoint-info.ts';
import { makeTestEndpointSlice, testNodeName } from './testing/fixtures.ts';

const udp = (name: string, port: number) => ({ name, port, protocol: 'UDP' as const });

function view(slices: EndpointSlice[]) {
  const m = buildEndpointsMap(slices, testNodeName);
  return Object.fromEntries(
    [...m].map(([k, eps]) => [k, eps.map((e) => ({ endpoint: endpointString(e), isLocal: e.isLocal }))]),
  );
}

// from pkg/proxy/iptables/proxier_test.go TestUpdateEndpointsMap (the resulting maps)
describe('buildEndpointsMap (TestUpdateEndpointsMap)', () => {
  it('no change, multiple endpoints, subsets, IPs, and ports', () => {
    const slices = [
      makeTestEndpointSlice('ns1', 'ep1', 1, (e) => {
        e.endpoints = [{ addresses: ['10.1.1.1'] }, { addresses: ['10.1.1.2'], nodeName: testNodeName }];
        e.ports = [udp('p11', 11), udp('p12', 12)];
      }),
      makeTestEndpointSlice('ns1', 'ep1', 2, (e) => {
        e.endpoints = [{ addresses: ['10.1.1.3'] }, { addresses: ['10.1.1.4'], nodeName: testNodeName }];
        e.ports = [udp('p13', 13), udp('p14', 14)];
      }),
      makeTestEndpointSlice('ns2', 'ep2', 1, (e) => {
        e.endpoints = [{ addresses: ['10.2.2.1'] }, { addresses: ['10.2.2.2'], nodeName: testNodeName }];
        e.ports = [udp('p21', 21), udp('p22', 22)];
      }),
    ];
    expect(view(slices)).toEqual({
      'ns1/ep1:p11/UDP': [
        { endpoint: '10.1.1.1:11', isLocal: false },
        { endpoint: '10.1.1.2:11', isLocal: true },
      ],
      'ns1/ep1:p12/UDP': [
        { endpoint: '10.1.1.1:12', isLocal: false },
        { endpoint: '10.1.1.2:12', isLocal: true },
      ],
      'ns1/ep1:p13/UDP': [
        { endpoint: '10.1.1.3:13', isLocal: false },
        { endpoint: '10.1.1.4:13', isLocal: true },
      ],
      'ns1/ep1:p14/UDP': [
        { endpoint: '10.1.1.3:14', isLocal: false },
        { endpoint: '10.1.1.4:14', isLocal: true },
      ],
      'ns2/ep2:p21/UDP': [
        { endpoint: '10.2.2.1:21', isLocal: false },
        { endpoint: '10.2.2.2:21', isLocal: true },
      ],
      'ns2/ep2:p22/UDP': [
        { endpoint: '10.2.2.1:22', isLocal: false },
        { endpoint: '10.2.2.2:22', isLocal: true },
      ],
    });
  });

  it('complex add and remove (endpoints sort by their string, 10.1.1.11 before 10.1.1.1)', () => {
    const slices = [
      makeTestEndpointSlice('ns1', 'ep1', 1, (e) => {
        e.endpoints = [{ addresses: ['10.1.1.1'] }, { addresses: ['10.1.1.11'] }];
        e.ports = [udp('p11', 11)];
      }),
      makeTestEndpointSlice('ns1', 'ep1', 2, (e) => {
        e.endpoints = [{ addresses: ['10.1.1.2'] }];
        e.ports = [udp('p12', 12), udp('p122', 122)];
      }),
      makeTestEndpointSlice('ns3', 'ep3', 1, (e) => {
        e.endpoints = [{ addresses: ['10.3.3.3'] }];
        e.ports = [udp('p33', 33)];
      }),
      makeTestEndpointSlice('ns4', 'ep4', 1, (e) => {
        e.endpoints = [{ addresses: ['10.4.4.4'], nodeName: testNodeName }];
        e.ports = [udp('p44', 44)];
      }),
    ];
    expect(view(slices)).toEqual({
      'ns1/ep1:p11/UDP': [
        { endpoint: '10.1.1.11:11', isLocal: false },
        { endpoint: '10.1.1.1:11', isLocal: false },
      ],
      'ns1/ep1:p12/UDP': [{ endpoint: '10.1.1.2:12', isLocal: false }],
      'ns1/ep1:p122/UDP': [{ endpoint: '10.1.1.2:122', isLocal: false }],
      'ns3/ep3:p33/UDP': [{ endpoint: '10.3.3.3:33', isLocal: false }],
      'ns4/ep4:p44/UDP': [{ endpoint: '10.4.4.4:44', isLocal: true }],
    });
  });

  it('ignores ports without a name or number, IPv6 slices, and slices without the service-name label', () => {
    const ok = makeTestEndpointSlice('ns', 'svc', 1, (e) => {
      e.endpoints = [{ addresses: ['10.0.0.1'] }];
      e.ports = [
        { port: 80, protocol: 'TCP' },
        { name: 'zero', port: 0 },
        { name: 'web', port: 8080 },
      ];
    });
    const v6 = makeTestEndpointSlice('ns', 'svc', 2, (e) => {
      e.addressType = 'IPv6';
      e.endpoints = [{ addresses: ['fd00::1'] }];
      e.ports = [{ name: 'web', port: 8080 }];
    });
    const unlabelled = { ...ok, metadata: { name: 'x', namespace: 'ns' } };
    expect(view([ok, v6, unlabelled])).toEqual({
      'ns/svc:web/TCP': [{ endpoint: '10.0.0.1:8080', isLocal: false }],
    });
  });

  it('dedupes an endpoint listed in two slices, favouring the local copy', () => {
    const a = makeTestEndpointSlice('ns', 'svc', 1, (e) => {
      e.endpoints = [{ addresses: ['10.0.0.1'] }];
      e.ports = [{ name: '', port: 80 }];
    });
    const b = makeTestEndpointSlice('ns', 'svc', 2, (e) => {
      e.endpoints = [{ addresses: ['10.0.0.1'], nodeName: testNodeName }];
      e.ports = [{ name: '', port: 80 }];
    });
    expect(view([a, b])).toEqual({ 'ns/svc/TCP': [{ endpoint: '10.0.0.1:80', isLocal: true }] });
  });
});
