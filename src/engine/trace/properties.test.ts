import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePod, makeTestService } from '../proxy/testing/fixtures.ts';
import { createRng } from '../sim/rng.ts';
import { HOP_CODES } from './codes.ts';
import { emptyProxyRuntime } from './runtime.ts';
import { basePods, makeCluster, NODE1, NODE2, sliceFor, webService } from './testing/cluster.ts';
import { traceRequest } from './tracer.ts';
import type { TraceClient, TraceRequest } from './types.ts';

function clusterWith(n: number, mode: 'iptables' | 'ipvs' = 'iptables') {
  const pods = [
    makePod('default', 'client', NODE1, '10.244.1.250'),
    ...Array.from({ length: n }, (_, i) =>
      makePod(
        'default',
        `web-${i}`,
        i % 2 ? NODE2 : NODE1,
        `10.244.${i % 2 ? 2 : 1}.${i + 2}`,
        {},
        { app: 'web' },
      ),
    ),
  ];
  const svc = webService((s) => {
    s.spec.type = 'LoadBalancer';
    s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }];
    s.status.loadBalancer = { ingress: [{ ip: '192.168.56.240' }] };
  });
  return makeCluster({
    services: [svc],
    slices: [sliceFor('default', 'web', pods.slice(1), [{ name: 'http', port: 8080 }])],
    pods,
    config: { proxyMode: mode },
  });
}

describe('properties', () => {
  it('the statistic chain gives every endpoint an equal share (sum 1, each 1/n)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer(),
        fc.constantFrom('10.96.100.10:80', '192.168.56.11:30080', '192.168.56.240:80'),
        (n, seed, target) => {
          const { input } = clusterWith(n);
          const t = traceRequest(
            input,
            { client: { kind: 'pod', namespace: 'default', name: 'client' }, target },
            emptyProxyRuntime(),
            createRng(seed),
          ).trace;
          expect(t.candidates).toHaveLength(n);
          const sum = t.candidates.reduce((s, c) => s + c.probability, 0);
          expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
          for (const c of t.candidates) expect(Math.abs(c.probability - 1 / n)).toBeLessThan(1e-9);
          expect(t.candidates).toContainEqual(t.chosen);
          expect(new Set(t.candidates.map((c) => c.ip)).size).toBe(n);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ipvs rr shares are equal too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (n) => {
        const { input } = clusterWith(n, 'ipvs');
        const t = traceRequest(
          input,
          { client: { kind: 'pod', namespace: 'default', name: 'client' }, target: 'web' },
          emptyProxyRuntime(),
          createRng(n),
        ).trace;
        expect(t.candidates.map((c) => c.probability)).toEqual(Array.from({ length: n }, () => 1 / n));
      }),
      { numRuns: 20 },
    );
  });

  it('tracing never throws and always returns a well-formed, JSON-serialisable trace', () => {
    const { input } = makeCluster({
      services: [
        webService(),
        makeTestService('default', 'db', (s) => {
          s.spec.type = 'ExternalName';
          s.spec.externalName = 'db.example.com';
        }),
      ],
      slices: [sliceFor('default', 'web', basePods().slice(1), [{ name: 'http', port: 8080 }])],
    });
    const ipv4 = fc.ipV4();
    const target = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(
        'web',
        'web.default',
        'web.default.svc.cluster.local',
        'db',
        'nope',
        'http://web/path',
        'web:0',
        'web:65535',
        ':80',
        '10.96.100.10',
        '',
      ),
      fc.tuple(ipv4, fc.integer({ min: -5, max: 70000 })).map(([ip, p]) => `${ip}:${p}`),
      fc
        .tuple(fc.domain(), fc.option(fc.integer({ min: 0, max: 70000 })))
        .map(([d, p]) => (p === null ? d : `${d}:${p}`)),
      fc.constantFrom(
        '192.168.56.11:30080',
        '192.168.56.12:22',
        '10.244.1.2:8080',
        '10.244.2.2:9999',
        '127.0.0.1:80',
        '8.8.8.8:53',
      ),
    );
    const client: fc.Arbitrary<TraceClient> = fc.oneof(
      fc.record({ kind: fc.constant('external' as const), ip: fc.oneof(ipv4, fc.string()) }),
      fc.record({
        kind: fc.constant('pod' as const),
        namespace: fc.constantFrom('default', 'x'),
        name: fc.constantFrom('client', 'web-a', 'web-b', 'ghost'),
      }),
      fc.record({ kind: fc.constant('node' as const), name: fc.constantFrom(NODE1, NODE2, 'ghost') }),
    );
    const codes = new Set<string>(HOP_CODES.map((c) => c.code));
    fc.assert(
      fc.property(
        client,
        target,
        fc.option(fc.constantFrom('TCP', 'UDP', 'SCTP') as fc.Arbitrary<TraceRequest['protocol']>),
        fc.option(fc.integer({ min: -1, max: 70000 })),
        fc.option(fc.double({ noNaN: false })),
        fc.integer(),
        (c, t, protocol, srcPort, time, seed) => {
          const req: TraceRequest = { client: c, target: t };
          if (protocol) req.protocol = protocol;
          if (srcPort !== null) req.srcPort = srcPort;
          if (time !== null) req.time = time;
          const { trace, runtime } = traceRequest(input, req, emptyProxyRuntime(), createRng(seed));
          expect(trace.hops.length).toBeGreaterThan(0);
          expect(trace.hops.map((h) => h.index)).toEqual(trace.hops.map((_, i) => i));
          for (const h of trace.hops) expect(codes.has(h.code)).toBe(true);
          expect(trace.hops.some((h) => h.code === 'hop.error')).toBe(false);
          expect(JSON.parse(JSON.stringify({ trace, runtime }))).toBeTruthy();
        },
      ),
      { numRuns: 400 },
    );
  });
});
