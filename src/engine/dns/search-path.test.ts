/**
 * The pod side of DNS: /etc/resolv.conf as the kubelet writes it for dnsPolicy ClusterFirst
 * (pkg/kubelet/network/dns/dns.go) and glibc's res_nsearch walking the search list with ndots:5.
 */
import { describe, expect, it } from 'vitest';
import { buildDnsIndex, resolvConf, resolveDnsIndexed, searchCandidates } from './index.ts';
import { endpoint, service, slice } from './fixtures.ts';
import type { DnsZoneInput } from './zone-index.ts';

const zone: DnsZoneInput = {
  dnsDomain: 'cluster.local',
  namespaces: ['default', 'kube-system', 'shop'],
  services: [
    service('default', 'web', {
      clusterIP: '10.96.0.50',
      ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
    }),
    service('shop', 'cart', { clusterIP: '10.96.7.7', ports: [{ name: 'http', protocol: 'TCP', port: 80 }] }),
    service('default', 'mysql', {
      clusterIP: 'None',
      ports: [{ name: 'mysql', protocol: 'TCP', port: 3306 }],
    }),
    service('default', 'google', { type: 'ExternalName', externalName: 'www.google.com' }),
  ],
  endpointSlices: [
    slice(
      'default',
      'mysql-x',
      'mysql',
      [endpoint('10.244.1.5', { hostname: 'mysql-0' })],
      [{ name: 'mysql', protocol: 'TCP', port: 3306 }],
    ),
  ],
  pods: [],
};
const index = buildDnsIndex(zone);
const attemptNames = (name: string, from?: string, type: 'A' | 'AAAA' = 'A') =>
  resolveDnsIndexed(index, { name, type, ...(from ? { from } : {}) }).attempts?.map(
    (a) => `${a.name} ${a.rcode}${a.forwarded ? ' forwarded' : ''}`,
  );

describe('resolvConf', () => {
  it('is what a ClusterFirst pod reads', () => {
    expect(resolvConf('default', 'cluster.local', '10.96.0.10')).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });
});

describe('searchCandidates (res_nsearch, ndots:5)', () => {
  it.each([
    ['web', 'shop', ['web.shop.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']],
    [
      'web.default.svc.cluster.local',
      'shop',
      [
        'web.default.svc.cluster.local.shop.svc.cluster.local',
        'web.default.svc.cluster.local.svc.cluster.local',
        'web.default.svc.cluster.local.cluster.local',
        'web.default.svc.cluster.local',
      ],
    ],
    [
      'mysql-0.mysql.default.svc.cluster.local',
      'default',
      [
        'mysql-0.mysql.default.svc.cluster.local',
        'mysql-0.mysql.default.svc.cluster.local.default.svc.cluster.local',
        'mysql-0.mysql.default.svc.cluster.local.svc.cluster.local',
        'mysql-0.mysql.default.svc.cluster.local.cluster.local',
      ],
    ],
    ['web.default.svc.cluster.local.', 'shop', ['web.default.svc.cluster.local']],
    ['web', undefined, ['web']],
  ] as const)('%s from %s', (name, from, expected) => {
    expect(searchCandidates(name, from, 'cluster.local')).toEqual(expected);
  });
});

describe('resolving short names from a pod', () => {
  it('finds a Service of its own namespace on the first suffix', () => {
    const got = resolveDnsIndexed(index, { name: 'web', type: 'A', from: 'default' });
    expect(got).toMatchObject({
      rcode: 'NOERROR',
      answers: ['10.96.0.50'],
      resolvedName: 'web.default.svc.cluster.local',
    });
    expect(got.attempts).toHaveLength(1);
  });

  it('finds `<svc>.<ns>` from another namespace on the second suffix', () => {
    const got = resolveDnsIndexed(index, { name: 'web.default', type: 'A', from: 'shop' });
    expect(got).toMatchObject({
      rcode: 'NOERROR',
      answers: ['10.96.0.50'],
      resolvedName: 'web.default.svc.cluster.local',
    });
    expect(attemptNames('web.default', 'shop')).toEqual([
      'web.default.shop.svc.cluster.local NXDOMAIN',
      'web.default.svc.cluster.local NOERROR',
    ]);
  });

  it("does not find another namespace's Service by its bare name; the last try goes upstream", () => {
    const got = resolveDnsIndexed(index, { name: 'web', type: 'A', from: 'shop' });
    expect(got).toMatchObject({ rcode: 'NXDOMAIN', answers: [], forwarded: true, resolvedName: 'web' });
    expect(attemptNames('web', 'shop')).toEqual([
      'web.shop.svc.cluster.local NXDOMAIN',
      'web.svc.cluster.local NXDOMAIN',
      'web.cluster.local NXDOMAIN',
      'web NXDOMAIN forwarded',
    ]);
  });

  it('walks three wasted suffixes for a fully qualified name without the trailing dot (4 dots < ndots)', () => {
    expect(attemptNames('cart.shop.svc.cluster.local', 'default')).toEqual([
      'cart.shop.svc.cluster.local.default.svc.cluster.local NXDOMAIN',
      'cart.shop.svc.cluster.local.svc.cluster.local NXDOMAIN',
      'cart.shop.svc.cluster.local.cluster.local NXDOMAIN',
      'cart.shop.svc.cluster.local NOERROR',
    ]);
  });

  it('asks an absolute name (trailing dot) once', () => {
    const got = resolveDnsIndexed(index, {
      name: 'cart.shop.svc.cluster.local.',
      type: 'A',
      from: 'default',
    });
    expect(got).toMatchObject({ answers: ['10.96.7.7'], resolvedName: 'cart.shop.svc.cluster.local' });
    expect(got.attempts).toHaveLength(1);
  });

  it('asks a name with 5 dots as is first', () => {
    const got = resolveDnsIndexed(index, {
      name: 'mysql-0.mysql.default.svc.cluster.local',
      type: 'A',
      from: 'shop',
    });
    expect(got).toMatchObject({
      answers: ['10.244.1.5'],
      resolvedName: 'mysql-0.mysql.default.svc.cluster.local',
    });
    expect(got.attempts).toHaveLength(1);
  });

  it('sends external names through every suffix before forwarding them', () => {
    const got = resolveDnsIndexed(index, { name: 'www.google.com', type: 'A', from: 'default' });
    expect(got).toMatchObject({ rcode: 'NXDOMAIN', forwarded: true, resolvedName: 'www.google.com' });
    expect(got.attempts?.map((a) => a.name)).toEqual([
      'www.google.com.default.svc.cluster.local',
      'www.google.com.svc.cluster.local',
      'www.google.com.cluster.local',
      'www.google.com',
    ]);
  });

  it('follows an ExternalName found through the search path', () => {
    const got = resolveDnsIndexed(index, { name: 'google', type: 'A', from: 'default' });
    expect(got).toMatchObject({
      rcode: 'NOERROR',
      answers: ['www.google.com'],
      cname: 'www.google.com',
      forwarded: true,
      resolvedName: 'google.default.svc.cluster.local',
    });
  });

  it('keeps walking past NODATA and returns the first NODATA when nothing answers (glibc)', () => {
    const got = resolveDnsIndexed(index, { name: 'web', type: 'AAAA', from: 'default' });
    expect(got).toMatchObject({
      rcode: 'NOERROR',
      answers: [],
      resolvedName: 'web.default.svc.cluster.local',
    });
    expect(got.forwarded).toBeUndefined();
    expect(attemptNames('web', 'default', 'AAAA')).toEqual([
      'web.default.svc.cluster.local NOERROR',
      'web.svc.cluster.local NXDOMAIN',
      'web.cluster.local NXDOMAIN',
      'web NXDOMAIN forwarded',
    ]);
  });

  it('uses no search path without a pod', () => {
    const got = resolveDnsIndexed(index, { name: 'web', type: 'A' });
    expect(got).toMatchObject({ rcode: 'NXDOMAIN', forwarded: true });
    expect(got.attempts).toHaveLength(1);
  });
});
