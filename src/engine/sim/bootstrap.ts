import type { KubeObject } from '../api/objects.ts';
import { defaultNodes } from '../controller/nodes.ts';
import type { ApiServer } from '../registry/apiserver.ts';
import type { SimContext } from './context.ts';
import type { ObjectStore } from './object-store.ts';

/** Namespaces every kubeadm cluster starts with. */
export const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

/**
 * What exists before the user's first `kubectl apply`: the namespaces, the `kubernetes` and `kube-dns`
 * Services, CoreDNS (2 replicas, as kubeadm deploys it) and, when the YAML defines no Node, the guides'
 * 3-node cluster (myserver01 control plane, myserver02 and myserver03 workers).
 */
export function bootstrapCluster(
  store: ObjectStore,
  api: ApiServer,
  ctx: SimContext,
  opts: { withDefaultNodes: boolean },
): void {
  for (const name of BUILTIN_NAMESPACES) {
    store.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name }, creationTimestamp: ctx.clock.rfc3339() },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  if (opts.withDefaultNodes) for (const node of defaultNodes(ctx.config)) store.put(node as KubeObject);
  api.bootstrap();
  api.apply(coreDNSDeployment());
}

/** kubeadm's CoreDNS Deployment, reduced to what Services, DNS and scheduling need. */
function coreDNSDeployment(): KubeObject {
  const labels = { 'k8s-app': 'kube-dns' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-cluster-critical',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  };
}
