import { describe, expect, it } from 'vitest';
import type { EndpointSubset, Endpoints, Pod, Service } from '../api/objects.ts';
import {
  endpointSubsetsForService,
  HEADLESS_SERVICE_LABEL,
  LAST_CHANGE_TRIGGER_TIME_ANNOTATION,
  OVER_CAPACITY_ANNOTATION,
  podToEndpointAddressForService,
  syncEndpoints,
  truncateEndpoints,
} from './endpoints.ts';
import { addPods, controllerContext, service, storeWith, testPod } from './fixtures.ts';

const addr = (ip: string, name: string, ns: string) => ({
  ip,
  nodeName: '',
  targetRef: { kind: 'Pod', name, namespace: ns },
});

/** syncService for one Service over the given pods (and pre-existing Endpoints); returns the stored Endpoints. */
function sync(svc: Service, pods: Pod[], existing?: Endpoints): Endpoints | undefined {
  const store = storeWith(svc, ...pods, ...(existing ? [existing] : []));
  syncEndpoints(controllerContext(store));
  return store.get<Endpoints>('Endpoints', svc.metadata!.namespace, svc.metadata!.name!);
}

const preexisting = (ns: string, protocol?: string): Endpoints => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'foo', namespace: ns },
  subsets: [
    {
      addresses: [{ ip: '6.7.8.9', nodeName: '' }],
      ports: [{ port: 1000, ...(protocol ? { protocol } : {}) }],
    },
  ],
});

describe('syncEndpoints (pkg/controller/endpoint/endpoints_controller_test.go)', () => {
  it('TestSyncEndpointsItemsPreserveNoSelector: selector-less Services keep the user Endpoints', () => {
    const ep = preexisting('default');
    const got = sync(service('default', 'foo', { ports: [{ port: 80 }] }), [], ep);
    expect(got?.subsets).toEqual([{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000 }] }]);
    expect(got?.metadata?.annotations).toBeUndefined();
  });

  it('TestSyncEndpointsNewNoSubsets: a selector matching nothing gives an Endpoints without subsets', () => {
    const got = sync(service('default', 'foo', { selector: { foo: 'bar' }, ports: [{ port: 80 }] }), []);
    expect(got).toBeDefined();
    expect(got!.subsets).toBeUndefined();
    expect(got!.metadata!.labels).toEqual({ [HEADLESS_SERVICE_LABEL]: '' });
  });

  for (const protocol of ['TCP', 'UDP', 'SCTP']) {
    it(`TestSyncEndpointsProtocol${protocol}: the Endpoints are rewritten with the pod and the port's protocol`, () => {
      const svc = service('other', 'foo', {
        selector: { foo: 'bar' },
        ports: [{ port: 80, targetPort: 8080, protocol }],
      });
      const got = sync(svc, addPods('other', 1, 1, 0), preexisting('other', protocol));
      expect(got!.subsets).toEqual([
        { addresses: [addr('1.2.3.4', 'pod0', 'other')], ports: [{ port: 8080, protocol }] },
      ]);
      expect(got!.metadata!.labels).toEqual({ [HEADLESS_SERVICE_LABEL]: '' });
    });
  }

  // The Go tests use `Selector: map[string]string{}` straight in the informer; an apiserver stores an empty
  // selector as none, so we select the test pods by their foo=bar label instead.
  it('TestSyncEndpointsItemsEmptySelectorSelectsAllNotReady: not-ready pods go to notReadyAddresses', () => {
    const svc = service('other', 'foo', {
      selector: { foo: 'bar' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
    });
    expect(endpointSubsetsForService(svc, addPods('other', 0, 1, 1))).toEqual([
      { notReadyAddresses: [addr('1.2.3.4', 'pod0', 'other')], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  it('TestSyncEndpointsItemsEmptySelectorSelectsAllMixed', () => {
    const svc = service('other', 'foo', {
      selector: { foo: 'bar' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
    });
    expect(endpointSubsetsForService(svc, addPods('other', 1, 1, 1))).toEqual([
      {
        addresses: [addr('1.2.3.4', 'pod0', 'other')],
        notReadyAddresses: [addr('1.2.3.5', 'pod1', 'other')],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('TestSyncEndpointsItems: pods of other namespaces are not found; two ports in one subset', () => {
    const svc = service('other', 'foo', {
      selector: { foo: 'bar' },
      ports: [
        { name: 'port0', port: 80, protocol: 'TCP', targetPort: 8080 },
        { name: 'port1', port: 88, protocol: 'TCP', targetPort: 8088 },
      ],
    });
    const got = sync(svc, [...addPods('other', 3, 2, 0), ...addPods('blah', 5, 2, 0)]);
    expect(got!.subsets).toEqual([
      {
        addresses: [
          addr('1.2.3.4', 'pod0', 'other'),
          addr('1.2.3.5', 'pod1', 'other'),
          addr('1.2.3.6', 'pod2', 'other'),
        ],
        ports: [
          { name: 'port0', port: 8080, protocol: 'TCP' },
          { name: 'port1', port: 8088, protocol: 'TCP' },
        ],
      },
    ]);
  });

  it('TestSyncEndpointsItemsWithLabels / PreexistingLabelsChange: labels are the Service labels', () => {
    const svc = service(
      'bar',
      'foo',
      { selector: { foo: 'bar' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] },
      { baz: 'blah' },
    );
    const old = preexisting('bar');
    old.metadata!.labels = { foo: 'bar' };
    const got = sync(svc, addPods('bar', 1, 1, 0), old);
    expect(got!.metadata!.labels).toEqual({ baz: 'blah', [HEADLESS_SERVICE_LABEL]: '' });
  });

  it('the headless label is only on Endpoints of Services without a ClusterIP', () => {
    const svc = service(
      'default',
      'foo',
      { clusterIP: '10.96.0.10', selector: { foo: 'bar' }, ports: [{ port: 80 }] },
      { a: 'b' },
    );
    expect(sync(svc, [])!.metadata!.labels).toEqual({ a: 'b' });
  });

  it('TestSyncEndpointsHeadlessService: a port-less headless Service still lists its pods', () => {
    const svc = service(
      'headless',
      'foo',
      { selector: { foo: 'bar' }, clusterIP: 'None', ports: [] },
      { a: 'b' },
    );
    const got = sync(svc, addPods('headless', 1, 1, 0), preexisting('headless', 'TCP'));
    expect(got!.subsets).toEqual([{ addresses: [addr('1.2.3.4', 'pod0', 'headless')] }]);
    expect(got!.metadata!.labels).toEqual({ a: 'b', [HEADLESS_SERVICE_LABEL]: '' });
  });

  it('TestSyncEndpointsHeadlessWithoutPort', () => {
    const svc = service('default', 'foo', { selector: { foo: 'bar' }, clusterIP: 'None' });
    expect(endpointSubsetsForService(svc, addPods('default', 1, 1, 0))).toEqual([
      { addresses: [addr('1.2.3.4', 'pod0', 'default')] },
    ]);
  });

  for (const phase of ['Failed', 'Succeeded']) {
    it(`TestSyncEndpointsItemsExcludeNotReadyPodsWithRestartPolicyNeverAndPhase${phase}`, () => {
      const pod = testPod('other', 0, 1, false);
      pod.spec!.restartPolicy = 'Never';
      (pod.status as { phase?: string }).phase = phase;
      const svc = service('other', 'foo', {
        selector: { foo: 'bar' },
        ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
      });
      expect(sync(svc, [pod])!.subsets).toBeUndefined();
    });
  }

  it('TestSyncServiceExternalNameType: ExternalName Services receive no Endpoints', () => {
    for (const spec of [
      { selector: { foo: 'bar' }, ports: [{ port: 80 }], type: 'ExternalName' },
      { ports: [{ port: 80 }], type: 'ExternalName' },
      { selector: { foo: 'bar' }, type: 'ExternalName' },
      { type: 'ExternalName' },
    ]) {
      expect(sync(service('default', 'testing-1', spec), addPods('default', 1, 1, 0))).toBeUndefined();
    }
  });

  it('TestLastTriggerChangeTimeAnnotation: the Service creationTimestamp when no pod has a later change', () => {
    const svc = service('other', 'foo', {
      selector: { foo: 'bar' },
      ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
    (svc.metadata as { creationTimestamp?: string }).creationTimestamp = '2018-01-01T00:00:00Z';
    const old = preexisting('other', 'TCP');
    old.metadata!.annotations = { [LAST_CHANGE_TRIGGER_TIME_ANNOTATION]: '2017-12-31T23:00:00Z' };
    const got = sync(svc, addPods('other', 1, 1, 0), old);
    expect(got!.metadata!.annotations![LAST_CHANGE_TRIGGER_TIME_ANNOTATION]).toBe('2018-01-01T00:00:00Z');
  });

  it('the trigger time is the earliest pod Ready transition or Service creation', () => {
    const svc = service('other', 'foo', { selector: { foo: 'bar' }, ports: [{ port: 80 }] });
    (svc.metadata as { creationTimestamp?: string }).creationTimestamp = '2025-12-08T10:05:00Z';
    const pod = testPod('other', 0, 0, true);
    pod.status!.conditions![0]!.lastTransitionTime = '2025-12-08T10:00:00.5Z';
    expect(sync(svc, [pod])!.metadata!.annotations![LAST_CHANGE_TRIGGER_TIME_ANNOTATION]).toBe(
      '2025-12-08T10:00:00.5Z',
    );
  });

  describe('TestSyncServiceAddresses', () => {
    const makeService = (tolerateUnready: boolean) =>
      service('ns', 'foo', {
        selector: { foo: 'bar' },
        publishNotReadyAddresses: tolerateUnready,
        type: 'ClusterIP',
        clusterIP: '1.1.1.1',
        ports: [{ port: 80 }],
      });
    const makePod = (phase: string, isReady: boolean, terminating: boolean): Pod => ({
      metadata: {
        namespace: 'ns',
        name: 'fakepod',
        labels: { foo: 'bar' },
        ...(terminating ? { deletionTimestamp: '2025-12-08T10:00:00Z' } : {}),
      },
      spec: { containers: [{ name: 'c', ports: [{ name: 'port1', containerPort: 8080 }] }] },
      status: {
        phase,
        conditions: [{ type: 'Ready', status: isReady ? 'True' : 'False' }],
        podIP: '10.1.1.1',
        podIPs: [{ ip: '10.1.1.1' }],
      },
    });
    const cases: [string, Pod, boolean, number, number][] = [
      ['pod running phase', makePod('Running', true, false), false, 1, 0],
      ['pod running phase being deleted', makePod('Running', true, true), false, 0, 0],
      ['pod unknown phase container ready', makePod('Unknown', true, false), false, 1, 0],
      ['pod unknown phase container ready being deleted', makePod('Unknown', true, true), false, 0, 0],
      ['pod pending phase container ready', makePod('Pending', true, false), false, 1, 0],
      ['pod pending phase container ready being deleted', makePod('Pending', true, true), false, 0, 0],
      ['pod unknown phase container not ready', makePod('Unknown', false, false), false, 0, 1],
      ['pod pending phase container not ready', makePod('Pending', false, false), false, 0, 1],
      ['pod failed phase', makePod('Failed', false, false), false, 0, 0],
      ['pod succeeded phase', makePod('Succeeded', false, false), false, 0, 0],
      ['pod running phase and tolerate unready', makePod('Running', false, false), true, 1, 0],
      ['pod running phase and tolerate unready being deleted', makePod('Running', false, true), true, 1, 0],
      ['pod unknown phase and tolerate unready', makePod('Unknown', false, false), true, 1, 0],
      ['pod unknown phase and tolerate unready being deleted', makePod('Unknown', false, true), true, 1, 0],
      ['pod pending phase and tolerate unready', makePod('Pending', false, false), true, 1, 0],
      ['pod pending phase and tolerate unready being deleted', makePod('Pending', false, true), true, 1, 0],
      ['pod failed phase and tolerate unready', makePod('Failed', false, false), true, 0, 0],
      ['pod succeeded phase and tolerate unready endpoints', makePod('Succeeded', false, false), true, 0, 0],
    ];
    for (const [name, pod, tolerate, ready, unready] of cases) {
      it(name, () => {
        const subsets = endpointSubsetsForService(makeService(tolerate), [pod]);
        expect(subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0)).toBe(ready);
        expect(subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0)).toBe(unready);
      });
    }
  });

  describe('TestPodToEndpointAddressForService', () => {
    const cases: [string, boolean, Service['spec'], 'v4' | 'v6' | 'error'][] = [
      ['v4 service, in a single stack cluster', false, { clusterIP: '10.0.0.1' }, 'v4'],
      ['v4 service, in a dual stack cluster', true, { clusterIP: '10.0.0.1' }, 'v4'],
      [
        'v4 headless service, in a dual stack cluster',
        true,
        { clusterIP: 'None', ipFamilies: ['IPv4'] },
        'v4',
      ],
      ['v4 legacy headless service, in a dual stack cluster', true, { clusterIP: 'None' }, 'v4'],
      ['v6 service, in a dual stack cluster', true, { clusterIP: '3000::1' }, 'v6'],
      [
        'v6 headless service, in a dual stack cluster (connected to a new api-server)',
        true,
        { clusterIP: 'None', ipFamilies: ['IPv6'] },
        'v6',
      ],
      ['v6 service, in a v4 only cluster', false, { clusterIP: '3000::1' }, 'error'],
    ];
    for (const [name, dual, spec, want] of cases) {
      it(name, () => {
        const pod = testPod('test', 0, 1, true, { ipv6: dual });
        const epa = podToEndpointAddressForService(service('test', 'foo', spec), pod);
        if (want === 'error') expect(epa).toBeUndefined();
        else expect(epa?.ip).toBe(want === 'v4' ? '1.2.3.4' : '2000::4');
        if (epa) expect(epa.targetRef).toEqual({ kind: 'Pod', namespace: 'test', name: 'pod0' });
      });
    }
  });

  describe('TestTruncateEndpoints', () => {
    const cases: [string, number[], number[], number[], number[]][] = [
      [
        'total endpoints < max capacity',
        [50, 100, 100, 100, 100],
        [50, 100, 100, 100, 100],
        [50, 100, 100, 100, 100],
        [50, 100, 100, 100, 100],
      ],
      [
        'total endpoints = max capacity',
        [100, 100, 100, 100, 100],
        [100, 100, 100, 100, 100],
        [100, 100, 100, 100, 100],
        [100, 100, 100, 100, 100],
      ],
      [
        'total ready endpoints < max capacity, but total endpoints > max capacity',
        [90, 110, 50, 10, 20],
        [101, 200, 200, 201, 298],
        [90, 110, 50, 10, 20],
        [73, 144, 144, 145, 214],
      ],
      [
        'total ready endpoints > max capacity',
        [205, 400, 402, 400, 693],
        [100, 200, 200, 200, 300],
        [98, 191, 192, 191, 328],
        [0, 0, 0, 0, 0],
      ],
    ];
    for (const [name, ready, notReady, wantReady, wantNotReady] of cases) {
      it(name, () => {
        const subsets: EndpointSubset[] = ready.map((n, i) => ({
          addresses: Array.from({ length: n }, () => ({ ip: '' })),
          notReadyAddresses: Array.from({ length: notReady[i]! }, () => ({ ip: '' })),
        }));
        truncateEndpoints(subsets);
        expect(subsets.map((s) => s.addresses?.length ?? 0)).toEqual(wantReady);
        expect(subsets.map((s) => s.notReadyAddresses?.length ?? 0)).toEqual(wantNotReady);
      });
    }
  });

  it('TestSyncServiceOverCapacity "annotation added past capacity, maxCapacity of Ready Addresses"', () => {
    const svc = service('test', 'foo', { selector: { foo: 'bar' }, ports: [{ port: 80 }] });
    const pods = Array.from({ length: 1010 }, (_, i) => {
      const p = testPod('test', i, 1, i < 1000);
      p.status!.podIP = `10.${i >> 8}.${i & 255}.1`;
      p.status!.podIPs = [{ ip: p.status!.podIP }];
      return p;
    });
    const got = sync(svc, pods)!;
    expect(got.metadata!.annotations![OVER_CAPACITY_ANNOTATION]).toBe('truncated');
    expect(got.subsets!.reduce((n, s) => n + (s.addresses?.length ?? 0), 0)).toBe(1000);
    expect(got.subsets!.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0)).toBe(0);
  });

  it('resolves a named targetPort per pod: different numbers land in different subsets (podutil.FindPort)', () => {
    const a = testPod('default', 0, 0, true);
    a.spec!.containers[0]!.ports = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];
    const b = testPod('default', 1, 0, true);
    b.spec!.containers[0]!.ports = [{ name: 'http', containerPort: 9090, protocol: 'TCP' }];
    const c = testPod('default', 2, 0, true); // no port named http: left out
    const svc = service('default', 'web', {
      selector: { foo: 'bar' },
      ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(endpointSubsetsForService(svc, [a, b, c])).toEqual([
      {
        addresses: [addr('1.2.3.4', 'pod0', 'default')],
        ports: [{ name: 'web', port: 8080, protocol: 'TCP' }],
      },
      {
        addresses: [addr('1.2.3.5', 'pod1', 'default')],
        ports: [{ name: 'web', port: 9090, protocol: 'TCP' }],
      },
    ]);
  });

  it('sets hostname only when the pod subdomain names the Service (ShouldSetHostname)', () => {
    const a = testPod('default', 0, 0, true);
    a.spec = { ...a.spec!, hostname: 'web-0', subdomain: 'web' };
    const b = testPod('default', 1, 0, true);
    b.spec = { ...b.spec!, hostname: 'web-1', subdomain: 'other' };
    const svc = service('default', 'web', { clusterIP: 'None', selector: { foo: 'bar' } });
    const [subset] = endpointSubsetsForService(svc, [a, b]);
    expect(subset!.addresses!.map((x) => x.hostname)).toEqual(['web-0', undefined]);
  });
});
