import { describe, expect, it } from 'vitest';
import type { Node } from '../api/objects.ts';
import { DEFAULT_CLUSTER_CONFIG } from '../sim/config.ts';
import { controllerContext, node, storeWith } from './fixtures.ts';
import { defaultNodes, KUBELET_VERSION, syncNodes } from './nodes.ts';

describe('nodes', () => {
  it('defaultNodes: the guides cluster, control plane tainted, /24 podCIDRs in node order', () => {
    const nodes = defaultNodes(DEFAULT_CLUSTER_CONFIG);
    expect(nodes.map((n) => [n.metadata!.name, n.status!.addresses![0]!.address, n.spec!.podCIDR])).toEqual([
      ['myserver01', '10.0.2.4', '10.244.0.0/24'],
      ['myserver02', '10.0.2.5', '10.244.1.0/24'],
      ['myserver03', '10.0.2.6', '10.244.2.0/24'],
    ]);
    expect(nodes[0]!.metadata!.labels!['node-role.kubernetes.io/control-plane']).toBe('');
    expect(nodes[0]!.spec!.taints).toEqual([
      { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
    ]);
    expect(nodes[1]!.spec!.taints).toBeUndefined();
  });

  it('syncNodes adds the default cluster when there is no Node and completes kubelet status', () => {
    const store = storeWith();
    const cc = controllerContext(store);
    syncNodes(cc);
    expect(cc.rec.report().defaultNodes).toBe(true);
    const n = store.get<Node>('Node', undefined, 'myserver02')!;
    expect(n.status!.addresses).toEqual([
      { address: '10.0.2.5', type: 'InternalIP' },
      { address: 'myserver02', type: 'Hostname' },
    ]);
    expect(n.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
    });
    expect(n.status!.nodeInfo).toMatchObject({
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
    });
    expect(n.status!.allocatable!['pods']).toBe('110');
    expect(n.metadata!.uid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('node IPAM: user podCIDRs are kept, the others get the next free /24 of podSubnet', () => {
    const store = storeWith(
      node('a', '192.168.0.10'),
      node('b', '192.168.0.11', { podCIDR: '10.244.0.0/24' }),
      node('c', '192.168.0.12'),
    );
    syncNodes(controllerContext(store));
    expect(
      store.list<Node>('Node').map((n) => [n.metadata!.name, n.spec!.podCIDR, n.spec!.podCIDRs]),
    ).toEqual([
      ['a', '10.244.1.0/24', ['10.244.1.0/24']],
      ['b', '10.244.0.0/24', ['10.244.0.0/24']],
      ['c', '10.244.2.0/24', ['10.244.2.0/24']],
    ]);
  });

  it('gives user nodes without addresses an InternalIP and taints NotReady nodes', () => {
    const bare: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare' } };
    const down: Node = {
      ...node('down', '10.0.2.4'),
      status: {
        addresses: [{ type: 'InternalIP', address: '10.0.2.4' }],
        conditions: [{ type: 'Ready', status: 'False' }],
      },
    };
    const store = storeWith(bare, down);
    syncNodes(controllerContext(store));
    expect(store.get<Node>('Node', undefined, 'bare')!.status!.addresses![0]).toEqual({
      address: '10.0.2.5',
      type: 'InternalIP',
    });
    expect(store.get<Node>('Node', undefined, 'down')!.spec!.taints).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
  });
});
