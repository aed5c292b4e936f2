import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints, Node, Pod, Service } from '../api/objects.ts';
import {
  ENDPOINTSLICE_CONTROLLER_NAME,
  endpointSliceLabels,
  getAddressTypesForService,
  getEndpointPorts,
  MANAGED_BY_LABEL,
  podToEndpoint,
  SERVICE_NAME_LABEL,
  syncEndpointSlices,
} from './endpointslice.ts';
import {
  addressToEndpoint,
  MIRRORING_CONTROLLER_NAME,
  syncEndpointSliceMirroring,
} from './endpointslice-mirroring.ts';
import { HEADLESS_SERVICE_LABEL, LAST_CHANGE_TRIGGER_TIME_ANNOTATION } from './endpoints.ts';
import { controllerContext, node, service, storeWith } from './fixtures.ts';
import { mut } from './meta.ts';

/** k8s.io/endpointslice utils_test.go newPod: `pod<n>` on node-1, IP 1.2.3.<4+n>. */
function newPod(n: number, namespace: string, ready: boolean, terminating: boolean): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace,
      name: `pod${n}`,
      labels: { foo: 'bar' },
      ...(terminating ? { deletionTimestamp: '2025-12-08T10:00:00Z' } : {}),
    },
    spec: { containers: [{ name: 'container-1' }], nodeName: 'node-1' },
    status: {
      podIP: `1.2.3.${4 + n}`,
      podIPs: [{ ip: `1.2.3.${4 + n}` }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

/** utils_test.go newServiceAndEndpointMeta */
function newService(name: string, namespace: string): Service {
  return service(namespace, name, {
    ports: [{ targetPort: 80, protocol: 'TCP', name, port: 80 }],
    selector: { foo: 'bar' },
    ipFamilies: ['IPv4'],
  });
}

const node1: Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'node-1',
    labels: {
      'topology.kubernetes.io/zone': 'us-central1-a',
      'topology.kubernetes.io/region': 'us-central1',
    },
  },
};
const ref = (name: string) => ({ kind: 'Pod', namespace: 'test', name });

describe('podToEndpoint (k8s.io/endpointslice utils_test.go TestPodToEndpoint)', () => {
  const svc = newService('foo', 'test');
  const svcPublishNotReady = {
    ...newService('publishnotready', 'test'),
    spec: { ...newService('publishnotready', 'test').spec, publishNotReadyAddresses: true },
  };
  const readyPodHostname = newPod(1, 'test', true, false);
  readyPodHostname.spec = { ...readyPodHostname.spec!, subdomain: 'foo', hostname: 'example-hostname' };
  const multiIPPod = newPod(1, 'test', true, false);
  mut(multiIPPod).status = {
    ...multiIPPod.status,
    podIPs: [{ ip: '1.2.3.4' }, { ip: '1234::5678:0000:0000:9abc:def0' }],
  };

  const cases: [string, Pod, Node | undefined, Service, object][] = [
    [
      'Ready pod',
      newPod(1, 'test', true, false),
      undefined,
      svc,
      { ready: true, serving: true, terminating: false },
    ],
    [
      'Ready pod + publishNotReadyAddresses',
      newPod(1, 'test', true, false),
      undefined,
      svcPublishNotReady,
      { ready: true, serving: true, terminating: false },
    ],
    [
      'Unready pod',
      newPod(1, 'test', false, false),
      undefined,
      svc,
      { ready: false, serving: false, terminating: false },
    ],
    [
      'Unready pod + publishNotReadyAddresses',
      newPod(1, 'test', false, false),
      undefined,
      svcPublishNotReady,
      { ready: true, serving: false, terminating: false },
    ],
    [
      'Ready terminating pod',
      newPod(1, 'test', true, true),
      undefined,
      svc,
      { ready: false, serving: true, terminating: true },
    ],
    [
      'Not ready terminating pod',
      newPod(1, 'test', false, true),
      undefined,
      svc,
      { ready: false, serving: false, terminating: true },
    ],
  ];
  for (const [name, pod, n, s, conditions] of cases) {
    it(name, () => {
      expect(podToEndpoint(pod, n, s, 'IPv4')).toEqual({
        addresses: ['1.2.3.5'],
        conditions,
        nodeName: 'node-1',
        targetRef: ref('pod1'),
      });
    });
  }

  it('Ready pod + node labels', () => {
    expect(podToEndpoint(newPod(1, 'test', true, false), node1, svc, 'IPv4').zone).toBe('us-central1-a');
  });

  it('Multi IP Ready pod + node labels', () => {
    expect(podToEndpoint(multiIPPod, node1, svc, 'IPv4').addresses).toEqual(['1.2.3.4']);
    // reconciler_test.go TestReconcile1Pod "ipv6": the address is re-stringified by ParseIPSloppy.
    expect(podToEndpoint(multiIPPod, node1, svc, 'IPv6').addresses).toEqual(['1234::5678:0:0:9abc:def0']);
  });

  it('Ready pod + hostname', () => {
    expect(podToEndpoint(readyPodHostname, node1, svc, 'IPv4').hostname).toBe('example-hostname');
    const noSubdomain = newPod(1, 'test', true, false);
    noSubdomain.spec = { ...noSubdomain.spec!, hostname: 'example-hostname' };
    expect(podToEndpoint(noSubdomain, node1, svc, 'IPv4').hostname).toBeUndefined();
  });
});

describe('getEndpointPorts (utils_test.go TestGetEndpointPorts)', () => {
  it('service with AppProtocol on one port', () => {
    const svc = service('ns', 's', {
      ports: [
        {
          name: 'http',
          port: 80,
          targetPort: 80,
          protocol: 'TCP',
          appProtocol: 'example.com/custom-protocol',
        },
      ],
    });
    expect(getEndpointPorts(svc, { spec: { containers: [{ name: 'c', ports: [] }] } })).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', appProtocol: 'example.com/custom-protocol' },
    ]);
  });
  it('service with named port and AppProtocol on one port', () => {
    const svc = service('ns', 's', {
      ports: [
        { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' },
      ],
    });
    const pod = {
      spec: { containers: [{ name: 'c', ports: [{ name: 'https', containerPort: 443, protocol: 'TCP' }] }] },
    };
    expect(getEndpointPorts(svc, pod)).toEqual([
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'https', port: 443, protocol: 'TCP', appProtocol: 'https' },
    ]);
  });
});

describe('endpointSliceLabels (utils_test.go TestNewEndpointSlice / TestSetEndpointSliceLabels)', () => {
  const base = service('test', 'foo', {
    clusterIP: '1.1.1.1',
    ports: [{ port: 80 }],
    selector: { foo: 'bar' },
  });
  const reserved = { [SERVICE_NAME_LABEL]: 'foo', [MANAGED_BY_LABEL]: ENDPOINTSLICE_CONTROLLER_NAME };
  it('Service without labels', () =>
    expect(endpointSliceLabels(base, ENDPOINTSLICE_CONTROLLER_NAME)).toEqual(reserved));
  it('Service with labels', () =>
    expect(
      endpointSliceLabels(
        { ...base, metadata: { ...base.metadata, labels: { foo: 'bar' } } },
        ENDPOINTSLICE_CONTROLLER_NAME,
      ),
    ).toEqual({ ...reserved, foo: 'bar' }));
  it('Headless Service with labels', () => {
    const svc = {
      ...base,
      metadata: { ...base.metadata, labels: { foo: 'bar' } },
      spec: { ...base.spec, clusterIP: 'None' },
    };
    expect(endpointSliceLabels(svc, ENDPOINTSLICE_CONTROLLER_NAME)).toEqual({
      ...reserved,
      foo: 'bar',
      [HEADLESS_SERVICE_LABEL]: '',
    });
  });
  it('Evil service hijacking endpoint slices labels', () => {
    const svc = {
      ...base,
      metadata: {
        ...base.metadata,
        labels: {
          [SERVICE_NAME_LABEL]: 'bad',
          [MANAGED_BY_LABEL]: 'actor',
          [HEADLESS_SERVICE_LABEL]: 'invalid',
          foo: 'bar',
        },
      },
    };
    expect(endpointSliceLabels(svc, ENDPOINTSLICE_CONTROLLER_NAME)).toEqual({ ...reserved, foo: 'bar' });
  });
});

describe('getAddressTypesForService (utils_test.go TestSupportedServiceAddressType)', () => {
  const cases: [string, Service['spec'], string[]][] = [
    ['v4 service with no ip families (cluster upgrade)', { clusterIP: '10.0.0.10' }, ['IPv4']],
    ['v6 service with no ip families (cluster upgrade)', { clusterIP: '2000::1' }, ['IPv6']],
    ['v4 service', { ipFamilies: ['IPv4'] }, ['IPv4']],
    ['v4,v6 service', { ipFamilies: ['IPv4', 'IPv6'] }, ['IPv4', 'IPv6']],
    [
      'headless with selector and no families (old api-server)',
      { clusterIP: 'None', selector: { foo: 'bar' } },
      ['IPv4', 'IPv6'],
    ],
  ];
  for (const [name, spec, want] of cases)
    it(name, () => expect(getAddressTypesForService(service('ns', 's', spec))).toEqual(want));
});

function reconcile(svc: Service, pods: Pod[], nodes: Node[] = [node('node-1', '10.0.0.1')]): EndpointSlice[] {
  const store = storeWith(svc, ...pods, ...nodes);
  syncEndpointSlices(controllerContext(store));
  return store.list<EndpointSlice>('EndpointSlice');
}

describe('syncEndpointSlices (k8s.io/endpointslice reconciler_test.go)', () => {
  it('TestReconcileEmpty: a placeholder slice when no pod is selected', () => {
    const svc = newService('foo', 'test');
    const slices = reconcile(svc, []);
    expect(slices).toHaveLength(1);
    expect(slices[0]!.metadata!.name).toMatch(/^foo-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slices[0]!.metadata!.generateName).toBe('foo-');
    expect(slices[0]!.metadata!.labels![SERVICE_NAME_LABEL]).toBe('foo');
    expect(slices[0]!.ports).toEqual([]);
    expect(slices[0]!.endpoints).toEqual([]);
  });

  it('TestReconcile1Pod "ipv4-clusterip": one slice, labels, ownerReference, trigger time', () => {
    const svc = newService('foo', 'test');
    svc.spec!.clusterIP = '1.1.1.1';
    (svc.metadata as { creationTimestamp?: string }).creationTimestamp = '2025-12-08T10:00:00Z';
    mut(svc.metadata!).uid = 'test-foo';
    const pod = newPod(1, 'test', true, false);
    pod.status!.podIPs = [{ ip: '1.2.3.4' }, { ip: '1234::5678:0000:0000:9abc:def0' }];
    pod.spec!.hostname = 'example-hostname';
    const [slice, ...rest] = reconcile(svc, [pod], [node1]);
    expect(rest).toHaveLength(0);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.metadata!.labels).toEqual({
      [MANAGED_BY_LABEL]: ENDPOINTSLICE_CONTROLLER_NAME,
      [SERVICE_NAME_LABEL]: 'foo',
    });
    expect(slice!.metadata!.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'foo',
        uid: 'test-foo',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice!.metadata!.annotations).toEqual({
      [LAST_CHANGE_TRIGGER_TIME_ANNOTATION]: '2025-12-08T10:00:00Z',
    });
    expect(slice!.endpoints).toEqual([
      {
        addresses: ['1.2.3.4'],
        conditions: { ready: true, serving: true, terminating: false },
        zone: 'us-central1-a',
        nodeName: 'node-1',
        targetRef: ref('pod1'),
      },
    ]);
    expect(slice!.ports).toEqual([{ name: 'foo', port: 80, protocol: 'TCP' }]);
  });

  it('TestReconcile1Pod "dualstack-service": one slice per address type', () => {
    const svc = newService('foo', 'test');
    svc.spec!.ipFamilies = ['IPv4', 'IPv6'];
    const pod = newPod(1, 'test', true, false);
    pod.status!.podIPs = [{ ip: '1.2.3.4' }, { ip: '1234::5678:0000:0000:9abc:def0' }];
    const slices = reconcile(svc, [pod], [node1]);
    expect(slices.map((s) => [s.addressType, s.endpoints[0]!.addresses[0]]).sort()).toEqual([
      ['IPv4', '1.2.3.4'],
      ['IPv6', '1234::5678:0:0:9abc:def0'],
    ]);
  });

  it('TestReconcileManyPods: 250 pods give slices of 100, 100 and 50', () => {
    const pods = Array.from({ length: 250 }, (_, i) => {
      const p = newPod(i, 'test', true, false);
      p.status!.podIP = `10.0.${i >> 8}.${i & 255}`;
      p.status!.podIPs = [{ ip: p.status!.podIP }];
      return p;
    });
    const slices = reconcile(newService('foo', 'test'), pods);
    expect(slices.map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([100, 100, 50]);
  });

  it('includes terminating pods (ready=false, serving=<ready>, terminating=true) and skips terminal ones', () => {
    const failed = newPod(3, 'test', false, false);
    (failed.status as { phase?: string }).phase = 'Failed';
    const [slice] = reconcile(newService('foo', 'test'), [
      newPod(1, 'test', true, true),
      newPod(2, 'test', true, false),
      failed,
    ]);
    expect(slice!.endpoints.map((e) => [e.targetRef?.name, e.conditions])).toEqual([
      ['pod1', { ready: false, serving: true, terminating: true }],
      ['pod2', { ready: true, serving: true, terminating: false }],
    ]);
  });

  it('one slice per unique port mapping (pods resolving a named port differently)', () => {
    const svc = service('test', 'foo', {
      ipFamilies: ['IPv4'],
      selector: { foo: 'bar' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    const a = newPod(1, 'test', true, false);
    a.spec!.containers[0]!.ports = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];
    const b = newPod(2, 'test', true, false);
    b.spec!.containers[0]!.ports = [{ name: 'http', containerPort: 9090, protocol: 'TCP' }];
    const slices = reconcile(svc, [a, b]);
    expect(slices.map((s) => [s.ports![0]!.port, s.endpoints.map((e) => e.targetRef?.name)]).sort()).toEqual([
      [8080, ['pod1']],
      [9090, ['pod2']],
    ]);
  });

  it('leaves out pods on a Node that does not exist unless publishNotReadyAddresses', () => {
    expect(reconcile(newService('foo', 'test'), [newPod(1, 'test', true, false)], [])[0]!.endpoints).toEqual(
      [],
    );
    const pub = newService('foo', 'test');
    pub.spec!.publishNotReadyAddresses = true;
    expect(reconcile(pub, [newPod(1, 'test', true, false)], [])[0]!.endpoints).toHaveLength(1);
  });

  it('trafficDistribution PreferClose hints each endpoint its zone', () => {
    const svc = newService('foo', 'test');
    (svc.spec as { trafficDistribution?: string }).trafficDistribution = 'PreferClose';
    expect(reconcile(svc, [newPod(1, 'test', true, false)], [node1])[0]!.endpoints[0]!.hints).toEqual({
      forZones: [{ name: 'us-central1-a' }],
    });
  });
});

describe('EndpointSlice mirroring (pkg/controller/endpointslicemirroring)', () => {
  it('utils_test.go TestAddressToEndpoint: IP re-stringified, ready copied, hostname/nodeName/targetRef kept', () => {
    expect(
      addressToEndpoint(
        {
          ip: '10.1.2.3',
          hostname: 'foo',
          nodeName: 'node-abc',
          targetRef: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'foo' },
        },
        true,
      ),
    ).toEqual({
      addressType: 'IPv4',
      endpoint: {
        addresses: ['10.1.2.3'],
        conditions: { ready: true },
        hostname: 'foo',
        nodeName: 'node-abc',
        targetRef: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'foo' },
      },
    });
    expect(addressToEndpoint({ ip: 'not-an-ip' }, true)).toBeUndefined();
  });

  const endpoints = (labels?: Record<string, string>): Endpoints => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'db',
      namespace: 'default',
      ...(labels ? { labels } : {}),
      annotations: { foo: 'bar', [LAST_CHANGE_TRIGGER_TIME_ANNOTATION]: 'x' },
    },
    subsets: [
      {
        addresses: [{ ip: '192.168.1.10' }],
        notReadyAddresses: [{ ip: '192.168.1.11' }],
        ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      },
      { addresses: [{ ip: '192.168.1.12' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] },
    ],
  });

  function mirror(ep: Endpoints, svc: Service | undefined): EndpointSlice[] {
    const store = storeWith(ep, ...(svc ? [svc] : []));
    syncEndpointSliceMirroring(controllerContext(store));
    return store.list<EndpointSlice>('EndpointSlice');
  }

  it('reconciler_test.go TestReconcile "Endpoints with 2 subsets, same ports": one slice, not-ready addresses ready=false', () => {
    const [slice, ...rest] = mirror(
      endpoints({ app: 'db' }),
      service('default', 'db', { ports: [{ port: 5432 }] }),
    );
    expect(rest).toHaveLength(0);
    expect(slice!.metadata!.name).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.metadata!.labels).toEqual({
      app: 'db',
      [SERVICE_NAME_LABEL]: 'db',
      [MANAGED_BY_LABEL]: MIRRORING_CONTROLLER_NAME,
    });
    expect(slice!.metadata!.annotations).toEqual({ foo: 'bar' });
    expect(slice!.metadata!.ownerReferences![0]).toMatchObject({
      kind: 'Endpoints',
      name: 'db',
      controller: true,
    });
    expect(slice!.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
    expect(slice!.endpoints.map((e) => [e.addresses[0], e.conditions?.ready])).toEqual([
      ['192.168.1.10', true],
      ['192.168.1.11', false],
      ['192.168.1.12', true],
    ]);
  });

  it('does not mirror for Services with a selector, without a Service, or with skip-mirror', () => {
    expect(
      mirror(endpoints(), service('default', 'db', { selector: { app: 'db' }, ports: [{ port: 5432 }] })),
    ).toEqual([]);
    expect(mirror(endpoints(), undefined)).toEqual([]);
    expect(
      mirror(
        endpoints({ 'endpointslice.kubernetes.io/skip-mirror': 'true' }),
        service('default', 'db', { ports: [{ port: 5432 }] }),
      ),
    ).toEqual([]);
  });
});
