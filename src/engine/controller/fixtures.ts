/**
 * Builders for the controller tests, after the helpers in Kubernetes' own tests (testPod and addPods in
 * pkg/controller/endpoint/endpoints_controller_test.go, newPod in k8s.io/endpointslice/utils_test.go).
 */
import type { KubeObject, Node, Pod, Service } from '../api/objects.ts';
import { createClock } from '../sim/clock.ts';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from '../sim/config.ts';
import type { SimContext } from '../sim/context.ts';
import { ObjectStore } from '../sim/object-store.ts';
import { createRng } from '../sim/rng.ts';
import { asKube, newControllerContext, type ControllerContext } from './meta.ts';

export function testContext(seed = 1, config: Partial<ClusterConfig> = {}): SimContext {
  return { rng: createRng(seed), clock: createClock(600), config: { ...DEFAULT_CLUSTER_CONFIG, ...config } };
}

export function storeWith(...objects: object[]): ObjectStore {
  const store = new ObjectStore();
  for (const o of objects) store.put(o as KubeObject);
  return store;
}

export function controllerContext(store: ObjectStore, seed = 1): ControllerContext {
  return newControllerContext(store, testContext(seed));
}

/** endpoints_controller_test.go testPod: `pod<id>`, label foo=bar, ports port<j>=8080+j, IP 1.2.3.<4+id>. */
export function testPod(
  namespace: string,
  id: number,
  nPorts: number,
  ready: boolean,
  extra: { nodeName?: string; ipv6?: boolean } = {},
): Pod {
  const ports = Array.from({ length: nPorts }, (_, j) => ({
    name: `port${j}`,
    containerPort: 8080 + j,
    protocol: 'TCP',
  }));
  const ips = [`1.2.3.${4 + id}`, ...(extra.ipv6 ? [`2000::${4 + id}`] : [])];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name: `pod${id}`, labels: { foo: 'bar' } },
    spec: { containers: [{ name: 'c', ports }], ...(extra.nodeName ? { nodeName: extra.nodeName } : {}) },
    status: {
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      podIP: ips[0],
      podIPs: ips.map((ip) => ({ ip })),
    },
  };
}

/** endpoints_controller_test.go addPods: nPods ready pods then nNotReady not-ready ones. */
export function addPods(namespace: string, nPods: number, nPorts: number, nNotReady: number): Pod[] {
  return Array.from({ length: nPods + nNotReady }, (_, i) => testPod(namespace, i, nPorts, i < nPods));
}

export function service(
  namespace: string,
  name: string,
  spec: Service['spec'],
  labels?: Record<string, string>,
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace, name, ...(labels ? { labels } : {}) },
    spec,
  };
}

export function node(
  name: string,
  ip: string,
  extra: Partial<Node['spec']> & { labels?: Record<string, string> } = {},
): Node {
  const { labels, ...spec } = extra;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec,
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  };
}

export function deployment(
  namespace: string,
  name: string,
  replicas: number,
  podSpec: object = {
    containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
  },
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace, name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: podSpec },
    },
  };
}

export function put(store: ObjectStore, o: object): void {
  store.put(asKube(o as Pod));
}
