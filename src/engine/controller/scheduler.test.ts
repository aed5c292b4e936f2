import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../api/objects.ts';
import { deployment, node, storeWith, testContext } from './fixtures.ts';
import { runControllers } from './index.ts';
import { toleratesTaint } from './scheduler-filters.ts';

function pod(name: string, spec: object = {}, labels: Record<string, string> = { app: name }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: 'default', name, labels },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  };
}

function nodeCounts(pods: Pod[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of pods) out[p.spec!.nodeName ?? '<none>'] = (out[p.spec!.nodeName ?? '<none>'] ?? 0) + 1;
  return out;
}

describe('scheduler', () => {
  it('spreads a Deployment across the two worker nodes, never on the tainted control plane', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = storeWith(deployment('default', 'web', 4));
      runControllers(s, testContext(seed));
      expect(nodeCounts(s.list<Pod>('Pod'))).toEqual({ myserver02: 2, myserver03: 2 });
    }
    const s = storeWith(deployment('default', 'web', 3));
    runControllers(s, testContext(1));
    expect(Object.values(nodeCounts(s.list<Pod>('Pod'))).sort()).toEqual([1, 2]);
  });

  it('leaves a pod Pending with the scheduler FitError message when nothing fits', () => {
    const s = storeWith(pod('picky', { nodeSelector: { disktype: 'ssd' } }));
    const report = runControllers(s, testContext(1));
    const p = s.get<Pod>('Pod', 'default', 'picky')!;
    const message =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    expect(p.status!.phase).toBe('Pending');
    expect(p.spec!.nodeName).toBeUndefined();
    expect(p.status!.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }),
    ]);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'FailedScheduling',
        objectId: 'pod/default/picky',
        ownerId: 'pod/default/picky',
        message,
      }),
    );
    expect(report.events).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'FailedScheduling', message }),
    );
  });

  it('traces the FailedScheduling diagnostic to the Deployment', () => {
    const s = storeWith(
      deployment('default', 'web', 1, {
        nodeSelector: { disktype: 'ssd' },
        containers: [{ name: 'c', image: 'x' }],
      }),
    );
    const report = runControllers(s, testContext(1));
    expect(report.diagnostics.find((d) => d.code === 'FailedScheduling')?.ownerId).toBe(
      'deployment/default/web',
    );
  });

  it('tolerating the control-plane taint and selecting its label lands on myserver01', () => {
    const s = storeWith(
      pod('cp', {
        nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        ],
      }),
    );
    runControllers(s, testContext(1));
    expect(s.get<Pod>('Pod', 'default', 'cp')!.spec!.nodeName).toBe('myserver01');
  });

  it('skips cordoned nodes ("node(s) were unschedulable") and reports insufficient resources', () => {
    const nodes = [node('n1', '10.0.0.1', { unschedulable: true }), node('n2', '10.0.0.2')];
    const s = storeWith(
      ...nodes,
      pod('a'),
      pod('huge', {
        containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '4', memory: '1Gi' } } }],
      }),
    );
    runControllers(s, testContext(1));
    expect(s.get<Pod>('Pod', 'default', 'a')!.spec!.nodeName).toBe('n2');
    expect(s.get<Node>('Node', undefined, 'n1')!.spec!.taints).toContainEqual({
      key: 'node.kubernetes.io/unschedulable',
      effect: 'NoSchedule',
    });
    expect(s.get<Pod>('Pod', 'default', 'huge')!.status!.conditions![0]!.message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });

  it('honours required pod anti-affinity on kubernetes.io/hostname', () => {
    const anti = {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: 'one' } }, topologyKey: 'kubernetes.io/hostname' },
          ],
        },
      },
    };
    const s = storeWith(
      deployment('default', 'one', 3, { containers: [{ name: 'c', image: 'x' }], ...anti }),
    );
    runControllers(s, testContext(1));
    const pods = s.list<Pod>('Pod');
    expect(nodeCounts(pods)).toEqual({ myserver02: 1, myserver03: 1, '<none>': 1 });
    const pending = pods.find((p) => !p.spec!.nodeName)!;
    expect(pending.status!.conditions![0]!.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
  });

  it("keeps spec.nodeName given in the YAML and leaves other schedulers' pods alone", () => {
    const s = storeWith(
      pod('pinned', { nodeName: 'myserver01' }),
      pod('other', { schedulerName: 'my-scheduler' }),
    );
    runControllers(s, testContext(1));
    expect(s.get<Pod>('Pod', 'default', 'pinned')!.spec!.nodeName).toBe('myserver01');
    expect(s.get<Pod>('Pod', 'default', 'other')!.spec!.nodeName).toBeUndefined();
  });

  it('schedules pods created at kubeadm init (before the workers joined) on the control plane', () => {
    const ctx = testContext(1);
    const coredns = deployment('kube-system', 'coredns', 2, {
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3' }],
    });
    (coredns.metadata as { creationTimestamp?: string }).creationTimestamp = '2025-12-08T10:00:00Z';
    const s = storeWith(coredns);
    runControllers(s, ctx);
    const pods = s.list<Pod>('Pod');
    expect(pods.map((p) => p.spec!.nodeName)).toEqual(['myserver01', 'myserver01']);
    expect(pods.map((p) => p.status!.podIP).sort()).toEqual(['10.244.0.2', '10.244.0.3']);
  });

  // from staging/src/k8s.io/api/core/v1/toleration_test.go TestTolerationToleratesTaint
  it('toleratesTaint', () => {
    const taint = { key: 'foo', value: 'bar', effect: 'NoSchedule' };
    expect(toleratesTaint({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, taint)).toBe(
      true,
    );
    expect(toleratesTaint({ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, taint)).toBe(true);
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'foo', operator: 'Equal', value: 'baz', effect: 'NoSchedule' }, taint)).toBe(
      false,
    );
    expect(toleratesTaint({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoExecute' }, taint)).toBe(
      false,
    );
    expect(toleratesTaint({ key: 'foo', operator: 'Equal', value: 'bar' }, taint)).toBe(true);
  });
});
