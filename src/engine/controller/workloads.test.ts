import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Pod, ReplicaSet, StatefulSet } from '../api/objects.ts';
import { deployment, storeWith, testContext } from './fixtures.ts';
import { runControllers } from './index.ts';
import { newReplicaSetName } from './deployment.ts';
import { statefulSetRevisionName } from './statefulset.ts';

const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';

function statefulSet(name: string, replicas: number, extra: object = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { namespace: 'default', name },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'redis:7' }] },
      },
      ...extra,
    },
  };
}

describe('Deployment -> ReplicaSet -> Pods', () => {
  const store = storeWith(deployment('default', 'web', 3));
  const report = runControllers(store, testContext(7));
  const d = store.get<Deployment>('Deployment', 'default', 'web')!;
  const [rs, ...otherRS] = store.list<ReplicaSet>('ReplicaSet');
  const pods = store.list<Pod>('Pod');

  it('creates one ReplicaSet <deployment>-<pod-template-hash>', () => {
    expect(otherRS).toHaveLength(0);
    const { name, hash } = newReplicaSetName(d);
    expect(rs!.metadata!.name).toBe(name);
    expect(name).toMatch(/^web-[456789bcdf]{1,10}$/);
    expect(rs!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec!.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec!.template!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata!.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: d.metadata!.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(rs!.metadata!.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('names pods <replicaset>-<5 chars> (names.SimpleNameGenerator) with the template labels and an ownerReference', () => {
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata!.name).toMatch(new RegExp(`^${rs!.metadata!.name}-${SAFE}{5}$`));
      expect(p.metadata!.generateName).toBe(`${rs!.metadata!.name}-`);
      expect(p.metadata!.labels).toEqual(rs!.spec!.template!.metadata!.labels);
      expect(p.metadata!.ownerReferences![0]).toMatchObject({
        kind: 'ReplicaSet',
        name: rs!.metadata!.name,
        controller: true,
      });
      expect(p.status!.phase).toBe('Running');
    }
  });

  it('reports status as kubectl get deploy / rs read it (READY 3/3, UP-TO-DATE 3, AVAILABLE 3)', () => {
    expect(rs!.status).toEqual({
      availableReplicas: 3,
      fullyLabeledReplicas: 3,
      observedGeneration: 1,
      readyReplicas: 3,
      replicas: 3,
    });
    expect(d.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    expect(d.status!.unavailableReplicas).toBeUndefined();
    expect(d.status!.conditions!.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    expect(report.events).toContainEqual(
      expect.objectContaining({
        reason: 'ScalingReplicaSet',
        message: `Scaled up replica set ${rs!.metadata!.name} from 0 to 3`,
      }),
    );
  });

  it('is deterministic: the same seed gives the same names and IPs, another seed other names', () => {
    const snapshot = (seed: number) => {
      const s = storeWith(deployment('default', 'web', 3));
      runControllers(s, testContext(seed));
      return s.list<Pod>('Pod').map((p) => [p.metadata!.name, p.spec!.nodeName, p.status!.podIP]);
    };
    expect(snapshot(7)).toEqual(snapshot(7));
    expect(snapshot(7)).not.toEqual(snapshot(8));
  });

  it('a Deployment whose pods cannot all run is not Available (MinimumReplicasUnavailable)', () => {
    const s = storeWith(
      deployment('default', 'big', 4, {
        containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1500m' } } }],
      }),
    );
    runControllers(s, testContext(1));
    const big = s.get<Deployment>('Deployment', 'default', 'big')!;
    expect(big.status).toMatchObject({
      replicas: 4,
      updatedReplicas: 4,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 2,
    });
    expect(big.status!.conditions![0]).toMatchObject({
      type: 'Available',
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
    });
  });

  it('creates no ReplicaSet for a paused Deployment', () => {
    const dep = deployment('default', 'p', 2);
    (dep.spec as { paused?: boolean }).paused = true;
    const s = storeWith(dep);
    const r = runControllers(s, testContext(1));
    expect(s.list('ReplicaSet')).toHaveLength(0);
    expect(r.diagnostics.map((x) => x.code)).toContain('DeploymentPaused');
  });
});

describe('bare ReplicaSet', () => {
  it('adopts matching orphan pods and creates only the rest; deletes the surplus', () => {
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { namespace: 'default', name: 'rs' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'x' } },
        template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      },
    };
    const orphan = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: 'default', name: 'mine', labels: { app: 'x' } },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    };
    const s = storeWith(rs, orphan);
    runControllers(s, testContext(1));
    const pods = s.list<Pod>('Pod');
    expect(pods).toHaveLength(2);
    expect(s.get<Pod>('Pod', 'default', 'mine')!.metadata!.ownerReferences![0]).toMatchObject({
      kind: 'ReplicaSet',
      name: 'rs',
    });

    const one = { ...rs, spec: { ...rs.spec, replicas: 1 } };
    const orphans = ['a', 'b', 'c'].map((n) => ({ ...orphan, metadata: { ...orphan.metadata, name: n } }));
    const s2 = storeWith(one, ...orphans);
    const report = runControllers(s2, testContext(1));
    expect(s2.list('Pod')).toHaveLength(1);
    expect(report.deleted).toHaveLength(2);
  });
});

describe('StatefulSet', () => {
  it('creates <name>-0..N-1 with stable identity labels, hostname and subdomain', () => {
    const s = storeWith(statefulSet('web', 3));
    const report = runControllers(s, testContext(3));
    const sts = s.get<StatefulSet>('StatefulSet', 'default', 'web')!;
    const revision = statefulSetRevisionName(sts);
    expect(revision).toMatch(/^web-[456789bcdf]{1,10}$/);
    const pods = s.list<Pod>('Pod');
    expect(pods.map((p) => p.metadata!.name)).toEqual(['web-0', 'web-1', 'web-2']);
    pods.forEach((p, i) => {
      expect(p.metadata!.labels).toEqual({
        app: 'web',
        'apps.kubernetes.io/pod-index': String(i),
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': `web-${i}`,
      });
      expect(p.spec!.hostname).toBe(`web-${i}`);
      expect(p.spec!.subdomain).toBe('web');
      expect(p.status!.phase).toBe('Running');
    });
    expect(sts.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: revision,
      updateRevision: revision,
    });
    expect(report.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message)).toEqual([
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
      'create Pod web-2 in StatefulSet web successful',
    ]);
  });

  it('OrderedReady waits for a Running and Ready pod before creating the next', () => {
    const gated = statefulSet('db', 3, {});
    (gated.spec as { template: { spec: Record<string, unknown> } }).template.spec['readinessGates'] = [
      { conditionType: 'example.com/ready' },
    ];
    const s = storeWith(gated);
    const report = runControllers(s, testContext(1));
    expect(s.list<Pod>('Pod').map((p) => p.metadata!.name)).toEqual(['db-0']);
    expect(report.diagnostics.find((d) => d.code === 'StatefulSetWaiting')?.message).toBe(
      'StatefulSet default/db is waiting for Pod db-0 to be Running and Ready',
    );

    const parallel = statefulSet('db', 3, { podManagementPolicy: 'Parallel' });
    (parallel.spec as { template: { spec: Record<string, unknown> } }).template.spec['readinessGates'] = [
      { conditionType: 'example.com/ready' },
    ];
    const s2 = storeWith(parallel);
    runControllers(s2, testContext(1));
    expect(s2.list('Pod')).toHaveLength(3);
  });

  it('honours spec.ordinals.start', () => {
    const s = storeWith(statefulSet('web', 2, { ordinals: { start: 5 } }));
    runControllers(s, testContext(1));
    expect(s.list<Pod>('Pod').map((p) => p.metadata!.name)).toEqual(['web-5', 'web-6']);
  });
});
