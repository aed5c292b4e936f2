/**
 * The control plane's path for one applied change, as the strip shows it: kubectl apply → kube-apiserver
 * → etcd → controller-manager (Endpoints/EndpointSlices) → kube-proxy on every node → CoreDNS, with the
 * numbers each step touched. Pure: reads a ResultDiff.
 */
import type { ResultDiff } from '../../../engine/index.ts';

export type StepId = 'apply' | 'apiserver' | 'etcd' | 'controllers' | 'proxy' | 'dns';

export interface TimelineStep {
  id: StepId;
  params: Record<string, string | number>;
  /** Nothing for this step to do in this change (drawn dimmed). */
  idle: boolean;
}

const CONTROLLER_KINDS = new Set(['Endpoints', 'EndpointSlice', 'ReplicaSet', 'Pod']);

export function timelineSteps(diff: ResultDiff): TimelineStep[] {
  const count = diff.objects.length;
  const controllers = diff.objects.filter((o) => o.kind === 'Endpoints' || o.kind === 'EndpointSlice').length;
  const managed = diff.objects.filter((o) => CONTROLLER_KINDS.has(o.kind)).length;
  let added = 0;
  let removed = 0;
  let nodes = 0;
  for (const n of diff.nodes) {
    const a = n.iptables.added.length + n.ipvs.added.length;
    const r = n.iptables.removed.length + n.ipvs.removed.length;
    added += a;
    removed += r;
    if (a + r > 0) nodes += 1;
  }
  const dns = diff.objects.filter((o) => o.kind === 'Service' || o.kind === 'EndpointSlice').length;
  return [
    { id: 'apply', params: { count }, idle: count === 0 },
    { id: 'apiserver', params: {}, idle: count === 0 },
    { id: 'etcd', params: { count }, idle: count === 0 },
    { id: 'controllers', params: { count: controllers }, idle: managed === 0 },
    { id: 'proxy', params: { added, removed, nodes }, idle: added + removed === 0 },
    { id: 'dns', params: { count: dns }, idle: dns === 0 },
  ];
}
