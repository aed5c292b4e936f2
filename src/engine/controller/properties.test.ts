import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints, KubeObject, Node, Pod, Service } from '../api/objects.ts';
import { ipInCIDR } from '../net/ip.ts';
import { storeWith, testContext } from './fixtures.ts';
import { runControllers } from './index.ts';
import { labelSelectorMatches } from './label-selector.ts';
import { untoleratedTaint } from './scheduler-filters.ts';

const namespace = fc.constantFrom('default', 'other');
const labels = fc.record(
  { app: fc.constantFrom('a', 'b', 'c'), tier: fc.constantFrom('x', 'y') },
  { requiredKeys: [] },
);
const portName = fc.constantFrom('http', 'metrics', 'dns');
const protocol = fc.constantFrom('TCP', 'UDP');
const containerPorts = fc.array(
  fc.record({ name: portName, containerPort: fc.integer({ min: 1, max: 65535 }), protocol }),
  { maxLength: 3 },
);
const containers = fc.array(
  fc.record({
    name: fc.constantFrom('c1', 'c2'),
    image: fc.constantFrom('nginx', 'redis:7'),
    ports: containerPorts,
  }),
  { minLength: 1, maxLength: 2 },
);
const podSpec = fc.record(
  {
    containers,
    nodeName: fc.constantFrom('myserver01', 'myserver02', 'n1', 'ghost'),
    nodeSelector: fc.constant({ disktype: 'ssd' }),
    hostname: fc.constantFrom('h0', 'h1'),
    subdomain: fc.constantFrom('svc0', 'svc1'),
    tolerations: fc.constant([{ operator: 'Exists' }]),
    readinessGates: fc.constant([{ conditionType: 'example.com/gate' }]),
  },
  { requiredKeys: ['containers'] },
);
const podStatus = fc.record(
  {
    phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
    podIP: fc.constantFrom('10.244.1.7', '10.244.9.9', '192.168.1.1'),
    conditions: fc.constantFrom([{ type: 'Ready', status: 'False' }], [{ type: 'Ready', status: 'True' }]),
  },
  { requiredKeys: [] },
);

const name = fc.constantFrom('svc0', 'svc1', 'web', 'db', 'x');
const pod: fc.Arbitrary<KubeObject> = fc
  .record({
    ns: namespace,
    name: fc
      .string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', 'c', '1', '-') })
      .map((s) => `p${s}`),
    labels,
    spec: podSpec,
    status: fc.option(podStatus, { nil: undefined }),
    terminating: fc.boolean(),
  })
  .map(({ ns, name, labels, spec, status, terminating }) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: ns,
      name,
      labels,
      ...(terminating ? { deletionTimestamp: '2025-12-08T10:00:00Z' } : {}),
    },
    spec,
    ...(status ? { status } : {}),
  }));

const workload: fc.Arbitrary<KubeObject> = fc
  .record({
    kind: fc.constantFrom('Deployment', 'ReplicaSet', 'StatefulSet'),
    ns: namespace,
    name,
    replicas: fc.integer({ min: 0, max: 4 }),
    labels,
    containers,
    policy: fc.constantFrom('OrderedReady', 'Parallel'),
  })
  .map(({ kind, ns, name, replicas, labels, containers, policy }) => ({
    apiVersion: 'apps/v1',
    kind,
    metadata: { namespace: ns, name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers } },
      ...(kind === 'StatefulSet' ? { serviceName: name, podManagementPolicy: policy } : {}),
    },
  }));

const service: fc.Arbitrary<KubeObject> = fc
  .record({
    ns: namespace,
    name,
    type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
    selector: fc.option(labels, { nil: undefined }),
    headless: fc.boolean(),
    publishNotReadyAddresses: fc.boolean(),
    ports: fc.array(
      fc.record({
        port: fc.integer({ min: 1, max: 65535 }),
        protocol,
        targetPort: fc.oneof(fc.integer({ min: 1, max: 65535 }), portName),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ ns, name, type, selector, headless, publishNotReadyAddresses, ports }) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: ns, name },
    spec: {
      type,
      ...(selector ? { selector } : {}),
      clusterIP: headless ? 'None' : '10.96.0.50',
      ipFamilies: ['IPv4'],
      publishNotReadyAddresses,
      ports: ports.map((p, i) => ({ ...p, name: `p${i}` })),
    },
  }));

const userEndpoints: fc.Arbitrary<KubeObject> = fc
  .record({ ns: namespace, name, ip: fc.constantFrom('192.168.0.10', 'bogus', '10.1.1.1') })
  .map(({ ns, name, ip }) => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { namespace: ns, name },
    subsets: [{ addresses: [{ ip }], ports: [{ port: 5432 }] }],
  }));

const userNode: fc.Arbitrary<KubeObject> = fc
  .record({
    name: fc.constantFrom('n1', 'n2', 'myserver02'),
    unschedulable: fc.boolean(),
    tainted: fc.boolean(),
    ready: fc.boolean(),
  })
  .map(({ name, unschedulable, tainted, ready }) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { disktype: 'ssd' } },
    spec: {
      unschedulable,
      ...(tainted ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {}),
    },
    ...(ready ? {} : { status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
  }));

const objects = fc
  .tuple(
    fc.array(pod, { maxLength: 6 }),
    fc.array(workload, { maxLength: 3 }),
    fc.array(service, { maxLength: 3 }),
    fc.array(userEndpoints, { maxLength: 2 }),
    fc.array(userNode, { maxLength: 2 }),
  )
  .map((groups) => groups.flat());

function simulate(objs: KubeObject[], seed: number) {
  const store = storeWith(...structuredClone(objs));
  const report = runControllers(store, testContext(seed));
  return { store, report };
}

describe('controller properties', () => {
  it('runControllers never throws on arbitrary well-typed object sets', () => {
    fc.assert(
      fc.property(objects, fc.integer({ min: 0, max: 1000 }), (objs, seed) => {
        simulate(objs, seed);
      }),
      { numRuns: 150 },
    );
  });

  it('every Endpoints address and EndpointSlice endpoint of a selector Service is a selected pod in its namespace', () => {
    fc.assert(
      fc.property(objects, fc.integer({ min: 0, max: 1000 }), (objs, seed) => {
        const { store } = simulate(objs, seed);
        const pods = store.list<Pod>('Pod');
        for (const svc of store.list<Service>('Service')) {
          const selector = svc.spec?.selector;
          if (!selector || !Object.keys(selector).length) continue;
          const ns = svc.metadata!.namespace;
          const selected = pods.filter(
            (p) => p.metadata!.namespace === ns && labelSelectorMatches(selector, p.metadata!.labels),
          );
          const ips = new Set(
            selected.flatMap((p) => [p.status?.podIP, ...(p.status?.podIPs ?? []).map((x) => x.ip)]),
          );
          const names = new Set(selected.map((p) => p.metadata!.name));
          const ep = store.get<Endpoints>('Endpoints', ns, svc.metadata!.name!);
          if (svc.spec?.type === 'ExternalName') continue;
          for (const s of ep?.subsets ?? []) {
            for (const a of [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]) {
              expect(ips.has(a.ip)).toBe(true);
              expect(names.has(a.targetRef!.name!)).toBe(true);
            }
          }
          const slices = store
            .list<EndpointSlice>('EndpointSlice', ns)
            .filter(
              (s) =>
                s.metadata!.labels?.['kubernetes.io/service-name'] === svc.metadata!.name &&
                s.metadata!.labels?.['endpointslice.kubernetes.io/managed-by'] ===
                  'endpointslice-controller.k8s.io',
            );
          expect(slices.length).toBeGreaterThan(0);
          for (const slice of slices) {
            for (const e of slice.endpoints) {
              for (const ip of e.addresses) expect(ips.has(ip)).toBe(true);
              expect(names.has(e.targetRef!.name!)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('pods the scheduler places tolerate the node taints; allocated pod IPs are unique and in the node podCIDR', () => {
    fc.assert(
      fc.property(
        fc.array(workload, { maxLength: 4 }),
        fc.array(userNode, { maxLength: 2 }),
        fc.integer({ min: 0, max: 1000 }),
        (ws, ns, seed) => {
          const { store } = simulate([...ws, ...ns], seed);
          const nodes = new Map(store.list<Node>('Node').map((n) => [n.metadata!.name!, n]));
          const seen = new Set<string>();
          for (const p of store.list<Pod>('Pod')) {
            const n = p.spec?.nodeName ? nodes.get(p.spec.nodeName) : undefined;
            if (!n) continue;
            expect(untoleratedTaint(p, n)).toBeUndefined();
            const ip = p.status?.podIP;
            if (!ip) continue;
            expect(seen.has(ip)).toBe(false);
            seen.add(ip);
            expect(ipInCIDR(ip, n.spec!.podCIDR!)).toBe(true);
            expect(ip.endsWith('.0') || ip.endsWith('.1')).toBe(false);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is deterministic: the same objects and seed give the same result', () => {
    fc.assert(
      fc.property(objects, fc.integer({ min: 0, max: 1000 }), (objs, seed) => {
        expect(simulate(objs, seed).store.all()).toEqual(simulate(objs, seed).store.all());
      }),
      { numRuns: 50 },
    );
  });
});
