/**
 * What kube-controller-manager, kube-scheduler, the kubelets and a MetalLB controller do after
 * `kubectl apply`, run to the steady state: nodes (and their podCIDRs), Deployment -> ReplicaSet -> Pods,
 * StatefulSet pods, scheduling, pod status and IPs, Endpoints, EndpointSlices (selector and mirrored) and
 * LoadBalancer ingress IPs.
 */
import type { KubeObject } from '../api/objects.ts';
import type { SimContext } from '../sim/context.ts';
import type { ObjectStore } from '../sim/object-store.ts';
import { syncDeployments, updateDeploymentStatus } from './deployment.ts';
import { LazyPodIndex, syncEndpoints } from './endpoints.ts';
import { syncEndpointSlices } from './endpointslice.ts';
import { syncEndpointSliceMirroring } from './endpointslice-mirroring.ts';
import { runKubelets } from './kubelet.ts';
import { syncLoadBalancers } from './loadbalancer.ts';
import { newControllerContext, type ControllerContext } from './meta.ts';
import { syncNodes } from './nodes.ts';
import { syncReplicaSets, updateReplicaSetStatus } from './replicaset.ts';
import type { ControllerReport } from './report.ts';
import { schedulePods } from './scheduler.ts';
import { syncStatefulSets, updateStatefulSetStatus } from './statefulset.ts';
import { NO_MEMO, type SyncMemo } from './sync-memo.ts';

export type { ControllerDiagnostic, ControllerEvent, ControllerReport } from './report.ts';
export { WORKLOAD_KINDS } from './workload-kinds.ts';
export type { SyncMemo } from './sync-memo.ts';
export { newControllerContext, type ControllerContext } from './meta.ts';
export { Recorder, type RecorderSnapshot } from './report.ts';
export { labelSelectorMatches, hasServiceSelector } from './label-selector.ts';
export { findPort } from './find-port.ts';
export { defaultNodes, nodeInternalIP, KUBELET_VERSION } from './nodes.ts';
export { isPodReady, podIPsOf } from './pod-util.ts';
export { HEADLESS_SERVICE_LABEL, LAST_CHANGE_TRIGGER_TIME_ANNOTATION } from './endpoints.ts';
export { ENDPOINTSLICE_CONTROLLER_NAME, MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './endpointslice.ts';
export { MIRRORING_CONTROLLER_NAME } from './endpointslice-mirroring.ts';

export interface ControllerOptions {
  /**
   * The apiserver's create path (defaulting, admission) applied to every object a controller creates
   * before it is stored; identity by default. simulate() can pass the registry's defaulting here, e.g.
   * `(o) => applyDefaults(o, ctx.config)`, so that generated pods look like pods the apiserver admitted
   * (serviceAccountName, enableServiceLinks, default tolerations...). `owned` says the controller built
   * the object from copies and shares no part of it, so it need not be copied again.
   */
  admit?: (obj: KubeObject, owned?: boolean) => KubeObject;
}

/** Upper bound on StatefulSet rounds (one OrderedReady pod per round). */
const MAX_ROUNDS = 1000;

/**
 * Runs the controllers in the order the cluster converges: the workload controllers, then the Service
 * controllers (see both below). Writes generated objects into `store`; never throws for well-typed input.
 */
export function runControllers(
  store: ObjectStore,
  ctx: SimContext,
  options: ControllerOptions = {},
): ControllerReport {
  const cc = newControllerContext(store, ctx, options.admit);
  runWorkloadControllers(cc);
  runServiceControllers(cc);
  return cc.rec.report();
}

/**
 * Nodes (default cluster, node IPAM), the Deployment, ReplicaSet and StatefulSet controllers, the scheduler
 * and the kubelets (repeated while OrderedReady StatefulSets create their next pod), then workload status.
 * Reads and writes only WORKLOAD_KINDS.
 */
export function runWorkloadControllers(cc: ControllerContext): void {
  syncNodes(cc);
  syncDeployments(cc);
  syncReplicaSets(cc);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const created = syncStatefulSets(cc);
    schedulePods(cc);
    runKubelets(cc);
    if (!created) break;
  }
  updateReplicaSetStatus(cc);
  updateDeploymentStatus(cc);
  updateStatefulSetStatus(cc);
}

/**
 * The endpoints and EndpointSlice controllers (with mirroring), then LoadBalancer IPs. They read the
 * workload controllers' pods and nodes but never change them (a reused workload result is shared).
 */
export function runServiceControllers(cc: ControllerContext, memo: SyncMemo = NO_MEMO): void {
  // One index of the pods for both controllers (neither changes a pod), built only if a sync runs.
  const pods = new LazyPodIndex(cc);
  syncEndpoints(cc, memo, pods);
  syncEndpointSlices(cc, memo, pods);
  syncEndpointSliceMirroring(cc);
  syncLoadBalancers(cc);
}
