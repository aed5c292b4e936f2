/**
 * PTR lookups, ported from plugin/kubernetes/reverse_test.go TestReverse (APIConnReverseTest fixtures as
 * Services and EndpointSlices). CoreDNS's test serves the reverse zones itself without fallthrough; kubeadm's
 * Corefile serves in-addr.arpa with `fallthrough`, so its NXDOMAINs there are forwarded upstream.
 */
import { describe, expect, it } from 'vitest';
import { buildDnsIndex, resolveDnsIndexed } from './index.ts';
import { endpoint, lines, service, slice } from './fixtures.ts';
import type { DnsType } from './types.ts';

const http = { name: 'http', protocol: 'TCP', port: 80 };
const index = buildDnsIndex({
  dnsDomain: 'cluster.local',
  ttl: 5,
  services: [service('testns', 'svc1', { clusterIP: '192.168.1.100', ports: [http] })],
  endpointSlices: [
    slice(
      'testns',
      'svc1-slice1',
      'svc1',
      [endpoint('10.0.0.100', { hostname: 'ep1a' }), endpoint('10.0.0.99', { hostname: 'double-ep' })],
      [http],
    ),
    slice(
      'testns',
      'svc1-slice2',
      'svc1',
      [
        endpoint('1234:abcd::1', { hostname: 'ep1b' }),
        endpoint('fd00:77:30::a', { hostname: 'ip6svc1ex' }),
        endpoint('fd00:77:30::2:9ba6', { hostname: 'ip6svc1in' }),
      ],
      [http],
      'IPv6',
    ),
    // EndpointSlice skew: a second slice of svc1 holds the same address.
    slice('testns', 'svc1-ccccc', 'svc1', [endpoint('10.0.0.100', { hostname: 'ep1a' })], [http]),
    // Two Services select 10.0.0.99.
    slice('testns', 'svc2-slice1', 'svc2', [endpoint('10.0.0.99', { hostname: 'double-ep' })], [http]),
  ],
  pods: [],
});

// from plugin/kubernetes/reverse_test.go TestReverse
describe('CoreDNS reverse_test.go TestReverse', () => {
  it.each<{ qname: string; qtype?: DnsType; rcode: string; answer?: string[]; forwarded?: boolean }>([
    {
      qname: '100.0.0.10.in-addr.arpa.',
      rcode: 'NOERROR',
      answer: ['100.0.0.10.in-addr.arpa. 5 IN PTR ep1a.svc1.testns.svc.cluster.local.'],
    },
    {
      qname: '100.1.168.192.in-addr.arpa.',
      rcode: 'NOERROR',
      answer: ['100.1.168.192.in-addr.arpa. 5 IN PTR svc1.testns.svc.cluster.local.'],
    },
    {
      qname: '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.',
      rcode: 'NOERROR',
      answer: [
        '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa. 5 IN PTR ep1b.svc1.testns.svc.cluster.local.',
      ],
    },
    {
      qname: 'a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa.',
      rcode: 'NOERROR',
      answer: [
        'a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa. 5 IN PTR ip6svc1ex.svc1.testns.svc.cluster.local.',
      ],
    },
    {
      qname: '6.a.b.9.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa.',
      rcode: 'NOERROR',
      answer: [
        '6.a.b.9.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa. 5 IN PTR ip6svc1in.svc1.testns.svc.cluster.local.',
      ],
    },
    { qname: '101.0.0.10.in-addr.arpa.', rcode: 'NXDOMAIN', forwarded: true },
    { qname: 'example.org.cluster.local.', rcode: 'NXDOMAIN' },
    { qname: 'svc1.testns.svc.cluster.local.', rcode: 'NOERROR' },
    { qname: 'svc1.testns.svc.0.10.in-addr.arpa.', qtype: 'A', rcode: 'NXDOMAIN', forwarded: true },
    { qname: '100.0.0.10.cluster.local.', rcode: 'NXDOMAIN' },
    {
      qname: '99.0.0.10.in-addr.arpa.',
      rcode: 'NOERROR',
      answer: [
        '99.0.0.10.in-addr.arpa. 5 IN PTR double-ep.svc1.testns.svc.cluster.local.',
        '99.0.0.10.in-addr.arpa. 5 IN PTR double-ep.svc2.testns.svc.cluster.local.',
      ],
    },
  ])('$qname $qtype', (tc) => {
    const got = resolveDnsIndexed(index, { name: tc.qname, type: tc.qtype ?? 'PTR' });
    expect(got.rcode).toBe(tc.rcode);
    expect(lines(got.records)).toEqual(tc.answer ?? []);
    expect(got.forwarded ?? false).toBe(tc.forwarded ?? false);
  });
});
