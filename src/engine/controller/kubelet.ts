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
import type { ContainerStatus, PodCondition } from 'kubernetes-types/core/v1';
import { formatIPv4, parseCIDR, type CIDR } from '../net/ip.ts';
import { asKube, diagnose, emit, mut, nameOf, rootOwnerId, type ControllerContext } from './meta.ts';
import { byCreation } from './scheduler.ts';
import { randomHex } from './names.ts';
import { isNodeReady, nodeInternalIP } from './nodes.ts';
import { getPodCondition, podIPsOf } from './pod-util.ts';

/** Docker reference normalization: `nginx` -> `docker.io/library/nginx:latest`. */
export function normalizeImage(image: string): string {
  // Every container of every pod asks, mostly for the same few images: one string per image.
  let ref = normalizedImages.get(image);
  if (ref === undefined) {
    if (normalizedImages.size >= IMAGE_ID_CACHE_LIMIT) normalizedImages.clear();
    normalizedImages.set(image, (ref = normalizeImageRef(image)));
  }
  return ref;
}

const normalizedImages = new Map<string, string>();

function normalizeImageRef(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let ref = hasDomain ? image : `docker.io/${slash < 0 ? `library/${image}` : image}`;
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  if (!ref.includes('@') && !lastPart.includes(':')) ref += ':latest';
  return ref;
}

/** The imageID the runtime reports: `<repository>@sha256:<digest>`, one digest per normalized image. */
function imageID(cc: ControllerContext, image: string): string {
  const ref = normalizeImage(image);
  const at = ref.indexOf('@');
  if (at >= 0) return ref;
  // A fork depends only on the seed and its label, so every pod of an image gets the same digest: made once.
  const key = `${cc.ctx.rng.seed}/${ref}`;
  let id = imageIDs.get(key);
  if (id === undefined) {
    if (imageIDs.size >= IMAGE_ID_CACHE_LIMIT) imageIDs.clear();
    const repo = ref.slice(0, ref.lastIndexOf(':'));
    id = `${repo}@sha256:${randomHex(cc.ctx.rng.fork(`image:${ref}`), 64)}`;
    imageIDs.set(key, id);
  }
  return id;
}

const imageIDs = new Map<string, string>();
const IMAGE_ID_CACHE_LIMIT = 10_000;

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

/**
 * Status parts that are the same for many pods (conditions of one instant, a node's hostIPs, a container's
 * running state), made once and shared by every pod and every simulation that needs them: thousands of
 * pods then hold a few objects instead of thousands of equal ones, and a re-simulation's result holds old
 * ones the garbage collector need not move. Nothing changes a status part in place (a later kubelet pass
 * builds new ones), so sharing them is safe.
 */
class SharedStatusParts {
  /** Conditions without reason or message, by instant, then type and status. */
  private readonly plain = new Map<string, Map<string, Cond>>();
  /** The kubelet's form of a condition the pod already had, by that condition. */
  private readonly keptConditions = new Map<Cond, Cond>();
  private readonly hostIPs = new Map<string, { ip: string }[]>();
  private readonly running = new Map<string, ContainerStatus['state']>();
  readonly noLastState = {};

  cond(type: string, ok: boolean, now: string, reason?: string, message?: string): Cond {
    // A condition with a reason is rare (not ready, completed): it is not worth a key.
    if (reason || message) return cond(type, ok, now, reason, message);
    let atNow = this.plain.get(now);
    if (!atNow) this.plain.set(now, (atNow = new Map()));
    const key = ok ? type : `!${type}`;
    let c = atNow.get(key);
    if (!c) atNow.set(key, (c = cond(type, ok, now)));
    return c;
  }

  /** A condition the pod already had (the scheduler's, or one from the YAML), in the kubelet's form. */
  kept(u: Cond, now: string): Cond {
    // With both times given the form does not depend on `now`: one per condition object.
    const timed = u.lastProbeTime !== undefined && u.lastTransitionTime !== undefined;
    let c = timed ? this.keptConditions.get(u) : undefined;
    if (!c) {
      c = { type: u.type, status: u.status };
      if (u.reason) c.reason = u.reason;
      if (u.message) c.message = u.message;
      c.lastProbeTime = u.lastProbeTime ?? (null as unknown as string);
      c.lastTransitionTime = u.lastTransitionTime ?? now;
      if (timed) this.keptConditions.set(u, c);
    }
    return c;
  }

  hostIPsOf(ip: string): { ip: string }[] {
    let ips = this.hostIPs.get(ip);
    if (!ips) this.hostIPs.set(ip, (ips = [{ ip }]));
    return ips;
  }

  runningSince(now: string): ContainerStatus['state'] {
    let state = this.running.get(now);
    if (!state) this.running.set(now, (state = { running: { startedAt: now } }));
    return state;
  }

  /** Forgets everything once it holds too much (conditions from the YAML are kept by object). */
  trim(): void {
    if (this.plain.size + this.keptConditions.size + this.hostIPs.size + this.running.size < 50_000) return;
    this.plain.clear();
    this.keptConditions.clear();
    this.hostIPs.clear();
    this.running.clear();
  }
}

const sharedParts = new SharedStatusParts();

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

type Cond = PodCondition;

const NO_STATUSES: ReadonlyMap<string, ContainerStatus> = new Map();

function cond(type: string, ok: boolean, now: string, reason?: string, message?: string): Cond {
  // Keys assigned in order rather than spread: six conditions per pod, thousands of pods.
  const c: Cond = { type, status: ok ? 'True' : 'False' };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  c.lastProbeTime = null as unknown as string;
  c.lastTransitionTime = now;
  return c;
}

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

function containerStatus(
  cc: ControllerContext,
  podId: string,
  c: Container,
  given: ContainerStatus | undefined,
  phase: string,
  ready: boolean,
  now: string,
  parts: SharedStatusParts,
): ContainerStatus {
  // A running container the YAML says nothing about: the same status as last simulation's, if any.
  const plain = given === undefined && phase !== 'Succeeded' && phase !== 'Failed';
  const seed = cc.ctx.rng.seed;
  const image = c.image ?? '';
  const known = plain ? runningStatuses.get(podId) : undefined;
  if (known)
    for (const e of known)
      if (e.name === c.name && e.image === image && e.now === now && e.ready === ready && e.seed === seed)
        return e.status;
  const containerID = `containerd://${randomHex(cc.ctx.rng.fork(`containerID:${podId}/${c.name}`), 64)}`;
  if (given?.state?.waiting) {
    const base: ContainerStatus = {
      image: normalizeImage(image),
      imageID: '',
      lastState: parts.noLastState,
      name: c.name,
      ready: false,
      restartCount: 0,
      started: false,
    };
    return Object.assign(base, given);
  }
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const state = terminal
    ? {
        terminated: {
          containerID,
          exitCode: phase === 'Succeeded' ? 0 : 1,
          finishedAt: now,
          reason: phase === 'Succeeded' ? 'Completed' : 'Error',
          startedAt: now,
        },
      }
    : parts.runningSince(now);
  const base: ContainerStatus = {
    containerID,
    image: normalizeImage(image),
    imageID: imageID(cc, image),
    lastState: parts.noLastState,
    name: c.name,
    ready: !terminal && ready,
    restartCount: 0,
    started: !terminal,
    state,
  };
  if (plain) {
    if (runningStatuses.size >= RUNNING_STATUS_CACHE_LIMIT) runningStatuses.clear();
    const entry = { name: c.name, image, now, ready, seed, status: base };
    const list = known ?? [];
    if (list.push(entry) > MAX_STATUSES_PER_POD) list.shift();
    if (!known) runningStatuses.set(podId, list);
    return base;
  }
  return Object.assign(base, given);
}

/**
 * The statuses of running containers without a status in the YAML, by pod id, with everything else they
 * are made from (seed, container name and image, start time, readiness). Shared from one simulation's
 * result to the next (nothing changes one once made): re-simulating 2,000 pods then makes 2,000 fewer
 * container IDs, and the result holds objects the garbage collector no longer has to move.
 */
const runningStatuses = new Map<
  string,
  { name: string; image: string; now: string; ready: boolean; seed: number; status: ContainerStatus }[]
>();
/** Statuses kept per pod: its containers, under a few seeds or start times. */
const MAX_STATUSES_PER_POD = 16;

/** `[{ ip }]`, one per address, shared across simulations like runningStatuses (and its string too). */
function singlePodIPs(ip: string): { ip: string }[] {
  let ips = podIPLists.get(ip);
  if (!ips) {
    if (podIPLists.size >= RUNNING_STATUS_CACHE_LIMIT) podIPLists.clear();
    podIPLists.set(ip, (ips = [{ ip }]));
  }
  return ips;
}

const podIPLists = new Map<string, { ip: string }[]>();

/**
 * `list`, or the pod's list of the same kind from the last simulation when it holds the very same objects
 * (container statuses and conditions are shared across simulations): the list is then shared too.
 */
function sharedList<T>(lists: Map<string, T[]>, podId: string, list: T[]): T[] {
  const last = lists.get(podId);
  if (last && sameItems(last, list)) return last;
  if (lists.size >= RUNNING_STATUS_CACHE_LIMIT) lists.clear();
  lists.set(podId, list);
  return list;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const statusLists = new Map<string, ContainerStatus[]>();
const conditionLists = new Map<string, Cond[]>();
const RUNNING_STATUS_CACHE_LIMIT = 50_000;

/**
 * The generated conditions, each replaced by the pod's own of the same type if it has one, then the pod's
 * conditions of other types (the last of a type, in first-seen order).
 */
function mergeConditions(
  existing: readonly Cond[],
  generated: Cond[],
  now: string,
  parts: SharedStatusParts,
): Cond[] {
  // Usual case: the scheduler's PodScheduled alone. No index to build for one condition.
  if (existing.length === 1) {
    const only = existing[0]!;
    let matched = false;
    const merged = generated.map((g) =>
      g.type === only.type ? ((matched = true), parts.kept(only, now)) : g,
    );
    if (!matched) merged.push(only);
    return merged;
  }
  const byType = new Map<string, Cond>(existing.map((c) => [c.type, c]));
  const merged = generated.map((g) => {
    const u = byType.get(g.type);
    byType.delete(g.type);
    return u ? parts.kept(u, now) : g;
  });
  return [...merged, ...byType.values()];
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
