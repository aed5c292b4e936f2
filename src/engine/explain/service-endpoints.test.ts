import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/simulate.ts';
import { explainServiceEndpoints } from './service-endpoints.ts';

const deployment = (labels: string, ports = '            - containerPort: 80') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
${labels}
  template:
    metadata:
      labels:
${labels.replace(/^ {6}/gm, '        ')}
    spec:
      containers:
        - name: nginx
          image: nginx
          ports:
${ports}
`;

const service = (selector: string, targetPort = '80', ns = 'default') => `---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${ns}
spec:
  selector:
${selector}
  ports:
    - name: http
      port: 80
      targetPort: ${targetPort}
`;

const userPods = (e: ReturnType<typeof explainServiceEndpoints>) =>
  e.pods.filter((p) => p.namespace !== 'kube-system');

describe('explainServiceEndpoints', () => {
  it('reports every pod of a working Service as a ready endpoint', () => {
    const r = simulate(deployment('      app: web') + service('    app: web'));
    const e = explainServiceEndpoints(r, 'service/default/web');
    expect(e.found).toBe(true);
    expect(e.selector).toEqual({ app: 'web' });
    expect(e.readyEndpoints).toBe(2);
    const pods = userPods(e);
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p).toMatchObject({ selected: true, endpoint: 'ready', reasons: [], ready: true });
      expect(p.labels).toEqual([{ key: 'app', want: 'web', have: 'web', ok: true }]);
      expect(p.ports[0]).toMatchObject({ targetPort: 80, resolved: 80, ok: true });
    }
  });

  it('shows the label diff when the selector value is wrong (a typo)', () => {
    const r = simulate(deployment('      app: web') + service('    app: wbe'));
    const e = explainServiceEndpoints(r, 'service/default/web');
    expect(e.readyEndpoints).toBe(0);
    const [first] = userPods(e);
    expect(first).toMatchObject({ selected: false, endpoint: 'none', reasons: ['labels'] });
    expect(first!.labels).toEqual([{ key: 'app', want: 'wbe', have: 'web', ok: false }]);
  });

  it('shows a missing label key without a value', () => {
    const r = simulate(deployment('      app: web') + service('    app: web\n    tier: frontend'));
    const [first] = userPods(explainServiceEndpoints(r, 'service/default/web'));
    expect(first!.labels).toEqual([
      { key: 'app', want: 'web', have: 'web', ok: true },
      { key: 'tier', want: 'frontend', ok: false },
    ]);
  });

  it('finds the named targetPort missing from the container ports (podutil.FindPort)', () => {
    const r = simulate(deployment('      app: web') + service('    app: web', 'web'));
    const e = explainServiceEndpoints(r, 'service/default/web');
    const [first] = userPods(e);
    expect(first!.reasons).toEqual(['portName']);
    expect(first!.ports[0]).toMatchObject({
      targetPort: 'web',
      ok: false,
      available: [{ containerPort: 80 }],
    });
    expect(first!.ports[0]!.resolved).toBeUndefined();
  });

  it('resolves a named targetPort that exists', () => {
    const ports = '            - containerPort: 8080\n              name: web';
    const r = simulate(deployment('      app: web', ports) + service('    app: web', 'web'));
    const [first] = userPods(explainServiceEndpoints(r, 'service/default/web'));
    expect(first!.ports[0]).toMatchObject({ targetPort: 'web', resolved: 8080, ok: true });
    expect(first!.endpoint).toBe('ready');
  });

  it('reports pods in another namespace as a namespace mismatch', () => {
    const ns = '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
    const r = simulate(deployment('      app: web') + ns + service('    app: web', '80', 'shop'));
    const e = explainServiceEndpoints(r, 'service/shop/web');
    expect(e.readyEndpoints).toBe(0);
    const [first] = userPods(e);
    expect(first).toMatchObject({ sameNamespace: false, selected: false, reasons: ['namespace'] });
    expect(first!.labels.every((l) => l.ok)).toBe(true);
  });

  it('explains a pod that is selected but not ready', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: lonely
  labels:
    app: web
spec:
  nodeName: nowhere
  containers:
    - name: c
      image: nginx
`;
    const r = simulate(pod + service('    app: web'));
    const e = explainServiceEndpoints(r, 'service/default/web');
    const lonely = e.pods.find((p) => p.name === 'lonely')!;
    expect(lonely.selected).toBe(true);
    expect(lonely.endpoint).toBe('none');
    expect(lonely.reasons).toContain('noIP');
  });

  it('gives no pods for a Service without a selector, and found=false for a missing one', () => {
    const r = simulate(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: bare\nspec:\n  ports:\n    - port: 80\n',
    );
    expect(explainServiceEndpoints(r, 'service/default/bare')).toMatchObject({
      found: true,
      selector: null,
      pods: [],
    });
    expect(explainServiceEndpoints(r, 'service/default/nope')).toMatchObject({ found: false, pods: [] });
  });

  it('is deterministic and lists the closest pods first', () => {
    const other = `---
apiVersion: v1
kind: Pod
metadata:
  name: aaa-other
  labels:
    app: other
spec:
  containers:
    - name: c
      image: nginx
`;
    const text = deployment('      app: web') + other + service('    app: web');
    const a = explainServiceEndpoints(simulate(text), 'service/default/web');
    const b = explainServiceEndpoints(simulate(text), 'service/default/web');
    expect(a).toEqual(b);
    const names = userPods(a).map((p) => p.name);
    expect(names[names.length - 1]).toBe('aaa-other');
  });
});
