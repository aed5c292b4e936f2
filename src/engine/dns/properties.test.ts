/** fast-check properties of the simulated CoreDNS. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../api/objects.ts';
import { buildDnsIndex, resolveDnsIndexed } from './index.ts';
import { coreDnsZone } from './fixtures.ts';
import type { DnsType } from './types.ts';

const TYPES: DnsType[] = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT'];
const LABELS = [
  'svc',
  'pod',
  'cluster',
  'local',
  'in-addr',
  'arpa',
  'ip6',
  'testns',
  'default',
  'kube-system',
  'svc1',
  'hdls1',
  'external',
  'external-to-service',
  '_http',
  '_tcp',
  'http',
  'dup-name',
  '172-0-0-2',
  '10-0-0-1',
  'fd00--1',
  'dns-version',
  'ns',
  'dns',
  'apex',
  '10',
  '0',
  '1',
  '100',
  '255',
  '',
  'SvC1',
  'a'.repeat(64),
];

const nameArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.array(fc.constantFrom(...LABELS), { maxLength: 9 }).map((labels) => labels.join('.')),
  fc
    .tuple(
      fc.array(fc.constantFrom(...LABELS), { maxLength: 5 }),
      fc.constantFrom('.cluster.local', '.cluster.local.', '.in-addr.arpa', ''),
    )
    .map(([labels, suffix]) => labels.join('.') + suffix),
);

describe('resolveDns never throws', () => {
  const index = buildDnsIndex(coreDnsZone);
  it('on arbitrary names, types and asking namespaces', () => {
    fc.assert(
      fc.property(
        nameArb,
        fc.oneof(fc.constantFrom(...TYPES), fc.string({ maxLength: 5 }) as fc.Arbitrary<DnsType>),
        fc.option(fc.constantFrom('testns', 'default', 'nope', ''), { nil: undefined }),
        (name, type, from) => {
          const got = resolveDnsIndexed(index, { name, type, ...(from !== undefined ? { from } : {}) });
          expect(['NOERROR', 'NXDOMAIN']).toContain(got.rcode);
          if (got.rcode === 'NXDOMAIN') expect(got.answers).toEqual([]);
          expect(got.answers).toHaveLength(got.records?.length ?? 0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

interface GenEndpoint {
  ip: string;
  ready: boolean | undefined;
  hostname: string | undefined;
}
interface GenService {
  namespace: string;
  name: string;
  headless: boolean;
  slices: GenEndpoint[][];
}

const endpointArb: fc.Arbitrary<GenEndpoint> = fc.record({
  ip: fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 254 }))
    .map(([c, d]) => `10.244.${c}.${d}`),
  ready: fc.option(fc.boolean(), { nil: undefined }),
  hostname: fc.option(fc.constantFrom('web-0', 'web-1', 'db'), { nil: undefined }),
});
const servicesArb = fc.uniqueArray(
  fc.record({
    namespace: fc.constantFrom('default', 'shop'),
    name: fc.constantFrom('web', 'db', 'cache'),
    headless: fc.boolean(),
    slices: fc.array(fc.array(endpointArb, { maxLength: 5 }), { maxLength: 3 }),
  }),
  { selector: (s) => `${s.namespace}/${s.name}`, maxLength: 6 },
);

function toObjects(services: GenService[]): { services: Service[]; endpointSlices: EndpointSlice[] } {
  return {
    services: services.map((s, i) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: s.name, namespace: s.namespace },
      spec: {
        clusterIP: s.headless ? 'None' : `10.96.0.${i + 1}`,
        ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
      },
    })),
    endpointSlices: services.flatMap((s) =>
      s.slices.map((eps, j) => ({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${s.name}-${j}`,
          namespace: s.namespace,
          labels: { 'kubernetes.io/service-name': s.name },
        },
        addressType: 'IPv4',
        endpoints: eps.map((e) => ({
          addresses: [e.ip],
          conditions: e.ready === undefined ? {} : { ready: e.ready },
          ...(e.hostname ? { hostname: e.hostname } : {}),
        })),
        ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
      })),
    ),
  };
}

describe('headless Services answer ready endpoints only', () => {
  it('every A answer is a ready endpoint address of that Service, and every ready address is answered', () => {
    fc.assert(
      fc.property(servicesArb, fc.constantFrom('default', 'shop'), (generated, from) => {
        const index = buildDnsIndex({ dnsDomain: 'cluster.local', pods: [], ...toObjects(generated) });
        for (const s of generated.filter((g) => g.headless)) {
          const ready = new Set(
            s.slices
              .flat()
              .filter((e) => e.ready !== false)
              .map((e) => e.ip),
          );
          const fqdn = resolveDnsIndexed(index, {
            name: `${s.name}.${s.namespace}.svc.cluster.local`,
            type: 'A',
          });
          expect(fqdn.rcode).toBe(ready.size > 0 ? 'NOERROR' : 'NXDOMAIN');
          expect(new Set(fqdn.answers)).toEqual(ready);
          expect(fqdn.answers).toHaveLength(ready.size); // each address once

          const short = resolveDnsIndexed(index, { name: `${s.name}.${s.namespace}`, type: 'A', from });
          for (const ip of short.answers) expect(ready.has(ip as string)).toBe(true);

          for (const hostname of ['web-0', 'web-1', 'db']) {
            const named = new Set(
              s.slices
                .flat()
                .filter((e) => e.ready !== false && e.hostname === hostname)
                .map((e) => e.ip),
            );
            const got = resolveDnsIndexed(index, {
              name: `${hostname}.${s.name}.${s.namespace}.svc.cluster.local`,
              type: 'A',
            });
            expect(new Set(got.answers)).toEqual(named);
          }
          const srv = resolveDnsIndexed(index, {
            name: `_http._tcp.${s.name}.${s.namespace}.svc.cluster.local`,
            type: 'SRV',
          });
          for (const extra of srv.additional ?? []) expect(ready.has(extra.value as string)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
