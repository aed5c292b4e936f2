/**
 * The default scheduler's Filter plugins (pkg/scheduler/framework/plugins), in the default profile's order:
 * NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, PodTopologySpread,
 * InterPodAffinity. Each returns the reasons the scheduler prints ("node(s) had untolerated taint ...").
 */
import type { Node, Pod } from '../api/objects.ts';
import type {
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinityTerm,
  Taint,
  Toleration,
} from 'kubernetes-types/core/v1';
import { labelSelectorMatches } from './label-selector.ts';
import { controllerOf, nameOf, namespaceOf } from './meta.ts';
import { milliCPU, quantityValue } from './quantity.ts';

export interface Resources {
  milliCPU: number;
  memory: number;
}

/** framework.NodeInfo, reduced: the node, its bound pods and what they request. */
export interface NodeInfo {
  node: Node;
  pods: Pod[];
  requested: Resources;
  nonZeroRequested: Resources;
  allocatable: Resources & { pods: number };
  usedPorts: { hostIP: string; protocol: string; port: number }[];
  /** NodeInfo.PodsWithRequiredAntiAffinity: the only pods whose anti-affinity can reject an incoming pod. */
  podsWithRequiredAntiAffinity: Pod[];
  /** Bound pods per controller (`namespace/kind/name`), for the default spreading by owner. */
  podsPerController: Map<string, number>;
}

/** A failed Filter: the reasons and whether preemption could ever help (UnschedulableAndUnresolvable). */
export interface FilterStatus {
  reasons: string[];
  unresolvable: boolean;
}

const DEFAULT_MILLI_CPU_REQUEST = 100;
const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** One container's requests (limits standing in for missing requests); the non-zero defaults if asked. */
function containerRequests(
  res: { requests?: Record<string, string>; limits?: Record<string, string> } | undefined,
  nonZero: boolean,
): Resources {
  const cpu = res?.requests?.['cpu'] ?? res?.limits?.['cpu'];
  const mem = res?.requests?.['memory'] ?? res?.limits?.['memory'];
  return {
    milliCPU: cpu === undefined ? (nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0) : milliCPU(cpu),
    memory: mem === undefined ? (nonZero ? DEFAULT_MEMORY_REQUEST : 0) : quantityValue(mem),
  };
}

/** resource.PodRequests: containers summed (plus sidecars), max'ed with each regular init container. */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const total: Resources = { milliCPU: 0, memory: 0 };
  const spec = pod.spec;
  const inits = spec?.initContainers ?? [];
  // Regular containers and sidecars (restartable init containers) run together: their requests add up.
  for (const c of spec?.containers ?? []) {
    const r = containerRequests(c.resources, nonZero);
    total.milliCPU += r.milliCPU;
    total.memory += r.memory;
  }
  for (const c of inits) {
    if (c.restartPolicy !== 'Always') continue;
    const r = containerRequests(c.resources, nonZero);
    total.milliCPU += r.milliCPU;
    total.memory += r.memory;
  }
  for (const c of inits) {
    if (c.restartPolicy === 'Always') continue;
    const r = containerRequests(c.resources, nonZero);
    total.milliCPU = Math.max(total.milliCPU, r.milliCPU);
    total.memory = Math.max(total.memory, r.memory);
  }
  return total;
}

/** What Filter and Score read of the pod being placed, worked out once per pod rather than once per node. */
export interface PodProfile {
  requests: Resources;
  nonZeroRequests: Resources;
  hostPorts: HostPort[];
  /** controllerKey(pod): the spreading group. */
  controllerKey: string | undefined;
}

export interface HostPort {
  hostIP: string;
  protocol: string;
  port: number;
}

export function podProfile(pod: Pod): PodProfile {
  return {
    requests: podRequests(pod),
    nonZeroRequests: podRequests(pod, true),
    hostPorts: hostPorts(pod),
    controllerKey: controllerKey(pod),
  };
}

function hostPorts(pod: Pod): HostPort[] {
  const out: { hostIP: string; protocol: string; port: number }[] = [];
  for (const list of [pod.spec?.containers, pod.spec?.initContainers]) {
    for (const c of list ?? []) {
      for (const p of c.ports ?? []) {
        if (p.hostPort)
          out.push({ hostIP: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port: p.hostPort });
      }
    }
  }
  return out;
}

export function newNodeInfo(node: Node): NodeInfo {
  const a = node.status?.allocatable ?? {};
  return {
    node,
    pods: [],
    requested: { milliCPU: 0, memory: 0 },
    nonZeroRequested: { milliCPU: 0, memory: 0 },
    allocatable: {
      milliCPU: milliCPU(a['cpu'] ?? '0'),
      memory: quantityValue(a['memory'] ?? '0'),
      pods: quantityValue(a['pods'] ?? '110'),
    },
    usedPorts: [],
    podsWithRequiredAntiAffinity: [],
    podsPerController: new Map(),
  };
}

/** The key pods of one controller share (the system default topology spreading groups by owner). */
export function controllerKey(pod: Pod): string | undefined {
  const ref = controllerOf(pod);
  return ref ? `${namespaceOf(pod)}/${ref.kind}/${ref.name}` : undefined;
}

function requiredAntiAffinityTerms(pod: Pod): PodAffinityTerm[] {
  return pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

export function addPod(info: NodeInfo, pod: Pod, profile: PodProfile = podProfile(pod)): void {
  info.pods.push(pod);
  if (requiredAntiAffinityTerms(pod).length > 0) info.podsWithRequiredAntiAffinity.push(pod);
  const key = profile.controllerKey;
  if (key !== undefined) info.podsPerController.set(key, (info.podsPerController.get(key) ?? 0) + 1);
  const r = profile.requests;
  const nz = profile.nonZeroRequests;
  info.requested.milliCPU += r.milliCPU;
  info.requested.memory += r.memory;
  info.nonZeroRequested.milliCPU += nz.milliCPU;
  info.nonZeroRequested.memory += nz.memory;
  for (const p of profile.hostPorts) info.usedPorts.push(p);
}

/** v1helper Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

function tolerated(pod: Pod, taint: Taint): boolean {
  return (pod.spec?.tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first NoSchedule/NoExecute taint the pod does not tolerate (FindMatchingUntoleratedTaint). */
export function untoleratedTaint(pod: Pod, node: Node): Taint | undefined {
  // Filter runs for every pod on every node: most nodes have no taints, so nothing is allocated for them.
  if (!node.spec?.taints?.length) return undefined;
  return node.spec.taints.find(
    (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerated(pod, t),
  );
}

function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const v = Number(value);
      const w = Number(values[0]);
      if (value === undefined || !Number.isInteger(v) || !Number.isInteger(w)) return false;
      return req.operator === 'Gt' ? v > w : v < w;
    }
    default:
      return false;
  }
}

/** nodeaffinity NodeSelectorTerm match: all matchExpressions (labels) and matchFields (metadata.name). */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata?.labels ?? {};
  return (
    exprs.every((r) =>
      requirementMatches(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined),
    ) && fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, nameOf(node)))
  );
}

/** NodeAffinity Filter: spec.nodeSelector and requiredDuringSchedulingIgnoredDuringExecution. */
export function matchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  if (pod.spec?.nodeSelector && !labelSelectorMatches(pod.spec.nodeSelector, node.metadata?.labels))
    return false;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t) => nodeSelectorTermMatches(t, node))) return false;
  return true;
}

function termMatchesPod(term: PodAffinityTerm, owner: Pod, other: Pod): boolean {
  const namespaces = term.namespaces?.length
    ? term.namespaces
    : term.namespaceSelector
      ? undefined
      : [namespaceOf(owner)];
  if (namespaces && !namespaces.includes(namespaceOf(other))) return false;
  return labelSelectorMatches(term.labelSelector, other.metadata?.labels);
}

function sameDomain(a: Node, b: Node, key: string): boolean {
  const la = a.metadata?.labels ?? {};
  const lb = b.metadata?.labels ?? {};
  return Object.prototype.hasOwnProperty.call(la, key) && la[key] === lb[key];
}

/**
 * InterPodAffinity Filter over the pods already bound (`all`), in the plugin's order: the pod's affinity
 * (UnschedulableAndUnresolvable), its anti-affinity, then existing pods' anti-affinity against it.
 */
function interPodAffinity(pod: Pod, info: NodeInfo, all: NodeInfo[]): FilterStatus | undefined {
  const node = info.node;
  const affinity = pod.spec?.affinity;
  if (
    !affinity?.podAffinity &&
    !affinity?.podAntiAffinity &&
    !all.some((o) => o.podsWithRequiredAntiAffinity.length)
  )
    return undefined;
  for (const t of affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const anyMatch = all.some((o) => o.pods.some((p) => termMatchesPod(t, pod, p)));
    const inDomain = all.some(
      (o) => sameDomain(o.node, node, t.topologyKey) && o.pods.some((p) => termMatchesPod(t, pod, p)),
    );
    // The first pod of a group that selects itself may go anywhere the topology key exists.
    const selfMatch =
      !anyMatch &&
      termMatchesPod(t, pod, pod) &&
      Object.prototype.hasOwnProperty.call(node.metadata?.labels ?? {}, t.topologyKey);
    if (!inDomain && !selfMatch)
      return { reasons: ["node(s) didn't match pod affinity rules"], unresolvable: true };
  }
  for (const t of affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (
      all.some(
        (o) => sameDomain(o.node, node, t.topologyKey) && o.pods.some((p) => termMatchesPod(t, pod, p)),
      )
    ) {
      return { reasons: ["node(s) didn't match pod anti-affinity rules"], unresolvable: false };
    }
  }
  for (const other of all) {
    for (const existing of other.podsWithRequiredAntiAffinity) {
      const terms = requiredAntiAffinityTerms(existing);
      if (
        terms.some((t) => termMatchesPod(t, existing, pod) && sameDomain(other.node, node, t.topologyKey))
      ) {
        return { reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"], unresolvable: false };
      }
    }
  }
  return undefined;
}

/** PodTopologySpread Filter for the pod's DoNotSchedule constraints. */
function podTopologySpread(pod: Pod, info: NodeInfo, all: NodeInfo[]): FilterStatus | undefined {
  if (!pod.spec?.topologySpreadConstraints?.length) return undefined;
  const constraints = (pod.spec?.topologySpreadConstraints ?? []).filter(
    (c) => c.whenUnsatisfiable === 'DoNotSchedule',
  );
  if (!constraints.length) return undefined;
  const hasKeys = (n: Node) =>
    constraints.every((c) => Object.prototype.hasOwnProperty.call(n.metadata?.labels ?? {}, c.topologyKey));
  if (!hasKeys(info.node)) {
    return {
      reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"],
      unresolvable: true,
    };
  }
  const eligible = all.filter((o) => hasKeys(o.node) && matchesNodeSelectorAndAffinity(pod, o.node));
  for (const c of constraints) {
    const counts = new Map<string, number>();
    for (const o of eligible) {
      const domain = o.node.metadata!.labels![c.topologyKey]!;
      const n = o.pods.filter(
        (p) =>
          namespaceOf(p) === namespaceOf(pod) &&
          !p.metadata?.deletionTimestamp &&
          labelSelectorMatches(c.labelSelector, p.metadata?.labels),
      ).length;
      counts.set(domain, (counts.get(domain) ?? 0) + n);
    }
    const min = counts.size ? Math.min(...counts.values()) : 0;
    const domain = info.node.metadata!.labels![c.topologyKey]!;
    const self = labelSelectorMatches(c.labelSelector, pod.metadata?.labels) ? 1 : 0;
    if ((counts.get(domain) ?? 0) + self - min > c.maxSkew) {
      return { reasons: ["node(s) didn't match pod topology spread constraints"], unresolvable: false };
    }
  }
  return undefined;
}

/** Runs the Filter plugins in order; the first failing plugin's status is the node's status. */
/** `profile` is podProfile(pod), passed in when the caller filters many nodes for one pod. */
export function filterNode(
  pod: Pod,
  info: NodeInfo,
  all: NodeInfo[],
  profile: PodProfile = podProfile(pod),
): FilterStatus | undefined {
  const node = info.node;
  if (
    node.spec?.unschedulable &&
    !tolerated(pod, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })
  ) {
    return { reasons: ['node(s) were unschedulable'], unresolvable: true };
  }
  const taint = untoleratedTaint(pod, node);
  if (taint)
    return {
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      unresolvable: true,
    };
  if (!matchesNodeSelectorAndAffinity(pod, node)) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  }
  const wanted = profile.hostPorts;
  const conflict =
    wanted.length > 0 &&
    wanted.some((w) =>
      info.usedPorts.some(
        (u) =>
          u.port === w.port &&
          u.protocol === w.protocol &&
          (u.hostIP === '0.0.0.0' || w.hostIP === '0.0.0.0' || u.hostIP === w.hostIP),
      ),
    );
  if (conflict)
    return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
  const fit: string[] = [];
  if (info.pods.length + 1 > info.allocatable.pods) fit.push('Too many pods');
  const req = profile.requests;
  if (req.milliCPU > 0 && req.milliCPU > info.allocatable.milliCPU - info.requested.milliCPU)
    fit.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > info.allocatable.memory - info.requested.memory)
    fit.push('Insufficient memory');
  if (fit.length) return { reasons: fit, unresolvable: false };
  return podTopologySpread(pod, info, all) ?? interPodAffinity(pod, info, all);
}
