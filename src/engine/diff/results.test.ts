import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate.ts';
import { diffResults } from './results.ts';

const nodeport = readFileSync(new URL('../../../examples/nodeport.yaml', import.meta.url), 'utf8');

describe('diffResults', () => {
  it('finds no change when the same text is applied again', () => {
    const d = diffResults(simulate(nodeport), simulate(nodeport));
    expect(d.changed).toBe(false);
    expect(d.objects).toEqual([]);
    expect(d.nodes.map((n) => n.node)).toEqual(['myserver01', 'myserver02', 'myserver03']);
  });

  it('scaling 3 → 2 removes a pod, rewrites the EndpointSlice and drops one KUBE-SEP on every node', () => {
    const prev = simulate(nodeport);
    const next = simulate(nodeport.replace('replicas: 3', 'replicas: 2'));
    const d = diffResults(prev, next);
    expect(d.changed).toBe(true);
    expect(d.byKind['Pod']?.map((c) => c.change)).toEqual(['removed']);
    expect(d.byKind['Deployment']?.map((c) => c.change)).toEqual(['changed']);
    expect(d.byKind['EndpointSlice']?.map((c) => c.id)).toEqual([
      expect.stringMatching(/^endpointslice\/default\/web-service-nodeport-/),
    ]);
    expect(d.byKind['Endpoints']?.map((c) => c.id)).toEqual(['endpoints/default/web-service-nodeport']);
    expect(d.byKind['Service']).toBeUndefined();
    for (const n of d.nodes) {
      expect(n.mode).toBe('iptables');
      const removed = n.iptables.removed.map((l) => l.text);
      expect(removed.some((t) => t.startsWith(':KUBE-SEP-'))).toBe(true);
      expect(removed.some((t) => t.includes('-j DNAT --to-destination'))).toBe(true);
      // the probabilities of the remaining endpoints are rewritten (1/3 → 1/2)
      expect(n.iptables.added.some((l) => l.text.includes('--probability 0.5000000000'))).toBe(true);
    }
  });

  it('sorts changes by kind, namespace and name, and reports an added Service', () => {
    const extra = `${nodeport}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: aaa\nspec:\n  ports:\n    - port: 81\n`;
    const d = diffResults(simulate(nodeport), simulate(extra));
    const svc = d.objects.find((c) => c.id === 'service/default/aaa');
    expect(svc).toEqual({
      id: 'service/default/aaa',
      kind: 'Service',
      namespace: 'default',
      name: 'aaa',
      change: 'added',
    });
    const sorted = [...d.objects].sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
        a.name.localeCompare(b.name),
    );
    expect(d.objects).toEqual(sorted);
  });

  it('notices a switch to ipvs mode and diffs ipvsadm', () => {
    const ipvs = `${nodeport}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n`;
    const d = diffResults(simulate(nodeport), simulate(ipvs));
    expect(d.proxyModeChanged).toBe(true);
    expect(d.nodes.every((n) => n.mode === 'ipvs')).toBe(true);
    expect(d.nodes[0]!.ipvs.added.some((l) => l.text.includes('rr'))).toBe(true);
  });
});
