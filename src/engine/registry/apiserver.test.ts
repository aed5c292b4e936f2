import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../api/field-error.ts';
import type { KubeObject } from '../api/objects.ts';
import { createClock } from '../sim/clock.ts';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from '../sim/config.ts';
import { ObjectStore } from '../sim/object-store.ts';
import { createRng } from '../sim/rng.ts';
import { ApiServer, type ApplyResult } from './apiserver.ts';

function setup(seed = 1, config: ClusterConfig = DEFAULT_CLUSTER_CONFIG) {
  const store = new ObjectStore();
  const api = new ApiServer(store, { rng: createRng(seed), clock: createClock(), config });
  return { store, api };
}

const svc = (name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name, ...extra }, spec }) as unknown as KubeObject;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function ok(r: ApplyResult): any {
  if (!r.ok) throw new Error(r.message);
  return r.stored;
}

function failure(r: ApplyResult) {
  if (r.ok) throw new Error('expected a rejection');
  return r;
}

const web = (spec: Record<string, unknown> = {}) =>
  svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], ...spec });

describe('bootstrapServices (kubeadm)', () => {
  it('creates default/kubernetes on the first IP and kube-system/kube-dns on the tenth', () => {
    const { api, store } = setup();
    const [kubernetes, dns] = api.bootstrapServices().map(ok);
    expect(kubernetes.spec).toEqual({
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    expect(kubernetes.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    expect(dns.metadata).toMatchObject({
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    });
    expect(dns.spec.clusterIP).toBe('10.96.0.10');
    expect(dns.spec.ports.map((p: { name: string }) => p.name)).toEqual(['dns', 'dns-tcp', 'metrics']);
    expect(dns.status).toEqual({ loadBalancer: {} });
    expect(store.list('Service').map((s) => s.metadata.name)).toEqual(['kubernetes', 'kube-dns']);
    expect(api.allocators.ips.has('10.96.0.1') && api.allocators.ips.has('10.96.0.10')).toBe(true);
  });

  it('follows the configured service subnet', () => {
    const { api } = setup(1, { ...DEFAULT_CLUSTER_CONFIG, serviceSubnet: '10.100.0.0/16' });
    expect(api.bootstrapServices().map((r) => ok(r).spec.clusterIP)).toEqual(['10.100.0.1', '10.100.0.10']);
  });

  it('namespaces and the kubernetes endpoints', () => {
    const { api } = setup();
    expect(api.bootstrapNamespaces().map((r) => ok(r).metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    const [ep, eps] = api.bootstrapKubernetesEndpoints('192.168.56.10').map(ok);
    expect(ep.subsets).toEqual([
      { addresses: [{ ip: '192.168.56.10' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
    ]);
    expect(eps.endpoints).toEqual([{ addresses: ['192.168.56.10'], conditions: { ready: true } }]);
    expect(eps.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
  });
});

describe('apply: create', () => {
  it('defaults, allocates a clusterIP above the static band and stores', () => {
    const { api, store } = setup();
    const r = api.apply(web());
    expect(r.ok && r.created).toBe(true);
    const s = ok(r);
    expect(s.metadata).toMatchObject({
      namespace: 'default',
      resourceVersion: '1001',
      creationTimestamp: '2025-12-08T10:00:00Z',
    });
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
    const [a, b, c, d] = s.spec.clusterIP.split('.').map(Number);
    expect(a).toBe(10);
    expect((b - 96) * 65536 + c * 256 + d).toBeGreaterThan(256);
    expect(store.get('Service', 'default', 'web')).toEqual(s);
  });

  it('is deterministic: the same seed gives the same clusterIPs and nodePorts', () => {
    const run = (seed: number) => {
      const { api } = setup(seed);
      api.bootstrapServices();
      return [api.apply(web({ type: 'NodePort' })), api.apply(svc('b', { ports: [{ port: 1 }] }))].map(
        (r) => {
          const s = ok(r);
          return [s.spec.clusterIP, s.spec.ports[0].nodePort];
        },
      );
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('honours a requested clusterIP and nodePort', () => {
    const { api } = setup();
    const s = ok(
      api.apply(
        web({ type: 'NodePort', clusterIP: '10.96.100.100', ports: [{ port: 80, nodePort: 30080 }] }),
      ),
    );
    expect(s.spec.clusterIP).toBe('10.96.100.100');
    expect(s.spec.ports[0]).toEqual({ port: 80, nodePort: 30080, protocol: 'TCP', targetPort: 80 });
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
  });

  it('nodePort collisions and range errors come from the allocator', () => {
    const { api, store } = setup();
    ok(api.apply(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 31001 }] })));
    const r = failure(api.apply(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 31001 }] })));
    expect(r.reason).toBe('Invalid');
    expect(r.message).toBe(
      'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 31001: provided port is already allocated',
    );
    expect(store.get('Service', 'default', 'b')).toBeUndefined();
    const out = failure(api.apply(svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })));
    expect(out.errors.map(formatFieldError)).toEqual([
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });

  it("clusterIP errors: out of range, already allocated (kube-dns's 10.96.0.10)", () => {
    const { api } = setup();
    api.bootstrapServices();
    expect(failure(api.apply(web({ clusterIP: '10.112.0.1' }))).errors.map(formatFieldError)).toEqual([
      'spec.clusterIPs: Invalid value: []string{"10.112.0.1"}: failed to allocate IP 10.112.0.1: the provided IP (10.112.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ]);
    expect(failure(api.apply(web({ clusterIP: '10.96.0.10' }))).message).toBe(
      'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
  });

  it('a rejected Service gives back what was allocated for it', () => {
    const { api } = setup();
    const used = api.allocators.ips.used();
    const r = failure(
      api.apply(
        web({
          type: 'NodePort',
          clusterIP: '10.96.5.5',
          ports: [{ name: 'HTTP', port: 80, nodePort: 30500 }],
        }),
      ),
    );
    expect(r.errors.map((e) => e.field)).toEqual(['spec.ports[0].name']);
    expect(api.allocators.ips.used()).toBe(used);
    expect(api.allocators.nodePorts.has(30500)).toBe(false);
    expect(api.allocators.ips.has('10.96.5.5')).toBe(false);
  });

  it('allocation runs before validation: an allocation error hides validation errors', () => {
    const { api } = setup();
    const r = failure(api.apply(svc('Web', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })));
    expect(r.errors.map((e) => e.field)).toEqual(['spec.ports[0].nodePort']);
  });

  it('validation errors use the apiserver wording and list several as bullets', () => {
    const { api } = setup();
    const r = failure(api.apply(svc('Web', { ports: [{ port: 80 }, { port: 80 }] })));
    expect(r.message).toBe(
      [
        'The Service "Web" is invalid: ',
        `* metadata.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
        '* spec.ports[0].name: Required value',
        '* spec.ports[1].name: Required value',
        '* spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ].join('\n'),
    );
  });

  it('wrongly typed fields are a decode error', () => {
    const { api } = setup();
    const r = failure(api.apply(svc('web', { ports: [{ port: 'eighty' }] })));
    expect(r.message).toBe(
      'Service in version "v1" cannot be handled as a Service: spec.ports[0].port: Invalid value: "eighty": must be an integer',
    );
  });

  it('ports sharing a port number share the nodePort (initNodePorts)', () => {
    const { api } = setup();
    const s = ok(
      api.apply(
        svc('dns', {
          type: 'NodePort',
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          ],
        }),
      ),
    );
    expect(s.spec.ports[0].nodePort).toBe(s.spec.ports[1].nodePort);
  });

  it('LoadBalancer: nodePorts unless allocateLoadBalancerNodePorts=false; healthCheckNodePort for Local', () => {
    const { api } = setup();
    const lb = ok(
      api.apply(svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] })),
    );
    expect(lb.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(lb.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30086);
    expect(lb.spec.allocateLoadBalancerNodePorts).toBe(true);
    const noNp = ok(
      api.apply(
        svc('lb2', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] }),
      ),
    );
    expect(noNp.spec.ports[0].nodePort).toBeUndefined();
    expect(noNp.spec.healthCheckNodePort).toBeUndefined();
  });

  it('headless and ExternalName Services get no clusterIP', () => {
    const { api } = setup();
    const used = api.allocators.ips.used();
    expect(ok(api.apply(web({ clusterIP: 'None' }))).spec.clusterIPs).toEqual(['None']);
    const ext = ok(api.apply(svc('db', { type: 'ExternalName', externalName: 'db.example.com' })));
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(api.allocators.ips.used()).toBe(used);
  });

  it('generateName picks a random, deterministic suffix', () => {
    const { api } = setup();
    const p = ok(
      api.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { generateName: 'web-' },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      } as unknown as KubeObject),
    );
    expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });
});

describe('apply: update (kubectl apply on a live object)', () => {
  it('re-applying the same manifest changes nothing and keeps the allocated values', () => {
    const { api } = setup();
    const first = ok(api.apply(web({ type: 'NodePort' })));
    const again = api.apply(web({ type: 'NodePort' }));
    expect(again.ok && !again.created).toBe(true);
    expect(ok(again)).toEqual(first);
  });

  it('NodePort -> ClusterIP releases the nodePorts; ClusterIP -> NodePort allocates new ones', () => {
    const { api } = setup();
    const np = ok(api.apply(web({ type: 'NodePort' })));
    const port = np.spec.ports[0].nodePort;
    expect(api.allocators.nodePorts.has(port)).toBe(true);
    const cip = ok(api.apply(web({ type: 'ClusterIP' })));
    expect(cip.spec.ports[0].nodePort).toBeUndefined();
    expect(cip.spec.externalTrafficPolicy).toBeUndefined();
    expect(cip.spec.clusterIP).toBe(np.spec.clusterIP);
    expect(cip.metadata.resourceVersion).not.toBe(np.metadata.resourceVersion);
    expect(api.allocators.nodePorts.has(port)).toBe(false);
    const back = ok(api.apply(web({ type: 'NodePort' })));
    expect(api.allocators.nodePorts.has(back.spec.ports[0].nodePort)).toBe(true);
  });

  it('a clusterIP may not change once set', () => {
    const { api } = setup();
    ok(api.apply(web({ clusterIP: '10.96.0.20' })));
    const r = failure(api.apply(web({ clusterIP: '10.96.0.21' })));
    expect(r.errors.map(formatFieldError)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.21"}: may not change once set',
    ]);
    expect(api.allocators.ips.has('10.96.0.21')).toBe(false);
  });

  it('ClusterIP -> ExternalName releases the clusterIP', () => {
    const { api } = setup();
    const s = ok(api.apply(web()));
    const ext = ok(api.apply(svc('web', { type: 'ExternalName', externalName: 'web.example.com' })));
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(ext.spec.ports).toBeUndefined();
    expect(api.allocators.ips.has(s.spec.clusterIP)).toBe(false);
  });

  it('a field removed from the manifest since the last apply is removed; server-set ones stay', () => {
    const { api } = setup();
    ok(api.apply(web({ sessionAffinity: 'ClientIP' })));
    const s = ok(api.apply(web()));
    expect(s.spec.sessionAffinity).toBe('None');
    expect(s.spec.sessionAffinityConfig).toBeUndefined();
  });

  it('a stale resourceVersion is a Conflict; create() on an existing object is AlreadyExists', () => {
    const { api } = setup();
    ok(api.apply(web()));
    const c = failure(api.apply({ ...web(), metadata: { name: 'web', resourceVersion: '1' } } as KubeObject));
    expect(c.reason).toBe('Conflict');
    expect(c.message).toBe(
      'Operation cannot be fulfilled on services "web": the object has been modified; please apply your changes to the latest version and try again',
    );
    const e = failure(api.create(web()));
    expect(e).toMatchObject({ reason: 'AlreadyExists', message: 'services "web" already exists' });
  });

  it('Deployment: generation follows spec changes, the selector is immutable', () => {
    const { api } = setup();
    const dep = (labels: Record<string, string>, replicas = 1) =>
      ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { team: 'a' } },
        spec: {
          replicas,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
        },
      }) as unknown as KubeObject;
    expect(ok(api.apply(dep({ app: 'web' }))).metadata.generation).toBe(1);
    expect(ok(api.apply(dep({ app: 'web' }, 3))).metadata.generation).toBe(2);
    const r = failure(api.apply(dep({ app: 'web2' }, 3)));
    expect(r.message).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('Pod: values a controller set (nodeName, status) survive a re-apply', () => {
    const { api, store } = setup();
    const manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    } as unknown as KubeObject;
    const created = ok(api.apply(manifest));
    store.put({
      ...created,
      spec: { ...created.spec, nodeName: 'node-1' },
      status: { phase: 'Running', podIP: '10.244.1.5' },
    });
    const again = ok(api.apply(manifest));
    expect(again.spec.nodeName).toBe('node-1');
    expect(again.status.podIP).toBe('10.244.1.5');
    const changed = failure(
      api.apply({
        ...manifest,
        spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
      } as KubeObject),
    );
    expect(changed.errors[0]?.detail).toMatch(/^pod updates may not change fields other than/);
  });
});

describe('delete, release and reserve', () => {
  it('delete releases the clusterIP and nodePorts', () => {
    const { api, store } = setup();
    const s = ok(api.apply(web({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' })));
    expect(api.delete('Service', 'default', 'web')).toBeDefined();
    expect(store.get('Service', 'default', 'web')).toBeUndefined();
    expect(api.allocators.ips.has(s.spec.clusterIP)).toBe(false);
    expect(api.allocators.nodePorts.has(s.spec.ports[0].nodePort)).toBe(false);
    expect(api.allocators.nodePorts.has(s.spec.healthCheckNodePort)).toBe(false);
  });

  it('reserve marks the values of an object stored another way, and reports collisions', () => {
    const { api } = setup();
    const pre = svc('pre', {
      type: 'NodePort',
      clusterIP: '10.96.0.50',
      clusterIPs: ['10.96.0.50'],
      ports: [{ port: 80, nodePort: 30050 }],
    });
    expect(api.reserve(pre)).toEqual([]);
    expect(api.allocators.ips.has('10.96.0.50') && api.allocators.nodePorts.has(30050)).toBe(true);
    expect(api.reserve(pre).map(formatFieldError)).toEqual([
      'spec.clusterIPs: Invalid value: []string{"10.96.0.50"}: failed to allocate IP 10.96.0.50: provided IP is already allocated',
      'spec.ports[0].nodePort: Invalid value: 30050: provided port is already allocated',
    ]);
  });
});

describe('properties', () => {
  it('apply never throws, and a rejected object is never stored', () => {
    const kinds = [
      'Service',
      'Pod',
      'Deployment',
      'Endpoints',
      'EndpointSlice',
      'Node',
      'Namespace',
      'StatefulSet',
    ];
    const arb = fc.record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'discovery.k8s.io/v1'),
      kind: fc.constantFrom(...kinds),
      metadata: fc.oneof(
        fc.anything(),
        fc.record(
          { name: fc.constantFrom('a', 'b', 'Bad'), labels: fc.anything() },
          { requiredKeys: ['name'] },
        ),
      ),
      spec: fc.oneof(
        fc.anything(),
        fc.record(
          {
            type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'X'),
            ports: fc.array(
              fc.record(
                {
                  port: fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.anything()),
                  nodePort: fc.integer({ min: 29990, max: 30100 }),
                },
                { requiredKeys: [] },
              ),
            ),
            clusterIP: fc.constantFrom('10.96.0.1', 'None', '10.97.0.3', 'x', ''),
          },
          { requiredKeys: [] },
        ),
      ),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 6 }), (objs) => {
        const { api, store } = setup();
        for (const o of objs) {
          const r = api.apply(o as unknown as KubeObject);
          if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
        }
        for (const s of store.list('Service')) {
          const spec = (s as { spec?: { clusterIP?: string } }).spec;
          if (spec?.clusterIP && spec.clusterIP !== 'None')
            expect(api.allocators.ips.has(spec.clusterIP)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
