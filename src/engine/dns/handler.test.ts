/**
 * CoreDNS plugin/kubernetes handler tests, ported: the fixtures of handler_test.go (APIConnServeTest svcIndex
 * and epsIndex, as Services and EndpointSlices) and its commonDnsTestCases / dnsTestCases, plus
 * handler_pod_insecure_test.go, handler_pod_verified_test.go and TestServeNamespaceDNS. CoreDNS's tests set
 * `ttl` to its default 5; the Ns (SOA) sections are not modelled.
 */
import { describe, expect, it } from 'vitest';
import { buildDnsIndex, resolveDnsIndexed } from './index.ts';
import { coreDnsZone, lines } from './fixtures.ts';
import type { DnsType } from './types.ts';
import type { DnsZoneInput } from './zone-index.ts';

interface Case {
  /** The comment above the case in the CoreDNS test. */
  desc: string;
  qname: string;
  qtype: DnsType;
  rcode: 'NOERROR' | 'NXDOMAIN';
  answer?: string[];
  extra?: string[];
  forwarded?: boolean;
}

function run(zone: DnsZoneInput, cases: Case[]): void {
  const index = buildDnsIndex(zone);
  it.each(cases)('$desc: $qname $qtype', (tc) => {
    const got = resolveDnsIndexed(index, { name: tc.qname, type: tc.qtype });
    expect(got.rcode).toBe(tc.rcode);
    expect(lines(got.records)).toEqual(tc.answer ?? []);
    expect(lines(got.additional)).toEqual(tc.extra ?? []);
    expect(got.forwarded ?? false).toBe(tc.forwarded ?? false);
  });
}

// from plugin/kubernetes/handler_test.go commonDnsTestCases
describe('CoreDNS handler_test.go commonDnsTestCases', () => {
  run(coreDnsZone, [
    {
      desc: 'A Service',
      qname: 'svc1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'],
    },
    {
      desc: 'A Service (no endpoints)',
      qname: 'svcempty.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['svcempty.testns.svc.cluster.local. 5 IN A 10.0.0.1'],
    },
    {
      desc: 'SRV without port labels',
      qname: 'svc1.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: ['svc1.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc1.testns.svc.cluster.local.'],
      extra: ['svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'],
    },
    {
      desc: 'SRV without port labels (no endpoints)',
      qname: 'svcempty.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: ['svcempty.testns.svc.cluster.local. 5 IN SRV 0 100 80 svcempty.testns.svc.cluster.local.'],
      extra: ['svcempty.testns.svc.cluster.local. 5 IN A 10.0.0.1'],
    },
    {
      desc: 'SRV of an IPv6 Service',
      qname: 'svc6.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: ['svc6.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc6.testns.svc.cluster.local.'],
      extra: ['svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1'],
    },
    {
      desc: 'SRV Service',
      qname: '_http._tcp.svc1.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: ['_http._tcp.svc1.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc1.testns.svc.cluster.local.'],
      extra: ['svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'],
    },
    {
      desc: 'SRV Service (no endpoints)',
      qname: '_http._tcp.svcempty.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_http._tcp.svcempty.testns.svc.cluster.local. 5 IN SRV 0 100 80 svcempty.testns.svc.cluster.local.',
      ],
      extra: ['svcempty.testns.svc.cluster.local. 5 IN A 10.0.0.1'],
    },
    {
      desc: 'A Service (Headless)',
      qname: 'hdls1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: [
        'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2',
        'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.3',
        'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.4',
        'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.5',
      ],
    },
    {
      desc: 'A Service (Headless and Portless)',
      qname: 'hdlsprtls.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['hdlsprtls.testns.svc.cluster.local. 5 IN A 172.0.0.20'],
    },
    {
      desc: 'AAAA Service (with an existing A record, but no AAAA record)',
      qname: 'svc1.testns.svc.cluster.local.',
      qtype: 'AAAA',
      rcode: 'NOERROR',
    },
    {
      desc: 'AAAA Service (non-existing service)',
      qname: 'svc0.testns.svc.cluster.local.',
      qtype: 'AAAA',
      rcode: 'NXDOMAIN',
    },
    {
      desc: 'A Service (non-existing service)',
      qname: 'svc0.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      desc: 'A Service (non-existing namespace)',
      qname: 'svc0.svc-nons.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      desc: 'TXT Schema',
      qname: 'dns-version.cluster.local.',
      qtype: 'TXT',
      rcode: 'NOERROR',
      answer: ['dns-version.cluster.local. 28800 IN TXT "1.1.0"'],
    },
    {
      desc: 'A TXT record does not exist but another record for the same FQDN does',
      qname: 'svc1.testns.svc.cluster.local.',
      qtype: 'TXT',
      rcode: 'NOERROR',
    },
    {
      desc: 'A TXT record does not exist and neither does another record for the same FQDN',
      qname: 'svc0.svc-nons.svc.cluster.local.',
      qtype: 'TXT',
      rcode: 'NXDOMAIN',
    },
    {
      desc: 'A Service (Headless) does not exist',
      qname: 'bogusendpoint.hdls1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      desc: 'A Service does not exist',
      qname: 'bogusendpoint.svc0.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      desc: 'AAAA Service',
      qname: 'svc6.testns.svc.cluster.local.',
      qtype: 'AAAA',
      rcode: 'NOERROR',
      answer: ['svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1'],
    },
    {
      desc: 'SRV',
      qname: '_http._tcp.svc6.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: ['_http._tcp.svc6.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc6.testns.svc.cluster.local.'],
      extra: ['svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1'],
    },
    {
      desc: 'AAAA Service (Headless)',
      qname: 'hdls1.testns.svc.cluster.local.',
      qtype: 'AAAA',
      rcode: 'NOERROR',
      answer: [
        'hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::1',
        'hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::2',
      ],
    },
    { desc: 'bare svc type', qname: 'svc.cluster.local.', qtype: 'A', rcode: 'NOERROR' },
    { desc: 'bare pod type', qname: 'pod.cluster.local.', qtype: 'A', rcode: 'NOERROR' },
    { desc: 'namespace only', qname: 'testns.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR' },
    {
      desc: 'Dual Stack ClusterIP Services',
      qname: 'svc-dual-stack.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['svc-dual-stack.testns.svc.cluster.local. 5 IN A 10.0.0.3'],
    },
    {
      desc: 'Dual Stack ClusterIP Services',
      qname: 'svc-dual-stack.testns.svc.cluster.local.',
      qtype: 'AAAA',
      rcode: 'NOERROR',
      answer: ['svc-dual-stack.testns.svc.cluster.local. 5 IN AAAA 10::3'],
    },
    {
      desc: 'Dual Stack ClusterIP Services',
      qname: 'svc-dual-stack.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        'svc-dual-stack.testns.svc.cluster.local. 5 IN SRV 0 50 80 svc-dual-stack.testns.svc.cluster.local.',
      ],
      extra: [
        'svc-dual-stack.testns.svc.cluster.local. 5 IN A 10.0.0.3',
        'svc-dual-stack.testns.svc.cluster.local. 5 IN AAAA 10::3',
      ],
    },
    {
      desc: 'A query for a subdomain of an external service should not resolve to the external service',
      qname: 'endpoint.external.testns.svc.cluster.local.',
      qtype: 'CNAME',
      rcode: 'NXDOMAIN',
    },
    {
      desc: 'A query for a subdomain of a subdomain of an external service should not resolve to the external service',
      qname: 'subdomain.subdomain.external.testns.svc.cluster.local.',
      qtype: 'CNAME',
      rcode: 'NXDOMAIN',
    },
  ]);
});

// from plugin/kubernetes/handler_test.go dnsTestCases
describe('CoreDNS handler_test.go dnsTestCases', () => {
  run(coreDnsZone, [
    {
      desc: 'SRV Service (Headless)',
      qname: '_http._tcp.hdls1.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      // six backend records (dup-name twice) weigh 100 each: ⌊100/6⌋ = 16; the duplicate target appears once.
      answer: [
        '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 172-0-0-2.hdls1.testns.svc.cluster.local.',
        '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 172-0-0-3.hdls1.testns.svc.cluster.local.',
        '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 5678-abcd--1.hdls1.testns.svc.cluster.local.',
        '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 5678-abcd--2.hdls1.testns.svc.cluster.local.',
        '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 dup-name.hdls1.testns.svc.cluster.local.',
      ],
      extra: [
        '172-0-0-2.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2',
        '172-0-0-3.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.3',
        'dup-name.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.4',
        'dup-name.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.5',
        '5678-abcd--1.hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::1',
        '5678-abcd--2.hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::2',
      ],
    },
    {
      desc: 'AAAA',
      qname: '5678-abcd--2.hdls1.testns.svc.cluster.local',
      qtype: 'AAAA',
      rcode: 'NOERROR',
      answer: ['5678-abcd--2.hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::2'],
    },
    {
      desc: 'AAAA Endpoint',
      qname: '5678-abcd--1.hdls1.testns.svc.cluster.local.',
      qtype: 'AAAA',
      rcode: 'NOERROR',
      answer: ['5678-abcd--1.hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::1'],
    },
    {
      desc: 'An Endpoint with no port',
      qname: '172-0-0-20.hdlsprtls.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['172-0-0-20.hdlsprtls.testns.svc.cluster.local. 5 IN A 172.0.0.20'],
    },
    {
      desc: 'An Endpoint ip',
      qname: '172-0-0-2.hdls1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['172-0-0-2.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2'],
    },
    {
      desc: 'A Endpoint ip',
      qname: '172-0-0-3.hdls1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['172-0-0-3.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.3'],
    },
    {
      desc: 'An Endpoint by name',
      qname: 'dup-name.hdls1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: [
        'dup-name.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.4',
        'dup-name.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.5',
      ],
    },
    {
      desc: 'CNAME External',
      qname: 'external.testns.svc.cluster.local.',
      qtype: 'CNAME',
      rcode: 'NOERROR',
      answer: ['external.testns.svc.cluster.local. 5 IN CNAME ext.interwebs.test.'],
    },
    {
      // CoreDNS's Upstub supplies ext.interwebs.test's A record; our upstream is not simulated.
      desc: 'CNAME External Truncated Lookup',
      qname: 'external.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['external.testns.svc.cluster.local. 5 IN CNAME ext.interwebs.test.'],
      forwarded: true,
    },
    {
      desc: 'CNAME External To Internal Service',
      qname: 'external-to-service.testns.svc.cluster.local',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: [
        'external-to-service.testns.svc.cluster.local. 5 IN CNAME svc1.testns.svc.cluster.local.',
        'svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1',
      ],
    },
  ]);
});

// from plugin/kubernetes/handler_test.go nsTestCases (TestServeNamespaceDNS)
describe('CoreDNS handler_test.go nsTestCases', () => {
  run(coreDnsZone, [
    {
      desc: 'A Service for an "exposed" namespace that "does exist"',
      qname: 'svc1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'],
    },
    {
      desc: 'A service for an "exposed" namespace that "doesn\'t exist"',
      qname: 'svc1.nsnoexist.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
  ]);
});

// from plugin/kubernetes/handler_pod_insecure_test.go podModeInsecureCases
describe('CoreDNS handler_pod_insecure_test.go podModeInsecureCases', () => {
  run(coreDnsZone, [
    {
      desc: 'dashed IP',
      qname: '10-240-0-1.podns.pod.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['10-240-0-1.podns.pod.cluster.local. 5 IN A 10.240.0.1'],
    },
    {
      desc: 'dashed IP of no pod',
      qname: '172-0-0-2.podns.pod.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['172-0-0-2.podns.pod.cluster.local. 5 IN A 172.0.0.2'],
    },
    { desc: 'not an IP', qname: 'blah.podns.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN' },
    { desc: 'not an IP', qname: 'blah.podns.pod.cluster.local.', qtype: 'AAAA', rcode: 'NXDOMAIN' },
    {
      desc: 'namespace does not exist',
      qname: 'blah.pod-nons.pod.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    { desc: 'namespace only', qname: 'podns.pod.cluster.local.', qtype: 'A', rcode: 'NOERROR' },
  ]);
});

// from plugin/kubernetes/handler_pod_verified_test.go podModeVerifiedCases
describe('CoreDNS handler_pod_verified_test.go podModeVerifiedCases', () => {
  run({ ...coreDnsZone, podMode: 'verified' }, [
    {
      desc: 'a pod with that IP runs in podns',
      qname: '10-240-0-1.podns.pod.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['10-240-0-1.podns.pod.cluster.local. 5 IN A 10.240.0.1'],
    },
    { desc: 'namespace only', qname: 'podns.pod.cluster.local.', qtype: 'A', rcode: 'NOERROR' },
    { desc: 'namespace only (svc)', qname: 'svcns.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR' },
    { desc: 'namespace does not exist', qname: 'pod-nons.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN' },
    {
      desc: 'no pod with that IP',
      qname: '172-0-0-2.podns.pod.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
  ]);
});

// from plugin/kubernetes/handler_pod_disabled_test.go: `pods disabled` answers no pod name
describe('CoreDNS handler_pod_disabled_test.go', () => {
  run({ ...coreDnsZone, podMode: 'disabled' }, [
    { desc: 'pods disabled', qname: '10-240-0-1.podns.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN' },
  ]);
});
