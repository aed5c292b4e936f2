import { describe, expect, it } from 'vitest';
import {
  EXTERNALNAME_RESULT,
  LOADBALANCER_RESULT,
  NODEPORT_RESULT,
} from '../../store/__fixtures__/results.ts';
import type { Box } from './flow-types.ts';
import { toFlowElements } from './to-flow-elements.ts';

const ids = (r: ReturnType<typeof toFlowElements>, type: string) =>
  r.nodes.filter((n) => n.type === type).map((n) => n.id);

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('toFlowElements', () => {
  it('draws the NodePort scenario: client, 3 nodes, the Service, 3 pods grouped by node', () => {
    const flow = toFlowElements(NODEPORT_RESULT);
    expect(ids(flow, 'client')).toEqual(['client/external']);
    expect(ids(flow, 'clusterNode')).toEqual(['node/myserver01', 'node/myserver02', 'node/myserver03']);
    expect(ids(flow, 'service')).toEqual(['service/default/web']);
    expect(ids(flow, 'pod')).toEqual([
      'pod/default/web-7d4b9-2xk4q',
      'pod/default/web-7d4b9-qq9ld',
      'pod/default/web-7d4b9-8mz7p',
    ]);
    expect(ids(flow, 'loadBalancer')).toEqual([]);
    const parents = Object.fromEntries(
      flow.nodes.filter((n) => n.type === 'pod').map((n) => [n.id, n.parentId]),
    );
    expect(parents['pod/default/web-7d4b9-8mz7p']).toBe('group/node/myserver03');
    expect(parents['pod/default/web-7d4b9-2xk4q']).toBe('group/node/myserver02');
  });

  it('hides kube-system objects and the built-in kubernetes Service unless asked', () => {
    const flow = toFlowElements(NODEPORT_RESULT);
    expect(
      flow.nodes.some((n) => n.id.includes('kube-system') || n.id === 'service/default/kubernetes'),
    ).toBe(false);
    const all = toFlowElements(NODEPORT_RESULT, { showSystem: true });
    expect(ids(all, 'service')).toContain('service/default/kubernetes');
    expect(ids(all, 'pod')).toContain('pod/kube-system/coredns-abc-1');
  });

  it('lists the NodePorts each node listens on and the Service ports', () => {
    const flow = toFlowElements(NODEPORT_RESULT);
    const node = flow.nodes.find((n) => n.id === 'node/myserver02');
    expect(node?.data).toMatchObject({
      ip: '192.168.56.12',
      controlPlane: false,
      nodePorts: [{ nodePort: 31001, service: 'web' }],
    });
    const svc = flow.nodes.find((n) => n.id === 'service/default/web');
    expect(svc?.data).toMatchObject({ type: 'NodePort', clusterIP: '10.96.12.34', endpointCount: 3 });
    const pod = flow.nodes.find((n) => n.id === 'pod/default/web-7d4b9-2xk4q');
    expect(pod?.data).toMatchObject({ ip: '10.244.1.2', ports: [80], ready: true });
  });

  it('connects the paths that exist: client → nodes → Service → pods', () => {
    const edges = toFlowElements(NODEPORT_RESULT).edges.map(
      (e) => `${e.source} > ${e.target} (${e.data?.kind})`,
    );
    expect(edges).toContain('client/external > node/myserver02 (entry)');
    expect(edges).toContain('node/myserver01 > service/default/web (nodePort)');
    expect(edges).toContain('service/default/web > pod/default/web-7d4b9-8mz7p (endpoint)');
    expect(edges).toHaveLength(3 + 3 + 3);
  });

  it('puts lanes left to right and never overlaps two cards', () => {
    const flow = toFlowElements(LOADBALANCER_RESULT);
    const x = (id: string) => flow.boxes[id]!.x;
    expect(x('client/external')).toBeLessThan(x('lb/default/web-lb'));
    expect(x('lb/default/web-lb')).toBeLessThan(x('node/myserver01'));
    expect(x('node/myserver01')).toBeLessThan(x('service/default/web-lb'));
    expect(x('service/default/web-lb')).toBeLessThan(x('pod/default/web-7d4b9-2xk4q'));
    const cards = Object.entries(flow.boxes).filter(([id]) => !id.startsWith('group/'));
    for (const [i, [a, boxA]] of cards.entries()) {
      for (const [b, boxB] of cards.slice(i + 1)) {
        expect(overlaps(boxA, boxB), `${a} overlaps ${b}`).toBe(false);
      }
    }
  });

  it('shows a LoadBalancer with its ingress IP and externalIPs', () => {
    const lb = toFlowElements(LOADBALANCER_RESULT).nodes.find((n) => n.type === 'loadBalancer');
    expect(lb?.data).toMatchObject({
      addresses: ['192.168.56.240', '10.0.2.4'],
      ports: [{ port: 80, nodePort: 31002 }],
    });
  });

  it('draws an ExternalName Service pointing at an external host, and the chosen client pod', () => {
    const flow = toFlowElements(EXTERNALNAME_RESULT, {
      clientPod: { namespace: 'default', name: 'nginx01' },
    });
    expect(ids(flow, 'external')).toEqual(['external/www.example.com']);
    expect(ids(flow, 'client')).toEqual(['client/external', 'client/pod/default/nginx01']);
    const edges = flow.edges.map((e) => `${e.source} > ${e.target}`);
    expect(edges).toContain('service/default/ext > external/www.example.com');
    expect(edges).toContain('client/pod/default/nginx01 > node/myserver03');
    expect(edges).toContain('client/pod/default/nginx01 > external/www.example.com');
  });

  it('is deterministic', () => {
    expect(toFlowElements(NODEPORT_RESULT)).toEqual(toFlowElements(NODEPORT_RESULT));
  });
});
