/**
 * The examples of the Kubernetes DNS-Based Service Discovery specification (kubernetes/dns
 * docs/specification.md), answered as kubeadm's CoreDNS answers them (ttl 30), plus the cluster shapes the
 * playground shows: a StatefulSet behind a headless Service, named ports, ExternalName, case-insensitivity.
 */
import { describe, expect, it } from 'vitest';
import { buildDnsIndex, formatDnsRecord, resolveDns, resolveDnsIndexed } from './index.ts';
import { endpoint, lines, service, slice } from './fixtures.ts';
import type { DnsType } from './types.ts';
import type { DnsZoneInput } from './zone-index.ts';

const specZone: DnsZoneInput = {
  dnsDomain: 'cluster.local',
  services: [
    service('default', 'kubernetes', {
      type: 'ClusterIP',
      clusterIP: '10.3.0.1',
      ports: [{ name: 'https', protocol: 'TCP', port: 443 }],
    }),
    service('default', 'headless', {
      type: 'ClusterIP',
      clusterIP: 'None',
      ports: [{ name: 'https', protocol: 'TCP', port: 443 }],
    }),
    service('default', 'foo', { type: 'ExternalName', externalName: 'www.example.com' }),
  ],
  endpointSlices: [
    slice(
      'default',
      'headless-abcde',
      'headless',
      [
        endpoint('10.3.0.100', { hostname: 'my-pet' }),
        endpoint('10.3.0.101', { hostname: 'my-pet-2' }),
        endpoint('10.3.0.102'),
      ],
      [{ name: 'https', protocol: 'TCP', port: 443 }],
    ),
  ],
  pods: [],
};

interface Case {
  section: string;
  qname: string;
  qtype: DnsType;
  rcode: 'NOERROR' | 'NXDOMAIN';
  answer?: string[];
  forwarded?: boolean;
}

function run(zone: DnsZoneInput, cases: Case[]): void {
  const index = buildDnsIndex(zone);
  it.each(cases)('$section: $qname $qtype', (tc) => {
    const got = resolveDnsIndexed(index, { name: tc.qname, type: tc.qtype });
    expect(got.rcode).toBe(tc.rcode);
    expect(lines(got.records)).toEqual(tc.answer ?? []);
    expect(got.forwarded ?? false).toBe(tc.forwarded ?? false);
  });
}

// from kubernetes/dns docs/specification.md, the Question/Answer examples of each section
describe('kubernetes/dns specification examples', () => {
  run(specZone, [
    {
      section: '2.2 Record for Schema Version',
      qname: 'dns-version.cluster.local.',
      qtype: 'TXT',
      rcode: 'NOERROR',
      answer: ['dns-version.cluster.local. 28800 IN TXT "1.1.0"'],
    },
    {
      section: '2.3.1 A Record',
      qname: 'kubernetes.default.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['kubernetes.default.svc.cluster.local. 30 IN A 10.3.0.1'],
    },
    {
      // The spec leaves weight and priority open; CoreDNS writes priority 0, weight 100 for a lone record.
      section: '2.3.2 SRV Records',
      qname: '_https._tcp.kubernetes.default.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_https._tcp.kubernetes.default.svc.cluster.local. 30 IN SRV 0 100 443 kubernetes.default.svc.cluster.local.',
      ],
    },
    {
      section: '2.3.3 PTR Record',
      qname: '1.0.3.10.in-addr.arpa.',
      qtype: 'PTR',
      rcode: 'NOERROR',
      answer: ['1.0.3.10.in-addr.arpa. 30 IN PTR kubernetes.default.svc.cluster.local.'],
    },
    {
      section: '2.4.1 A Records (service)',
      qname: 'headless.default.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: [
        'headless.default.svc.cluster.local. 30 IN A 10.3.0.100',
        'headless.default.svc.cluster.local. 30 IN A 10.3.0.101',
        'headless.default.svc.cluster.local. 30 IN A 10.3.0.102',
      ],
    },
    {
      section: '2.4.1 A Records (hostname)',
      qname: 'my-pet.headless.default.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['my-pet.headless.default.svc.cluster.local. 30 IN A 10.3.0.100'],
    },
    {
      // An endpoint without hostname gets CoreDNS's system-assigned identifier: its dashed IP.
      section: '2.4.2 SRV Records',
      qname: '_https._tcp.headless.default.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_https._tcp.headless.default.svc.cluster.local. 30 IN SRV 0 33 443 10-3-0-102.headless.default.svc.cluster.local.',
        '_https._tcp.headless.default.svc.cluster.local. 30 IN SRV 0 33 443 my-pet-2.headless.default.svc.cluster.local.',
        '_https._tcp.headless.default.svc.cluster.local. 30 IN SRV 0 33 443 my-pet.headless.default.svc.cluster.local.',
      ],
    },
    {
      section: '2.4.3 PTR Records',
      qname: '100.0.3.10.in-addr.arpa.',
      qtype: 'PTR',
      rcode: 'NOERROR',
      answer: ['100.0.3.10.in-addr.arpa. 30 IN PTR my-pet.headless.default.svc.cluster.local.'],
    },
    {
      // www.example.com's own A record comes from the upstream resolver, which is not simulated.
      section: '2.5 Records for External Name Services',
      qname: 'foo.default.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['foo.default.svc.cluster.local. 30 IN CNAME www.example.com.'],
      forwarded: true,
    },
    {
      section: '2.6 Deprecated Records',
      qname: '1-2-3-4.default.pod.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['1-2-3-4.default.pod.cluster.local. 30 IN A 1.2.3.4'],
    },
  ]);
});

const web = { name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 };
const clusterZone: DnsZoneInput = {
  dnsDomain: 'cluster.local',
  services: [
    service('kube-system', 'kube-dns', {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [
        { name: 'dns', protocol: 'UDP', port: 53 },
        { name: 'dns-tcp', protocol: 'TCP', port: 53 },
      ],
    }),
    service('default', 'web', {
      type: 'NodePort',
      clusterIP: '10.96.0.50',
      clusterIPs: ['10.96.0.50'],
      ports: [web, { name: 'metrics', protocol: 'TCP', port: 9090 }],
    }),
    service('default', 'mysql', {
      clusterIP: 'None',
      clusterIPs: ['None'],
      ports: [{ name: 'mysql', protocol: 'TCP', port: 3306 }],
    }),
    service('default', 'empty-headless', {
      clusterIP: 'None',
      clusterIPs: ['None'],
      ports: [{ name: 'http', port: 80 }],
    }),
    service('default', 'unready-headless', {
      clusterIP: 'None',
      clusterIPs: ['None'],
      ports: [{ name: 'http', port: 80 }],
    }),
    service('default', 'peers', {
      clusterIP: 'None',
      clusterIPs: ['None'],
      publishNotReadyAddresses: true,
      ports: [{ name: 'gossip', protocol: 'UDP', port: 7946 }],
    }),
    service('default', 'ext', { type: 'ExternalName', externalName: 'www.google.com' }),
    service('default', 'ext-ip', { type: 'ExternalName', externalName: '1.2.3.4' }),
  ],
  endpointSlices: [
    slice(
      'default',
      'web-x1',
      'web',
      [endpoint('10.244.1.10', { pod: 'web-1' })],
      [
        { name: 'http', protocol: 'TCP', port: 8080 },
        { name: 'metrics', protocol: 'TCP', port: 9090 },
      ],
    ),
    slice(
      'default',
      'mysql-abcde',
      'mysql',
      [
        endpoint('10.244.1.5', { hostname: 'mysql-0', pod: 'mysql-0' }),
        endpoint('10.244.2.6', { hostname: 'mysql-1', pod: 'mysql-1' }),
        endpoint('10.244.1.7', { hostname: 'mysql-2', pod: 'mysql-2', ready: false }),
      ],
      [{ name: 'mysql', protocol: 'TCP', port: 3306 }],
    ),
    slice(
      'default',
      'unready-headless-x',
      'unready-headless',
      [endpoint('10.244.2.9', { ready: false })],
      [{ name: 'http', protocol: 'TCP', port: 80 }],
    ),
    // The EndpointSlice controller marks not-ready pods ready when the Service publishes not-ready addresses.
    slice(
      'default',
      'peers-x',
      'peers',
      [endpoint('10.244.3.3', { hostname: 'peer-0', ready: true })],
      [{ name: 'gossip', protocol: 'UDP', port: 7946 }],
    ),
  ],
  pods: [],
};

describe('a cluster: ClusterIP, StatefulSet behind a headless Service, ExternalName', () => {
  run(clusterZone, [
    {
      section: 'ClusterIP answers its VIP, not endpoints',
      qname: 'web.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['web.default.svc.cluster.local. 30 IN A 10.96.0.50'],
    },
    {
      section: 'IPv4-only cluster: AAAA is NODATA',
      qname: 'web.default.svc.cluster.local',
      qtype: 'AAAA',
      rcode: 'NOERROR',
    },
    {
      section: 'ClusterIP SRV for a named port: the Service port',
      qname: '_http._tcp.web.default.svc.cluster.local',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: ['_http._tcp.web.default.svc.cluster.local. 30 IN SRV 0 100 80 web.default.svc.cluster.local.'],
    },
    {
      section: 'SRV without port labels: every port, weight 100/2',
      qname: 'web.default.svc.cluster.local',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        'web.default.svc.cluster.local. 30 IN SRV 0 50 80 web.default.svc.cluster.local.',
        'web.default.svc.cluster.local. 30 IN SRV 0 50 9090 web.default.svc.cluster.local.',
      ],
    },
    {
      section: 'SRV with the wrong protocol',
      qname: '_http._udp.web.default.svc.cluster.local',
      qtype: 'SRV',
      rcode: 'NXDOMAIN',
    },
    {
      section: 'SRV for an unknown port name',
      qname: '_grpc._tcp.web.default.svc.cluster.local',
      qtype: 'SRV',
      rcode: 'NXDOMAIN',
    },
    {
      section: 'endpoint name under a ClusterIP Service (CoreDNS answers it)',
      qname: '10-244-1-10.web.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['10-244-1-10.web.default.svc.cluster.local. 30 IN A 10.244.1.10'],
    },
    {
      section: 'CNAME of a ClusterIP Service is NODATA',
      qname: 'web.default.svc.cluster.local',
      qtype: 'CNAME',
      rcode: 'NOERROR',
    },
    { section: 'wrong namespace', qname: 'web.kube-system.svc.cluster.local', qtype: 'A', rcode: 'NXDOMAIN' },
    {
      section: 'namespace that does not exist',
      qname: 'web.prod.svc.cluster.local',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      section: 'too many labels',
      qname: 'a.b.c.web.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    { section: 'neither svc nor pod', qname: 'web.default.cluster.local', qtype: 'A', rcode: 'NXDOMAIN' },
    {
      section: 'StatefulSet pod by hostname',
      qname: 'mysql-0.mysql.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['mysql-0.mysql.default.svc.cluster.local. 30 IN A 10.244.1.5'],
    },
    {
      section: 'StatefulSet pod not ready',
      qname: 'mysql-2.mysql.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      section: 'headless A: ready endpoints only',
      qname: 'mysql.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: [
        'mysql.default.svc.cluster.local. 30 IN A 10.244.1.5',
        'mysql.default.svc.cluster.local. 30 IN A 10.244.2.6',
      ],
    },
    {
      section: 'headless SRV: one per ready endpoint, endpoint port, hostname target',
      qname: '_mysql._tcp.mysql.default.svc.cluster.local',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_mysql._tcp.mysql.default.svc.cluster.local. 30 IN SRV 0 50 3306 mysql-0.mysql.default.svc.cluster.local.',
        '_mysql._tcp.mysql.default.svc.cluster.local. 30 IN SRV 0 50 3306 mysql-1.mysql.default.svc.cluster.local.',
      ],
    },
    {
      section: 'headless without endpoints',
      qname: 'empty-headless.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      section: 'headless with only not-ready endpoints',
      qname: 'unready-headless.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      section: 'publishNotReadyAddresses (ready set by the controller)',
      qname: 'peer-0.peers.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['peer-0.peers.default.svc.cluster.local. 30 IN A 10.244.3.3'],
    },
    {
      section: 'SRV of a UDP port',
      qname: '_gossip._udp.peers.default.svc.cluster.local',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_gossip._udp.peers.default.svc.cluster.local. 30 IN SRV 0 100 7946 peer-0.peers.default.svc.cluster.local.',
      ],
    },
    {
      section: 'ExternalName CNAME',
      qname: 'ext.default.svc.cluster.local',
      qtype: 'CNAME',
      rcode: 'NOERROR',
      answer: ['ext.default.svc.cluster.local. 30 IN CNAME www.google.com.'],
    },
    {
      section: 'ExternalName SRV is not implemented by CoreDNS',
      qname: 'ext.default.svc.cluster.local',
      qtype: 'SRV',
      rcode: 'NOERROR',
    },
    {
      section: 'ExternalName with port labels',
      qname: '_http._tcp.ext.default.svc.cluster.local',
      qtype: 'SRV',
      rcode: 'NXDOMAIN',
    },
    {
      section: 'ExternalName holding an IP is not served',
      qname: 'ext-ip.default.svc.cluster.local',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      section: 'ExternalName target itself leaves the cluster',
      qname: 'www.google.com',
      qtype: 'A',
      rcode: 'NXDOMAIN',
      forwarded: true,
    },
    { section: 'the cluster apex', qname: 'cluster.local', qtype: 'A', rcode: 'NOERROR' },
    {
      section: 'the nameserver name',
      qname: 'ns.dns.cluster.local',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['ns.dns.cluster.local. 30 IN A 10.96.0.10'],
    },
    { section: 'dns-version only as TXT', qname: 'dns-version.cluster.local', qtype: 'A', rcode: 'NXDOMAIN' },
    {
      section: 'pod A in any existing namespace',
      qname: '10-244-9-9.kube-system.pod.cluster.local',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['10-244-9-9.kube-system.pod.cluster.local. 30 IN A 10.244.9.9'],
    },
    {
      section: 'pod name with a leading zero is no IP',
      qname: '010-0-0-1.default.pod.cluster.local',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    },
    {
      section: 'IPv6 pod name',
      qname: 'fd00--1.default.pod.cluster.local',
      qtype: 'AAAA',
      rcode: 'NOERROR',
      answer: ['fd00--1.default.pod.cluster.local. 30 IN AAAA fd00::1'],
    },
    {
      section: 'IPv6 pod name asked for A',
      qname: 'fd00--1.default.pod.cluster.local',
      qtype: 'A',
      rcode: 'NOERROR',
    },
    {
      section: 'PTR of a ClusterIP',
      qname: '50.0.96.10.in-addr.arpa',
      qtype: 'PTR',
      rcode: 'NOERROR',
      answer: ['50.0.96.10.in-addr.arpa. 30 IN PTR web.default.svc.cluster.local.'],
    },
    {
      section: 'PTR of a StatefulSet pod',
      qname: '5.1.244.10.in-addr.arpa',
      qtype: 'PTR',
      rcode: 'NOERROR',
      answer: ['5.1.244.10.in-addr.arpa. 30 IN PTR mysql-0.mysql.default.svc.cluster.local.'],
    },
    {
      section: 'PTR of a ClusterIP Service endpoint',
      qname: '10.1.244.10.in-addr.arpa',
      qtype: 'PTR',
      rcode: 'NOERROR',
      answer: ['10.1.244.10.in-addr.arpa. 30 IN PTR 10-244-1-10.web.default.svc.cluster.local.'],
    },
    {
      section: 'PTR of a not-ready endpoint falls through upstream',
      qname: '7.1.244.10.in-addr.arpa',
      qtype: 'PTR',
      rcode: 'NXDOMAIN',
      forwarded: true,
    },
    {
      section: 'PTR of an unknown address falls through upstream',
      qname: '9.9.9.9.in-addr.arpa',
      qtype: 'PTR',
      rcode: 'NXDOMAIN',
      forwarded: true,
    },
  ]);
});

describe('names are case-insensitive', () => {
  const index = buildDnsIndex(clusterZone);
  it('answers mixed case and owns the answer with the name as asked (handler_case_test.go TestPreserveCase)', () => {
    const got = resolveDnsIndexed(index, { name: 'WEB.Default.SVC.Cluster.Local.', type: 'A' });
    expect(got.answers).toEqual(['10.96.0.50']);
    expect(lines(got.records)).toEqual(['WEB.Default.SVC.Cluster.Local. 30 IN A 10.96.0.50']);
  });
  it('matches port, protocol and hostname labels in any case', () => {
    expect(
      resolveDnsIndexed(index, { name: '_MySQL._TCP.mysql.default.svc.cluster.local', type: 'SRV' }).answers,
    ).toHaveLength(2);
    expect(
      resolveDnsIndexed(index, { name: 'MYSQL-1.Mysql.default.svc.CLUSTER.local', type: 'A' }).answers,
    ).toEqual(['10.244.2.6']);
  });
});

describe('DnsAnswer fields', () => {
  it('sets cname and forwarded for an ExternalName', () => {
    const got = resolveDns(clusterZone, { name: 'ext.default.svc.cluster.local', type: 'A' });
    expect(got).toMatchObject({
      rcode: 'NOERROR',
      answers: ['www.google.com'],
      cname: 'www.google.com',
      forwarded: true,
    });
  });
  it('puts SRV targets and their addresses in the additional section', () => {
    const got = resolveDns(clusterZone, { name: '_mysql._tcp.mysql.default.svc.cluster.local', type: 'SRV' });
    expect(got.answers).toEqual([
      { priority: 0, weight: 50, port: 3306, target: 'mysql-0.mysql.default.svc.cluster.local' },
      { priority: 0, weight: 50, port: 3306, target: 'mysql-1.mysql.default.svc.cluster.local' },
    ]);
    expect(lines(got.additional)).toEqual([
      'mysql-0.mysql.default.svc.cluster.local. 30 IN A 10.244.1.5',
      'mysql-1.mysql.default.svc.cluster.local. 30 IN A 10.244.2.6',
    ]);
  });
  it('is plain JSON', () => {
    const got = resolveDns(clusterZone, { name: 'web', type: 'A', from: 'default' });
    expect(JSON.parse(JSON.stringify(got))).toEqual(got);
  });
  it('formats records as dig does', () => {
    expect(formatDnsRecord({ name: 'a.b', ttl: 30, type: 'TXT', value: '1.1.0' })).toBe(
      'a.b.\t30\tIN\tTXT\t"1.1.0"',
    );
  });
});
