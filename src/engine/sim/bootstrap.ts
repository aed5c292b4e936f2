import type { KubeObject, Node } from '../api/objects.ts';
import { defaultNodes } from '../controller/nodes.ts';
import type { ApiServer, ApiServerSnapshot } from '../registry/apiserver.ts';
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
  // Every simulation of the same cluster starts from the same objects: the apiserver's defaulting and
  // validation of them is done once per configuration and replayed from a snapshot afterwards.
  const key = JSON.stringify([ctx.config, ctx.rng.seed, ctx.clock.now(), opts.withDefaultNodes]);
  const snapshot = snapshots.get(key);
  if (snapshot) {
    api.restore(snapshot);
    return;
  }
  api.bootstrapNamespaces();
  if (opts.withDefaultNodes)
    for (const node of defaultNodes(ctx.config, ctx.clock)) store.write(node as KubeObject);
  api.bootstrapServices();
  api.bootstrapKubernetesEndpoints(controlPlaneAddress(store));
  api.apply(coreDNSDeployment());
  if (snapshots.size >= MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value!);
  snapshots.set(key, api.snapshot());
}

/** Bootstrapped clusters by configuration, seed, start time and default nodes; the oldest is dropped first. */
const snapshots = new Map<string, ApiServerSnapshot>();
const MAX_SNAPSHOTS = 16;

/** The advertise address of the kube-apiserver: the control-plane node's InternalIP (10.0.2.4 by default). */
function controlPlaneAddress(store: ObjectStore): string {
  const nodes = store.list<Node>('Node');
  const cp =
    nodes.find((n) => n.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) ??
    nodes[0];
  return cp?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '10.0.2.4';
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
