import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../api/objects.ts';
import { node, storeWith, testContext } from './fixtures.ts';
import { runControllers } from './index.ts';
import { normalizeImage } from './container-status.ts';
import { podQOSClass } from './kubelet.ts';

function pod(name: string, spec: object = {}, status?: object, meta: object = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: 'default', name, labels: { app: 'x' }, ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
    ...(status ? { status } : {}),
  };
}

function run(...objects: object[]) {
  const store = storeWith(node('w1', '10.0.2.5', { podCIDR: '10.244.1.0/24' }), ...objects);
  const report = runControllers(store, testContext(1));
  const get = (name: string) => store.get<Pod>('Pod', 'default', name)!;
  return { store, report, get };
}

const condition = (p: Pod, type: string) => p.status!.conditions!.find((c) => c.type === type);

describe('kubelet', () => {
  it('runs scheduled pods: Running, host and pod IPs, the five conditions, container statuses', () => {
    const { get, report } = run(pod('a'), pod('b'));
    const a = get('a');
    expect(a.status!.phase).toBe('Running');
    expect(a.status!.hostIP).toBe('10.0.2.5');
    expect(a.status!.hostIPs).toEqual([{ ip: '10.0.2.5' }]);
    // host-local skips the network address and the cni0 gateway (.1); pods get .2, .3 in order.
    expect([get('a').status!.podIP, get('b').status!.podIP]).toEqual(['10.244.1.2', '10.244.1.3']);
    expect(a.status!.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    expect(a.status!.conditions!.map((c) => [c.type, c.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
    const [cs] = a.status!.containerStatuses!;
    expect(cs).toMatchObject({
      name: 'c',
      ready: true,
      started: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:latest',
    });
    expect(cs!.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs!.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs!.state?.running?.startedAt).toBeDefined();
    expect(a.status!.qosClass).toBe('BestEffort');
    expect(report.events).toContainEqual(
      expect.objectContaining({
        reason: 'Started',
        message: 'Started container c',
        involvedObject: 'pod/default/a',
      }),
    );
  });

  it('allocates only what is missing: a given podIP is kept and not handed out again', () => {
    const { get } = run(pod('a', {}, { podIP: '10.244.1.2' }), pod('b'));
    expect(get('a').status!.podIP).toBe('10.244.1.2');
    expect(get('a').status!.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    expect(get('b').status!.podIP).toBe('10.244.1.3');
  });

  it('honours a Ready=False condition written in the YAML (containers marked not ready)', () => {
    const { get } = run(pod('a', {}, { conditions: [{ type: 'Ready', status: 'False' }] }));
    const a = get('a');
    expect(a.status!.phase).toBe('Running');
    expect(condition(a, 'Ready')!.status).toBe('False');
    expect(condition(a, 'ContainersReady')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [c]',
    });
    expect(a.status!.containerStatuses![0]!.ready).toBe(false);
  });

  it('keeps Ready False while a readiness gate condition is missing (ReadinessGatesNotReady)', () => {
    const { get } = run(
      pod('a', { readinessGates: [{ conditionType: 'www.example.com/feature-1' }] }),
      pod('b', { readinessGates: [{ conditionType: 'g' }] }, { conditions: [{ type: 'g', status: 'True' }] }),
    );
    expect(condition(get('a'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "www.example.com/feature-1" does not exist.',
    });
    expect(condition(get('a'), 'ContainersReady')!.status).toBe('True');
    expect(condition(get('b'), 'Ready')!.status).toBe('True');
  });

  it('keeps terminal phases and waiting containers', () => {
    const { get } = run(
      pod('done', { nodeName: 'w1' }, { phase: 'Succeeded' }),
      pod(
        'pulling',
        {},
        { containerStatuses: [{ name: 'c', state: { waiting: { reason: 'ImagePullBackOff' } } }] },
      ),
    );
    expect(get('done').status!.phase).toBe('Succeeded');
    expect(condition(get('done'), 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(get('done').status!.containerStatuses![0]!.state!.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    expect(get('pulling').status!.phase).toBe('Pending');
    expect(get('pulling').status!.containerStatuses![0]).toMatchObject({
      ready: false,
      state: { waiting: { reason: 'ImagePullBackOff' } },
    });
  });

  it('leaves a terminating pod running (metadata.deletionTimestamp)', () => {
    const { get } = run(
      pod('t', { nodeName: 'w1' }, undefined, { deletionTimestamp: '2025-12-08T10:00:00Z' }),
    );
    expect(get('t').status!.phase).toBe('Running');
  });

  it('gives hostNetwork pods the node IP', () => {
    const { get } = run(pod('h', { hostNetwork: true }), pod('n'));
    expect(get('h').status!.podIP).toBe('10.0.2.5');
    expect(get('n').status!.podIP).toBe('10.244.1.2');
  });

  it('reports pods bound to a node that does not exist', () => {
    const { get, report } = run(pod('lost', { nodeName: 'nowhere' }));
    expect(get('lost').status).toBeUndefined();
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'NodeNotFound', objectId: 'pod/default/lost' }),
    );
  });

  it('cannot start pods when the node podCIDR is exhausted (FailedCreatePodSandBox)', () => {
    const store = storeWith(node('tiny', '10.0.2.5', { podCIDR: '10.244.1.0/30' }), pod('a'), pod('b'));
    const report = runControllers(store, testContext(1));
    const ips = store.list<Pod>('Pod').map((p) => p.status!.podIP);
    expect(ips).toEqual(['10.244.1.2', undefined]);
    expect(report.diagnostics.find((d) => d.code === 'FailedCreatePodSandBox')?.message).toContain(
      'no IP addresses available in range set: 10.244.1.1-10.244.1.2',
    );
  });

  it('normalizes image references as the container runtime reports them', () => {
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage('bitnami/redis')).toBe('docker.io/bitnami/redis:latest');
    expect(normalizeImage('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });

  // from pkg/apis/core/helper/qos/qos_test.go TestGetPodQOS (a few cases)
  it('computes the QoS class', () => {
    const res = (requests?: Record<string, string>, limits?: Record<string, string>): Pod => ({
      spec: {
        containers: [
          { name: 'c', resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } },
        ],
      },
    });
    expect(podQOSClass(res())).toBe('BestEffort');
    expect(podQOSClass(res(undefined, { cpu: '100m', memory: '100Mi' }))).toBe('Guaranteed');
    expect(podQOSClass(res({ cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' }))).toBe(
      'Guaranteed',
    );
    expect(podQOSClass(res({ cpu: '100m' }))).toBe('Burstable');
    expect(podQOSClass(res({ cpu: '50m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' }))).toBe(
      'Burstable',
    );
  });
});
