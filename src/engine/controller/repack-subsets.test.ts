import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../api/objects.ts';
import { compareEndpointAddresses, portKey, repackSubsets } from './repack-subsets.ts';

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

/**
 * RepackSubsets written the direct way, as the controller first had it: maps keyed by text, groups keyed by
 * their sorted (address, readiness) list. The oracle for the repacker's property below.
 */
function referenceRepack(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const addrKey = (a: EndpointAddress) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
  const allAddrs = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port: EndpointPort | null; ready: Map<string, boolean> }>();
  for (const s of subsets) {
    if (!s.addresses?.length && !s.notReadyAddresses?.length) continue;
    for (const port of s.ports?.length ? s.ports : [null]) {
      const pk = portKey(port);
      let entry = byPort.get(pk);
      if (!entry) byPort.set(pk, (entry = { port, ready: new Map() }));
      const e = entry;
      const map = (a: EndpointAddress, ready: boolean) => {
        const k = addrKey(a);
        if (!allAddrs.has(k)) allAddrs.set(k, { ...a });
        if (e.ready.get(k) !== false) e.ready.set(k, ready);
      };
      for (const a of s.addresses ?? []) map(a, true);
      for (const a of s.notReadyAddresses ?? []) map(a, false);
    }
  }
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] | null }>();
  for (const { port, ready } of byPort.values()) {
    const key = [...ready]
      .map(([k, r]) => `${k}\u0000${r}`)
      .sort()
      .join('\u0001');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ready, ports: null }));
    if (port !== null && port.port > 0) (g.ports ??= []).push(port);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const addresses: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of g.ready) (r ? addresses : notReady).push(allAddrs.get(k)!);
    addresses.sort(compareEndpointAddresses);
    notReady.sort(compareEndpointAddresses);
    const ports = g.ports?.sort(
      (a, b) => cmp(a.name ?? '', b.name ?? '') || a.port - b.port || cmp(a.protocol ?? '', b.protocol ?? ''),
    );
    out.push({
      ...(addresses.length ? { addresses } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ...(ports ? { ports } : {}),
    });
  }
  const first = (s: EndpointSubset) => (s.addresses?.[0] ?? s.notReadyAddresses?.[0])!;
  return out.sort(
    (a, b) =>
      compareEndpointAddresses(first(a), first(b)) ||
      cmp(JSON.stringify(a.ports ?? []), JSON.stringify(b.ports ?? [])),
  );
}

describe('repackSubsets against the direct implementation', () => {
  // Few IPs, UIDs and ports, so that addresses and ports repeat across subsets.
  const address = fc.record(
    {
      ip: fc.constantFrom('10.0.0.1', '10.0.0.10', '10.0.0.2', '10.0.0.1x'),
      hostname: fc.constantFrom('a', 'b'),
      targetRef: fc.record(
        { kind: fc.constant('Pod'), name: fc.constantFrom('p', 'q'), uid: fc.constantFrom('u1', 'u2', '') },
        { requiredKeys: ['kind'] },
      ),
    },
    { requiredKeys: ['ip'] },
  );
  const port = fc.record(
    {
      name: fc.constantFrom('', 'http', 'dns'),
      port: fc.constantFrom(0, 53, 80),
      protocol: fc.constantFrom('TCP', 'UDP'),
      appProtocol: fc.constantFrom('h2c', 'http'),
    },
    { requiredKeys: ['port'] },
  );
  const subset = fc.record(
    {
      addresses: fc.array(address, { maxLength: 4 }),
      notReadyAddresses: fc.array(address, { maxLength: 3 }),
      ports: fc.array(port, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );

  it('gives the same subsets, leaves its input alone and shares no address between subsets', () => {
    fc.assert(
      fc.property(fc.array(subset, { maxLength: 6 }), (subsets) => {
        const before = JSON.stringify(subsets);
        const out = repackSubsets(subsets);
        expect(JSON.stringify(out)).toBe(JSON.stringify(referenceRepack(subsets)));
        expect(JSON.stringify(subsets)).toBe(before);
        const listed = out.flatMap((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]);
        expect(new Set(listed).size).toBe(listed.length);
        expect(new Set(listed.map((a) => a.targetRef).filter(Boolean)).size).toBe(
          listed.filter((a) => a.targetRef).length,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
