/**
 * The kinds the workload controllers (nodes, Deployments, ReplicaSets, StatefulSets, the scheduler and the
 * kubelets) read and write, and the only ones: what they make is a function of these objects and the
 * simulation context, so simulate() can reuse it while they are unchanged (sim/workload-memo.ts).
 */
export const WORKLOAD_KINDS = ['Node', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Pod'] as const;

export const WORKLOAD_KIND_SET: ReadonlySet<string> = new Set(WORKLOAD_KINDS);
