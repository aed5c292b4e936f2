import { describe, expect, it } from 'vitest';
import { applyYamlEdit, applyYamlEdits, formatScalar, setProxyModeInText } from './yaml-edit.ts';

const svc = `# the web Service
apiVersion: v1
kind: Service
metadata:
  name: web # keep me
spec:
  selector:
    app: wbe
    tier: front
  ports:
    - port: 80
      targetPort: http
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx
`;

describe('applyYamlEdit', () => {
  it('replaces a scalar and nothing else', () => {
    const out = applyYamlEdit(svc, {
      document: 0,
      path: ['spec', 'selector', 'app'],
      op: 'set',
      value: 'web',
    });
    expect(out).toBe(svc.replace('app: wbe', 'app: web'));
  });

  it('edits inside a sequence', () => {
    const out = applyYamlEdit(svc, {
      document: 0,
      path: ['spec', 'ports', 0, 'targetPort'],
      op: 'set',
      value: 80,
    });
    expect(out).toBe(svc.replace('targetPort: http', 'targetPort: 80'));
  });

  it('adds a key at the mapping’s indentation', () => {
    const out = applyYamlEdit(svc, {
      document: 0,
      path: ['spec', 'selector', 'zone'],
      op: 'set',
      value: 'a',
    });
    expect(out).toBe(svc.replace('    tier: front\n', '    tier: front\n    zone: a\n'));
  });

  it('creates missing parent mappings (a pod without labels)', () => {
    const out = applyYamlEdit(svc, {
      document: 1,
      path: ['metadata', 'labels', 'app'],
      op: 'set',
      value: 'web',
    });
    expect(out).toBe(svc.replace('  name: p\n', '  name: p\n  labels:\n    app: web\n'));
  });

  it('deletes a key with its line', () => {
    const out = applyYamlEdit(svc, { document: 0, path: ['spec', 'selector', 'tier'], op: 'delete' });
    expect(out).toBe(svc.replace('    tier: front\n', ''));
  });

  it('quotes values that would read back as something else', () => {
    expect(formatScalar('web')).toBe('web');
    expect(formatScalar('app.kubernetes.io/name')).toBe('app.kubernetes.io/name');
    expect(formatScalar('true')).toBe('"true"');
    expect(formatScalar('8080')).toBe('"8080"');
    expect(formatScalar('a b')).toBe('"a b"');
    expect(formatScalar(8080)).toBe('8080');
  });

  it('refuses what it cannot write, and chains edits', () => {
    expect(applyYamlEdit(svc, { document: 5, path: ['a'], op: 'set', value: 1 })).toBeNull();
    expect(applyYamlEdit(svc, { document: 0, path: ['spec'], op: 'set', value: 1 })).toBeNull();
    const out = applyYamlEdits(svc, [
      { document: 0, path: ['spec', 'selector', 'app'], op: 'set', value: 'web' },
      { document: 0, path: ['spec', 'selector', 'tier'], op: 'delete' },
    ]);
    expect(out).toContain('    app: web\n  ports:');
  });
});

describe('setProxyModeInText', () => {
  it('appends a KubeProxyConfiguration for ipvs and removes it again', () => {
    const ipvs = setProxyModeInText(svc, 'ipvs');
    expect(ipvs).toBe(
      `${svc}---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n`,
    );
    expect(setProxyModeInText(ipvs, 'iptables')).toBe(svc);
  });

  it('edits the mode of a KubeProxyConfiguration the learner wrote', () => {
    const own = `${svc}---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.244.0.0/16\nmode: iptables\n`;
    expect(setProxyModeInText(own, 'ipvs')).toBe(own.replace('mode: iptables', 'mode: ipvs'));
    expect(setProxyModeInText(own.replace('mode: iptables', 'mode: ipvs'), 'iptables')).toBe(own);
  });
});
