/**
 * The kubelet on each node, reduced to the pod status it reports once the containers run (pkg/kubelet
 * status manager, generateAPIPodStatus): phase Running, hostIP(s), podIP(s) from the flannel/host-local
 * IPAM of the node's podCIDR (skipping the network address and the cni0 gateway .1), the conditions
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled, and containerStatuses.
 *
 * Status given in the YAML is honoured and only what is missing is filled in:
 * - `status.podIP(s)` and `status.phase` Succeeded/Failed are kept;
 * - a containerStatus with `state.waiting` keeps the pod Pending (ContainerCreating, ImagePullBackOff...);
 *   phase Pending alone is the apiserver's initial phase and does not;
 * - a `Ready` condition is kept; Ready False also marks the containers not ready, as a failing readiness
 *   probe does;
 * - spec.readinessGates whose condition is not True keep Ready False (ReadinessGatesNotReady).
 */
import type { Container, Node, Pod } from '../api/objects.ts';
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { formatIPv4, parseCIDR, type CIDR } from '../net/ip.ts';
import { asKube, diagnose, emit, mut, nameOf, rootOwnerId, type ControllerContext } from './meta.ts';
import { byCreation } from './scheduler.ts';
import { containerStatus } from './container-status.ts';
import { isNodeReady, nodeInternalIP } from './nodes.ts';
import { getPodCondition, podIPsOf } from './pod-util.ts';
import {
  conditionLists,
  mergeConditions,
  sharedList,
  sharedParts,
  singlePodIPs,
  statusLists,
  type Cond,
  type SharedStatusParts,
} from './status-parts.ts';

/** pkg/apis/core/helper/qos GetPodQOS. */
export function podQOSClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      const effectiveReq = req[r] ?? lim[r];
      if (lim[r] === undefined || String(effectiveReq) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * The addresses already taken, and per podCIDR the lowest address not yet known to be free. `used` only
 * grows during a kubelet pass, so the lowest free address never moves down: resuming from `next` gives
 * the same answer as scanning from .2 every time, without the quadratic scan over 2,000 pods.
 */
interface PodIPAM {
  used: Set<string>;
  next: Map<string, number>;
  /** parseCIDR per podCIDR text, parsed once per pass rather than once per pod. */
  ranges: Map<string, CIDR | undefined>;
}

/** host-local IPAM over the node's podCIDR: the lowest free address from .2 up to the last before broadcast. */
function allocatePodIP(podCIDR: string | undefined, ipam: PodIPAM): { ip?: string; error?: string } {
  let c: CIDR | undefined;
  if (podCIDR) {
    if (!ipam.ranges.has(podCIDR)) ipam.ranges.set(podCIDR, parseCIDR(podCIDR));
    c = ipam.ranges.get(podCIDR);
  }
  if (!c || !podCIDR)
    return {
      error:
        'plugin type="flannel" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory',
    };
  const first = c.base + 2;
  const last = c.base + c.size - 2;
  for (let n = Math.max(first, ipam.next.get(podCIDR) ?? first); n <= last; n++) {
    const ip = formatIPv4(n);
    if (ipam.used.has(ip)) continue;
    ipam.next.set(podCIDR, n);
    return { ip };
  }
  ipam.next.set(podCIDR, last + 1);
  return {
    error: `plugin type="flannel" failed (add): failed to delegate add: failed to allocate for range 0: no IP addresses available in range set: ${formatIPv4(c.base + 1)}-${formatIPv4(last)}`,
  };
}

const NO_STATUSES: ReadonlyMap<string, ContainerStatus> = new Map();

function readinessGateProblems(pod: Pod): string[] {
  const problems: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = getPodCondition(pod, gate.conditionType);
    if (!c)
      problems.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True')
      problems.push(
        `the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`,
      );
  }
  return problems;
}

/** The status the kubelet reports for a pod it runs; see the module comment for what is kept. */
function syncPodStatus(
  cc: ControllerContext,
  pod: Pod,
  node: Node,
  ipam: PodIPAM,
  parts: SharedStatusParts,
): void {
  // The kubelet starts the pod right after it is bound: times are the binding's, not the simulation's end.
  const scheduled = getPodCondition(pod, 'PodScheduled');
  const now =
    (scheduled?.status === 'True' ? scheduled.lastTransitionTime : undefined) ??
    pod.metadata?.creationTimestamp ??
    cc.ctx.clock.rfc3339();
  const podId = cc.store.idOfStored(asKube(pod));
  const status = (mut(pod).status ??= {});
  const firstSync = !status.startTime;
  const hostIP = nodeInternalIP(node);

  if (hostIP) {
    status.hostIP ??= hostIP;
    status.hostIPs ??= parts.hostIPsOf(status.hostIP);
  }
  let ips = podIPsOf(pod);
  let sandboxError: string | undefined;
  if (!ips.length) {
    if (pod.spec?.hostNetwork && hostIP) ips = [hostIP];
    else {
      const got = allocatePodIP(node.spec?.podCIDR, ipam);
      if (got.ip) {
        ips = [got.ip];
        ipam.used.add(got.ip);
      } else sandboxError = got.error;
    }
  }
  if (ips.length === 1) {
    const podIPs = singlePodIPs(ips[0]!);
    status.podIP = podIPs[0]!.ip; // podIP first: keys keep the order they have always had
    status.podIPs = podIPs;
  } else if (ips.length) {
    status.podIP = ips[0];
    status.podIPs = ips.map((ip) => ({ ip }));
  }

  // Container statuses given in the YAML, by name (a generated pod has none: nothing to allocate).
  const given = status.containerStatuses?.length
    ? new Map<string, ContainerStatus>(status.containerStatuses.map((s: ContainerStatus) => [s.name, s]))
    : NO_STATUSES;
  let waiting = sandboxError !== undefined;
  for (const s of given.values()) if (s.state?.waiting) waiting = true;
  const phase =
    status.phase === 'Succeeded' || status.phase === 'Failed'
      ? status.phase
      : waiting
        ? 'Pending'
        : 'Running';
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const userReady = getPodCondition(pod, 'Ready');
  const containers = pod.spec?.containers ?? [];
  const forcedUnready = userReady?.status === 'False' && !getPodCondition(pod, 'ContainersReady');
  const statuses = sharedList(
    statusLists,
    podId,
    containers.map((c) => {
      const g = sandboxError
        ? ({ name: c.name, state: { waiting: { reason: 'ContainerCreating' } } } as ContainerStatus)
        : given.get(c.name);
      return containerStatus(cc, podId, c, g, phase, !forcedUnready, now, parts);
    }),
  );
  const unready: string[] = [];
  for (const s of statuses) if (!s.ready) unready.push(s.name);

  const generated: Cond[] = [];
  generated.push(parts.cond('PodReadyToStartContainers', !terminal && sandboxError === undefined, now));
  generated.push(parts.cond('Initialized', true, now, terminal ? 'PodCompleted' : undefined));
  const containersReady = terminal
    ? parts.cond('ContainersReady', false, now, 'PodCompleted')
    : unready.length
      ? parts.cond(
          'ContainersReady',
          false,
          now,
          'ContainersNotReady',
          `containers with unready status: [${unready.join(' ')}]`,
        )
      : parts.cond('ContainersReady', true, now);
  const gates = readinessGateProblems(pod);
  const ready = terminal
    ? parts.cond('Ready', false, now, 'PodCompleted')
    : unready.length
      ? parts.cond(
          'Ready',
          false,
          now,
          'ContainersNotReady',
          `containers with unready status: [${unready.join(' ')}]`,
        )
      : gates.length
        ? parts.cond('Ready', false, now, 'ReadinessGatesNotReady', gates.join(', '))
        : parts.cond('Ready', true, now);
  generated.push(ready, containersReady, parts.cond('PodScheduled', true, now));

  status.conditions = sharedList(
    conditionLists,
    podId,
    mergeConditions(status.conditions ?? [], generated, now, parts),
  );
  status.containerStatuses = statuses;
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length && !status.initContainerStatuses) {
    status.initContainerStatuses = inits.map((c: Container) => {
      const s = containerStatus(
        cc,
        podId,
        c,
        undefined,
        c.restartPolicy === 'Always' ? phase : 'Succeeded',
        true,
        now,
        parts,
      );
      return c.restartPolicy === 'Always' ? s : { ...s, ready: true };
    });
  }
  status.phase = phase;
  status.qosClass ??= podQOSClass(pod);
  status.startTime ??= now;

  if (sandboxError) {
    const message = `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: ${sandboxError}`;
    diagnose(cc, {
      severity: 'warning',
      code: 'FailedCreatePodSandBox',
      objectId: podId,
      ownerId: rootOwnerId(cc.store, pod, 'Pod'),
      message,
    });
    if (firstSync)
      emit(cc, () => ({
        type: 'Warning',
        reason: 'FailedCreatePodSandBox',
        message,
        involvedObject: podId,
        source: 'kubelet',
      }));
  } else if (firstSync && phase === 'Running') {
    for (const c of containers) {
      if (given.get(c.name)?.state?.waiting) continue;
      emit(cc, () => ({
        type: 'Normal',
        reason: 'Created',
        message: `Created container ${c.name}`,
        involvedObject: podId,
        source: 'kubelet',
      }));
      emit(cc, () => ({
        type: 'Normal',
        reason: 'Started',
        message: `Started container ${c.name}`,
        involvedObject: podId,
        source: 'kubelet',
      }));
    }
  }
}

/**
 * Runs the kubelet of every Ready node over the pods bound to it. Pods bound to a node that does not
 * exist or is not Ready stay as they are (Pending), with a NodeNotFound / NodeNotReady diagnostic.
 */
export function runKubelets(cc: ControllerContext): void {
  // Each kubelet starts its pods in the order they were bound: the scheduler's order.
  const pods = byCreation(cc.store.list<Pod>('Pod'), (p) => cc.store.creationIndex(asKube(p)));
  const usedIPs = new Set<string>();
  for (const p of pods) {
    if (!p.spec?.hostNetwork) for (const ip of podIPsOf(p)) usedIPs.add(ip);
  }
  const ipam: PodIPAM = { used: usedIPs, next: new Map(), ranges: new Map() };
  const parts = sharedParts;
  parts.trim();
  // The kubelets change pods only, so each node is looked up once for all its pods.
  const nodes = new Map<string, Node | null>();
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) continue;
    const podId = cc.store.idOfStored(asKube(pod));
    let node = nodes.get(nodeName);
    if (node === undefined)
      nodes.set(nodeName, (node = cc.store.get<Node>('Node', undefined, nodeName) ?? null));
    if (!node || !isNodeReady(node)) {
      diagnose(cc, {
        severity: 'warning',
        code: node ? 'NodeNotReady' : 'NodeNotFound',
        objectId: podId,
        ownerId: rootOwnerId(cc.store, pod, 'Pod'),
        message: node
          ? `Pod ${nameOf(pod)} is bound to node "${nodeName}", which is not Ready`
          : `Pod ${nameOf(pod)} is bound to node "${nodeName}", which does not exist`,
        params: { node: nodeName },
      });
      continue;
    }
    syncPodStatus(cc, pod, node, ipam, parts);
    cc.store.write(asKube(pod));
  }
}
