import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';

const nodeport = readFileSync('examples/nodeport.yaml', 'utf8');

const svc = (extra: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
${extra}`;

describe('simulate: kubectl apply -f on a fresh kubeadm cluster', () => {
  it('builds the default scenario: 3 nodes, 3 ready pods behind NodePort 31001', () => {
    const r = simulate(nodeport);
    expect(r.errors).toEqual([]);
    expect(r.cluster.nodes.map((n) => n.metadata?.name)).toEqual(['myserver01', 'myserver02', 'myserver03']);
    const pods = r.cluster.pods.filter((p) => p.metadata?.namespace === 'default');
    expect(pods).toHaveLength(3);
    for (const p of pods)
      expect(p.metadata?.name).toMatch(
        /^deploy-test01-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/,
      );
    const web = r.cluster.services.find((s) => s.metadata?.name === 'web-service-nodeport')!;
    expect(web.spec?.ports?.[0]?.nodePort).toBe(31001);
    expect(web.spec?.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    const ep = r.cluster.endpoints.find((e) => e.metadata?.name === 'web-service-nodeport')!;
    expect(ep.subsets?.[0]?.addresses).toHaveLength(3);
    expect(Object.keys(r.proxy)).toEqual(['myserver01', 'myserver02', 'myserver03']);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = simulate(nodeport, { seed: 7 });
    const b = simulate(nodeport, { seed: 7 });
    const c = simulate(nodeport, { seed: 8 });
    expect(JSON.stringify(a.objects)).toBe(JSON.stringify(b.objects));
    expect(JSON.stringify(a.objects)).not.toBe(JSON.stringify(c.objects));
  });

  it('schedules and starts pods in the order they were created, so scaling up leaves the others as they were', () => {
    const placed = (replicas: number) =>
      new Map(
        simulate(nodeport.replace('replicas: 3', `replicas: ${replicas}`))
          .cluster.pods.filter((p) => p.metadata?.namespace === 'default')
          .map((p) => [p.metadata!.name!, `${p.spec!.nodeName} ${p.status!.podIP}`]),
      );
    const three = placed(3);
    for (const more of [4, 5]) {
      const after = placed(more);
      expect(after.size).toBe(more);
      // Every pod of the smaller Deployment is still on its node with its IP; the new ones come after.
      for (const [name, where] of three) expect(after.get(name)).toBe(where);
    }
    // Scaling down keeps the oldest pods where they were, as the ReplicaSet deletes the newest first.
    const two = placed(2);
    expect(two.size).toBe(2);
    for (const [name, where] of two) expect(three.get(name)).toBe(where);
  });

  it('starts pods of the same second in the order kubectl apply created them', () => {
    const pod = (name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name} }\nspec: { nodeName: myserver02, containers: [{ name: c, image: nginx }] }`;
    const ips = (text: string) =>
      Object.fromEntries(
        simulate(text)
          .cluster.pods.filter((p) => p.metadata?.namespace === 'default')
          .map((p) => [p.metadata!.name!, p.status!.podIP]),
      );
    // The kubelet of myserver02 starts the first document's pod first: it takes the first free address.
    expect(ips(`${pod('a')}\n---\n${pod('b')}`)).toEqual({ a: '10.244.1.2', b: '10.244.1.3' });
    expect(ips(`${pod('b')}\n---\n${pod('a')}`)).toEqual({ a: '10.244.1.3', b: '10.244.1.2' });
  });

  it("gives every stored object its last write's resourceVersion, as etcd numbers writes", () => {
    const r = simulate(nodeport);
    const rvs = r.objects.map((o) => o.metadata.resourceVersion);
    for (const rv of rvs) expect(rv).toMatch(/^\d+$/);
    expect(new Set(rvs).size).toBe(rvs.length); // one write can leave only one object at its revision
    const rv = (kind: string, name: string) =>
      Number(
        r.objects.find((o) => o.kind === kind && o.metadata.name.startsWith(name))!.metadata.resourceVersion,
      );
    // The ReplicaSet's status is written after its pods run, the Deployment's after the ReplicaSet's.
    expect(rv('Pod', 'deploy-test01-')).toBeLessThan(rv('ReplicaSet', 'deploy-test01-'));
    expect(rv('ReplicaSet', 'deploy-test01-')).toBeLessThan(rv('Deployment', 'deploy-test01'));
  });

  it('bootstraps kubernetes (10.96.0.1) and kube-dns (10.96.0.10) with CoreDNS endpoints', () => {
    const r = simulate('');
    const ip = (ns: string, n: string) =>
      r.cluster.services.find((s) => s.metadata?.namespace === ns && s.metadata.name === n)?.spec?.clusterIP;
    expect(ip('default', 'kubernetes')).toBe('10.96.0.1');
    expect(ip('kube-system', 'kube-dns')).toBe('10.96.0.10');
    const dns = r.cluster.endpoints.find((e) => e.metadata?.name === 'kube-dns')!;
    expect(dns.subsets?.[0]?.addresses?.length).toBe(2);
  });

  it('rejects an invalid object at the line and column of the bad field, and stores the rest', () => {
    const text = `${svc(`  type: NodePort
  ports:
    - port: 80
      nodePort: 80
`)}---
apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers: [{ name: c, image: nginx }]
`;
    const r = simulate(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      document: 0,
      kind: 'Service',
      name: 'web',
      namespace: 'default',
      field: 'spec.ports[0].nodePort',
      type: 'Invalid value',
      line: 9,
      column: 17,
    });
    expect(r.errors[0]!.message).toBe(
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(r.cluster.services.some((s) => s.metadata?.name === 'web')).toBe(false);
    expect(r.cluster.pods.some((p) => p.metadata?.name === 'ok')).toBe(true);
    expect(r.diagnostics.find((d) => d.source === 'apiserver')?.message).toMatch(
      /^The Service "web" is invalid: /,
    );
  });

  it('rejects nodePort collisions across Services, as the allocator does', () => {
    const two = ['a', 'b']
      .map(
        (n) => `apiVersion: v1
kind: Service
metadata: { name: ${n} }
spec:
  type: NodePort
  ports: [{ port: 80, nodePort: 31001 }]`,
      )
      .join('\n---\n');
    const r = simulate(two);
    expect(r.errors.map((e) => [e.name, e.field, e.message])).toEqual([
      [
        'b',
        'spec.ports[0].nodePort',
        'spec.ports[0].nodePort: Invalid value: 31001: provided port is already allocated',
      ],
    ]);
  });

  it('needs the namespace to exist first, as kubectl apply does', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: shop }
spec: { containers: [{ name: c, image: nginx }] }`;
    expect(simulate(pod).errors[0]).toMatchObject({
      type: 'Not found',
      message: 'namespaces "shop" not found',
    });
    const withNs = `apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n---\n${pod}`;
    expect(simulate(withNs).errors).toEqual([]);
  });

  it('applies a later document with the same name as an update, keeping the allocated clusterIP', () => {
    const first = svc(`  ports: [{ port: 80 }]\n`);
    const second = svc(`  ports: [{ port: 8080 }]\n`);
    const once = simulate(first).cluster.services.find((s) => s.metadata?.name === 'web')!;
    const twice = simulate(`${first}---\n${second}`).cluster.services.find(
      (s) => s.metadata?.name === 'web',
    )!;
    expect(twice.spec?.ports?.[0]?.port).toBe(8080);
    expect(twice.spec?.clusterIP).toBe(once.spec?.clusterIP);
    const changed = simulate(`${first}---\n${svc(`  clusterIP: 10.96.5.5\n  ports: [{ port: 80 }]\n`)}`);
    expect(changed.errors[0]).toMatchObject({ field: 'spec.clusterIPs[0]', type: 'Invalid value' });
  });

  it('warns about kinds it does not simulate and goes on', () => {
    const r = simulate(
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: i }\n---\n${nodeport}`,
    );
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'manifest.notSimulated', line: 2 });
    expect(r.errors).toEqual([]);
  });

  it('reads kubeadm ClusterConfiguration and KubeProxyConfiguration', () => {
    const r = simulate(`apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  serviceSubnet: 10.200.0.0/16
  podSubnet: 10.50.0.0/16
  dnsDomain: corp.local
apiServer:
  extraArgs:
    - name: service-node-port-range
      value: 20000-20100
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ipvs
---
${svc(`  type: NodePort\n  ports: [{ port: 80 }]\n`)}`);
    expect(r.errors).toEqual([]);
    const web = r.cluster.services.find((s) => s.metadata?.name === 'web')!;
    expect(web.spec?.clusterIP).toMatch(/^10\.200\./);
    expect(web.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(20000);
    expect(web.spec?.ports?.[0]?.nodePort).toBeLessThanOrEqual(20100);
    expect(r.cluster.config.dnsDomain).toBe('corp.local');
    expect(r.proxy.myserver02?.mode).toBe('ipvs');
    expect(r.proxy.myserver02?.ipvsadm).toContain('IP Virtual Server');
    expect(r.cluster.pods.find((p) => p.metadata?.namespace === 'kube-system')?.status?.podIP).toMatch(
      /^10\.50\./,
    );
  });

  it('keeps going on broken YAML and marks the broken document', () => {
    const r = simulate(`${nodeport}\n---\napiVersion: v1\nkind: Pod\nmetadata: [\n`);
    expect(r.diagnostics.some((d) => d.source === 'yaml' && d.severity === 'error')).toBe(true);
    expect(r.cluster.pods.filter((p) => p.metadata?.namespace === 'default')).toHaveLength(3);
    expect(r.fatal).toBe(false);
  });
});
