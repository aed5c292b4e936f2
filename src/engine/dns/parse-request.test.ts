import { describe, expect, it } from 'vitest';
import { endpointHostname, expandIPv6 } from './names.ts';
import { parseRequest, type RecordRequest } from './parse-request.ts';
import { addressFromReverse } from './backend.ts';

/** recordRequest.String() of CoreDNS: port.protocol.endpoint.cluster.service.namespace.podOrSvc */
function str(r: RecordRequest): string {
  return [r.port, r.protocol, r.endpoint, '', r.service, r.namespace, r.podOrSvc].join('.');
}

// from plugin/kubernetes/parse_test.go TestParseRequest (the non-multicluster, non-zonal rows)
describe('parseRequest', () => {
  it.each([
    [
      'valid SRV request',
      '_http._tcp.webs.mynamespace.svc.inter.webs.tests',
      'http.tcp...webs.mynamespace.svc',
    ],
    [
      'A request of endpoint',
      '1-2-3-4.webs.mynamespace.svc.inter.webs.tests',
      '..1-2-3-4..webs.mynamespace.svc',
    ],
    ['bare zone', 'inter.webs.tests', '......'],
    ['bare svc type', 'svc.inter.webs.tests', '......'],
    ['bare pod type', 'pod.inter.webs.tests', '......'],
    [
      'SRV request with empty segments',
      '..webs.mynamespace.svc.inter.webs.tests',
      '....webs.mynamespace.svc',
    ],
  ])('%s', (_desc, name, expected) => {
    const parsed = parseRequest(name, 'inter.webs.tests');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(str(parsed.request)).toBe(expected);
  });

  // from plugin/kubernetes/parse_test.go TestParseInvalidRequest
  it.each([
    ['Request must be for pod or svc subdomain', 'webs.mynamespace.pood.inter.webs.tests'],
    ['Too long', 'too.long.for.what.i.am.trying.to.pod.inter.webs.tests'],
    ['Zonal shape without the zonal option', 'us-west-2a.pin._zone.webs.mynamespace.svc.inter.webs.tests'],
  ])('rejects: %s', (_desc, name) => {
    expect(parseRequest(name, 'inter.webs.tests').ok).toBe(false);
  });
});

// from plugin/kubernetes/kubernetes_test.go TestEndpointHostname (endpointNameMode off, as in kubeadm)
describe('endpointHostname', () => {
  it.each([
    ['10.11.12.13', '', '10-11-12-13'],
    ['10.11.12.13', 'epname', 'epname'],
    ['2001:db8:3333:4444:5555:6666:7777:8888', '', '2001-db8-3333-4444-5555-6666-7777-8888'],
    ['2001:db8:3333:4444:5555:6666::', '', '2001-db8-3333-4444-5555-6666--0'],
  ])('%s hostname=%s', (ip, hostname, expected) => {
    expect(endpointHostname(ip, hostname)).toBe(expected);
  });
});

// from plugin/pkg/dnsutil/reverse_test.go TestExtractAddressFromReverse
describe('addressFromReverse', () => {
  it('reads in-addr.arpa and ip6.arpa names', () => {
    expect(addressFromReverse('54.119.58.176.in-addr.arpa')).toBe('176.58.119.54');
    expect(
      addressFromReverse('b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa'),
    ).toBe(expandIPv6('2001:db8::567:89ab'));
  });
  it('rejects partial and malformed names', () => {
    expect(addressFromReverse('119.58.176.in-addr.arpa')).toBeUndefined();
    expect(addressFromReverse('300.1.1.10.in-addr.arpa')).toBeUndefined();
    expect(addressFromReverse('example.org')).toBeUndefined();
    expect(addressFromReverse('a.b.c.ip6.arpa')).toBeUndefined();
  });
});

describe('expandIPv6', () => {
  it.each([
    ['::', '00000000000000000000000000000000'],
    ['fd00::1', 'fd000000000000000000000000000001'],
    ['::ffff:10.0.0.1', '00000000000000000000ffff0a000001'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
  ])('%s', (ip, expected) => expect(expandIPv6(ip)).toBe(expected));
  it('rejects non-addresses', () => {
    expect(expandIPv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(expandIPv6('10.0.0.1')).toBeUndefined();
  });
});
