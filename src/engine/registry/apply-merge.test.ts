import { describe, expect, it } from 'vitest';
import { threeWayMerge } from './apply-merge.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const merge = (live: unknown, last: unknown, desired: unknown): any => threeWayMerge(live, last, desired);

// Behaviour of kubectl apply's three-way merge (k8s.io/apimachinery/pkg/util/strategicpatch
// TestCreateThreeWayMergePatch: "delete fields that were in the last applied config", "keep fields set by
// the server", "merge lists by their patchMergeKey").
describe('threeWayMerge', () => {
  const live = {
    metadata: { name: 'web', uid: 'u', labels: { a: '1', b: '2' } },
    spec: {
      clusterIP: '10.96.0.5',
      type: 'NodePort',
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 },
        { port: 443, protocol: 'TCP', targetPort: 443, nodePort: 30443 },
      ],
    },
    status: { loadBalancer: {} },
  };
  const last = {
    metadata: { name: 'web', labels: { a: '1', b: '2' } },
    spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] },
  };

  it('keeps what the server set and drops what the user removed', () => {
    const desired = {
      metadata: { name: 'web', labels: { a: '1' } },
      spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] },
    };
    expect(merge(live, last, desired)).toEqual({
      metadata: { name: 'web', uid: 'u', labels: { a: '1' } },
      spec: {
        clusterIP: '10.96.0.5',
        type: 'NodePort',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }],
      },
      status: { loadBalancer: {} },
    });
  });

  it('without a last-applied record nothing is deleted', () => {
    const desired = { metadata: { name: 'web' }, spec: { ports: [{ port: 8080 }] } };
    const merged = merge(live, undefined, desired);
    expect(merged.metadata.labels).toEqual({ a: '1', b: '2' });
    expect(merged.spec.ports.map((p: { port: number }) => p.port)).toEqual([8080, 80, 443]);
  });

  it('merges containers by name and replaces lists without a merge key', () => {
    const pod = {
      spec: {
        nodeName: 'n1',
        containers: [{ name: 'a', image: 'x:1', terminationMessagePath: '/dev/termination-log' }],
        tolerations: [{ key: 'k' }],
      },
    };
    const merged = merge(
      pod,
      { spec: { containers: [{ name: 'a', image: 'x:1' }] } },
      { spec: { containers: [{ name: 'a', image: 'x:2' }], tolerations: [] } },
    );
    expect(merged).toEqual({
      spec: {
        nodeName: 'n1',
        containers: [{ name: 'a', image: 'x:2', terminationMessagePath: '/dev/termination-log' }],
        tolerations: [],
      },
    });
  });

  it('null in the manifest deletes the field', () => {
    expect(merge({ spec: { a: 1, b: 2 } }, undefined, { spec: { a: null } })).toEqual({
      spec: { b: 2 },
    });
  });
});
