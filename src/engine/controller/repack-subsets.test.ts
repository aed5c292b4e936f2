import { describe, expect, it } from 'vitest';
import type { EndpointSubset } from '../api/objects.ts';
import { repackSubsets } from './repack-subsets.ts';

const ref = (uid: string) => ({ uid });

// from pkg/api/v1/endpoints/util_test.go TestPackSubsets
describe('repackSubsets', () => {
  const cases: { name: string; given: EndpointSubset[]; expect: EndpointSubset[] }[] = [
    { name: 'empty everything', given: [{ addresses: [], ports: [] }], expect: [] },
    { name: 'empty addresses', given: [{ addresses: [], ports: [{ port: 111 }] }], expect: [] },
    {
      // The Port -1 sentinel keeps addresses of port-less (headless) subsets.
      name: 'empty ports',
      given: [{ addresses: [{ ip: '1.2.3.4' }], ports: [] }],
      expect: [{ addresses: [{ ip: '1.2.3.4' }] }],
    },
    {
      name: 'one set, one ip, one port',
      given: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
      expect: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
    },
    {
      name: 'one set, two duplicate ips, one port, notReady is covered by ready',
      given: [
        { addresses: [{ ip: '1.2.3.4' }], notReadyAddresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      ],
      expect: [{ notReadyAddresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
    },
    {
      name: 'one set, dup mixed ips with target-refs, one port',
      given: [
        {
          addresses: [{ ip: '1.2.3.4', targetRef: { name: 'foo' } }],
          notReadyAddresses: [{ ip: '1.2.3.4', targetRef: { name: 'bar' } }],
          ports: [{ port: 111 }],
        },
      ],
      expect: [
        { notReadyAddresses: [{ ip: '1.2.3.4', targetRef: { name: 'foo' } }], ports: [{ port: 111 }] },
      ],
    },
    {
      name: 'one set, one ip, dup ports',
      given: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }, { port: 111 }] }],
      expect: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
    },
    {
      name: 'two sets, dup ip, two ports',
      given: [
        { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
        { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 222 }] },
      ],
      expect: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }, { port: 222 }] }],
    },
    {
      name: 'two sets, dup mixed ip, dup uids, two ports',
      given: [
        { addresses: [{ ip: '1.2.3.4', targetRef: ref('uid-1') }], ports: [{ port: 111 }] },
        { notReadyAddresses: [{ ip: '1.2.3.4', targetRef: ref('uid-1') }], ports: [{ port: 222 }] },
      ],
      expect: [
        { addresses: [{ ip: '1.2.3.4', targetRef: ref('uid-1') }], ports: [{ port: 111 }] },
        { notReadyAddresses: [{ ip: '1.2.3.4', targetRef: ref('uid-1') }], ports: [{ port: 222 }] },
      ],
    },
    {
      name: 'two sets, two ips, two dup ip with uid, dup port, wrong order',
      given: [
        { addresses: [{ ip: '5.6.7.8' }], ports: [{ port: 111 }] },
        { addresses: [{ ip: '5.6.7.8', targetRef: ref('uid-1') }], ports: [{ port: 111 }] },
        { addresses: [{ ip: '1.2.3.4', targetRef: ref('uid-1') }], ports: [{ port: 111 }] },
        { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      ],
      expect: [
        {
          addresses: [
            { ip: '1.2.3.4' },
            { ip: '1.2.3.4', targetRef: ref('uid-1') },
            { ip: '5.6.7.8' },
            { ip: '5.6.7.8', targetRef: ref('uid-1') },
          ],
          ports: [{ port: 111 }],
        },
      ],
    },
    {
      name: 'four sets, three ips, three ports, jumbled',
      given: [
        { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
        { addresses: [{ ip: '1.2.3.5' }], ports: [{ port: 222 }] },
        { addresses: [{ ip: '1.2.3.6' }], ports: [{ port: 111 }] },
        { addresses: [{ ip: '1.2.3.5' }], ports: [{ port: 333 }] },
      ],
      expect: [
        { addresses: [{ ip: '1.2.3.4' }, { ip: '1.2.3.6' }], ports: [{ port: 111 }] },
        { addresses: [{ ip: '1.2.3.5' }], ports: [{ port: 222 }, { port: 333 }] },
      ],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(repackSubsets(tc.given)).toEqual(tc.expect);
    });
  }

  it('sorts IPs as strings, byte by byte (LessEndpointAddress)', () => {
    const out = repackSubsets([
      { addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.1.10' }], ports: [{ port: 80 }] },
    ]);
    expect(out[0]!.addresses!.map((a) => a.ip)).toEqual(['10.244.1.10', '10.244.1.2']);
  });
});
