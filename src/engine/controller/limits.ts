/**
 * How far the simulation follows a workload. A real ReplicaSet controller creates any number of pods (in
 * batches of 500 per sync); the playground stops at this many per workload so that `replicas: 100000000`
 * gives a warning, not a browser tab out of memory.
 */
export const MAX_SIMULATED_REPLICAS = 5000;

export function simulatedReplicas(want: number): number {
  return Math.min(want, MAX_SIMULATED_REPLICAS);
}

export function replicaLimitMessage(kind: string, name: string, want: number): string {
  return `${kind} "${name}" asks for ${want} replicas; the playground simulates the first ${MAX_SIMULATED_REPLICAS}`;
}
