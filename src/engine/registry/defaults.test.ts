import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/objects.ts';
import { DEFAULT_CLUSTER_CONFIG } from '../sim/config.ts';
import { applyDefaults } from './defaults.ts';
import { uidFor } from './uid.ts';

const cfg = DEFAULT_CLUSTER_CONFIG;
const obj = (o: Record<string, unknown>) => o as unknown as KubeObject;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const d = (o: Record<string, unknown>): any => applyDefaults(obj(o), cfg);
const service = (spec: Record<string, unknown>) =>
  d({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec });

// from pkg/apis/core/v1/defaults_test.go
describe('SetDefaults_Service', () => {
  it('TestSetDefaultService: type ClusterIP, sessionAffinity None, internalTrafficPolicy Cluster', () => {
    const s = service({ ports: [{ port: 80 }] });
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    });
    expect(s.spec.externalTrafficPolicy).toBeUndefined();
    expect(s.metadata.namespace).toBe('default');
  });

  it('TestSetDefaultServiceSessionAffinityConfig: ClientIP gets 10800 s', () => {
    expect(service({ sessionAffinity: 'ClientIP' }).spec.sessionAffinityConfig).toEqual({
      clientIP: { timeoutSeconds: 10800 },
    });
    expect(
      service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } })
        .spec.sessionAffinityConfig,
    ).toEqual({
      clientIP: { timeoutSeconds: 60 },
    });
    expect(
      service({ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }).spec
        .sessionAffinityConfig,
    ).toBeUndefined();
  });

  it('TestSetDefaultServiceTargetPort and TestSetDefaultServicePort', () => {
    const s = service({
      ports: [
        { port: 1234 },
        { port: 1235, targetPort: 0 },
        { port: 1236, targetPort: 'p', protocol: 'UDP' },
        { port: 1237, targetPort: '' },
      ],
    });
    expect(s.spec.ports).toEqual([
      { port: 1234, targetPort: 1234, protocol: 'TCP' },
      { port: 1235, targetPort: 1235, protocol: 'TCP' },
      { port: 1236, targetPort: 'p', protocol: 'UDP' },
      { port: 1237, targetPort: 1237, protocol: 'TCP' },
    ]);
  });

  it('TestSetDefaultServiceExternalTrafficPolicy: only externally accessible Services', () => {
    expect(service({ type: 'NodePort' }).spec.externalTrafficPolicy).toBe('Cluster');
    expect(service({ type: 'LoadBalancer' }).spec.externalTrafficPolicy).toBe('Cluster');
    expect(service({ type: 'ClusterIP', externalIPs: ['1.2.3.4'] }).spec.externalTrafficPolicy).toBe(
      'Cluster',
    );
    expect(service({ type: 'ClusterIP' }).spec.externalTrafficPolicy).toBeUndefined();
    expect(
      service({ type: 'ExternalName', externalName: 'x.example.com' }).spec.externalTrafficPolicy,
    ).toBeUndefined();
    expect(service({ type: 'NodePort', externalTrafficPolicy: 'Local' }).spec.externalTrafficPolicy).toBe(
      'Local',
    );
  });

  it('TestSetDefaultServiceInternalTrafficPolicy: not for ExternalName', () => {
    expect(
      service({ type: 'ExternalName', externalName: 'x.example.com' }).spec.internalTrafficPolicy,
    ).toBeUndefined();
    expect(service({ type: 'NodePort' }).spec.internalTrafficPolicy).toBe('Cluster');
  });

  it('TestSetDefaultServiceLoadbalancerIPMode and allocateLoadBalancerNodePorts', () => {
    const s = d({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'lb' },
      spec: { type: 'LoadBalancer' },
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
    });
    expect(s.spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(s.status.loadBalancer.ingress[0].ipMode).toBe('VIP');
    expect(service({ type: 'NodePort' }).spec.allocateLoadBalancerNodePorts).toBeUndefined();
  });
});

// from pkg/registry/core/service/storage/storage_test.go TestCreateInitIPFields (single-stack IPv4 cluster)
describe('initIPFamilyFields, through applyDefaults', () => {
  it('ClusterIP: SingleStack IPv4', () => {
    expect(service({}).spec).toMatchObject({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
  });
  it('headless with selector: SingleStack IPv4', () => {
    expect(service({ clusterIP: 'None', selector: { a: 'b' } }).spec).toMatchObject({
      clusterIPs: ['None'],
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });
  it('headless without selector: RequireDualStack with both families, even on a single-stack cluster', () => {
    expect(service({ clusterIP: 'None' }).spec).toMatchObject({
      ipFamilyPolicy: 'RequireDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
    });
  });
  it('ExternalName: no IP fields', () => {
    const s = service({ type: 'ExternalName', externalName: 'x.example.com' }).spec;
    expect(s.ipFamilies).toBeUndefined();
    expect(s.ipFamilyPolicy).toBeUndefined();
  });
  it('a given clusterIP also fills clusterIPs (normalizeClusterIPs)', () => {
    expect(service({ clusterIP: '10.96.0.50' }).spec.clusterIPs).toEqual(['10.96.0.50']);
  });
});

// from pkg/apis/core/v1/defaults_test.go TestSetDefaultPodSpec... and the admission plugins
describe('Pod defaults', () => {
  const pod = d({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      containers: [
        {
          name: 'a',
          image: 'nginx',
          ports: [{ containerPort: 80 }],
          readinessProbe: { httpGet: { port: 80 } },
        },
        { name: 'b', image: 'nginx:1.27' },
        { name: 'c', image: 'registry:5000/app@sha256:abc', resources: { limits: { cpu: '1' } } },
      ],
    },
  });
  it('SetDefaults_PodSpec and SetDefaults_Pod', () => {
    expect(pod.spec).toMatchObject({
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
    });
  });
  it('SetDefaults_Container: imagePullPolicy by tag, termination message, port protocol, probes', () => {
    const [a, b, c] = pod.spec.containers;
    expect([a.imagePullPolicy, b.imagePullPolicy, c.imagePullPolicy]).toEqual([
      'Always',
      'IfNotPresent',
      'IfNotPresent',
    ]);
    expect(a).toMatchObject({
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
    });
    expect(a.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(a.readinessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.resources.requests).toEqual({ cpu: '1' });
  });
  it('admission: service account, priority, default tolerations', () => {
    expect(pod.spec).toMatchObject({
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    expect(pod.spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
  });
  it('hostNetwork pods default hostPort to containerPort', () => {
    const p = d({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { hostNetwork: true, containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 53 }] }] },
    });
    expect(p.spec.containers[0].ports[0].hostPort).toBe(53);
  });
});

// from pkg/apis/apps/v1/defaults_test.go
describe('apps/v1 defaults', () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'a', image: 'nginx' }] },
  };
  it('TestSetDefaultDeployment', () => {
    const dep = d({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template },
    });
    expect(dep.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(dep.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
    expect(dep.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(dep.metadata.generation).toBe(1);
    const recreate = d({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { strategy: { type: 'Recreate' }, template },
    });
    expect(recreate.spec.strategy).toEqual({ type: 'Recreate' });
  });
  it('TestSetDefaultStatefulSet', () => {
    const ss = d({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { template },
    });
    expect(ss.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      revisionHistoryLimit: 10,
    });
    const onDelete = d({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { updateStrategy: { type: 'OnDelete' }, template },
    });
    expect(onDelete.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });
  it('TestSetDefaultReplicaSet', () => {
    expect(
      d({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { template } }).spec
        .replicas,
    ).toBe(1);
    expect(
      d({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'rs' },
        spec: { replicas: 0, template },
      }).spec.replicas,
    ).toBe(0);
  });
});

describe('Endpoints, EndpointSlice, Namespace, Node and metadata defaults', () => {
  it('SetDefaults_Endpoints and discovery/v1 SetDefaults_EndpointPort', () => {
    expect(
      d({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'e' },
        subsets: [{ ports: [{ port: 80 }] }],
      }).subsets[0].ports[0].protocol,
    ).toBe('TCP');
    expect(
      d({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'e' },
        ports: [{ port: 80 }],
      }).ports[0],
    ).toEqual({ port: 80, name: '', protocol: 'TCP' });
  });
  it('SetDefaults_Namespace', () => {
    const ns = d({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', namespace: 'x' } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });
  it('uid is derived from kind/namespace/name, as a v4-shaped UUID, and kept when present', () => {
    const a = service({});
    expect(a.metadata.uid).toBe(uidFor('Service', 'default', 'web'));
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uidFor('Service', 'default', 'web')).not.toBe(uidFor('Service', 'default', 'web2'));
    expect(d({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', uid: 'u' } }).metadata.uid).toBe(
      'u',
    );
  });
  it('creationTimestamp and resourceVersion come from the caller', () => {
    const s = applyDefaults(obj({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }), cfg, {
      creationTimestamp: '2025-12-08T10:00:00Z',
      resourceVersion: '7',
    });
    expect(s.metadata).toMatchObject({ creationTimestamp: '2025-12-08T10:00:00Z', resourceVersion: '7' });
  });
});
