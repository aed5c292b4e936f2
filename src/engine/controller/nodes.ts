/**
 * Nodes: the playground's default cluster, what each kubelet reports when it registers, the node IPAM
 * controller (pkg/controller/nodeipam, range allocator) and the taints the node lifecycle controller adds.
 */
import type { Node } from '../api/objects.ts';
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1';
import { formatIPv4, parseCIDR, parseIPv4 } from '../net/ip.ts';
import { createClock, type Clock } from '../sim/clock.ts';
import type { ClusterConfig } from '../sim/config.ts';
import { asKube, diagnose, emit, ensureUid, mut, nameOf, type ControllerContext } from './meta.ts';
import { randomHex } from './names.ts';

export const KUBELET_VERSION = 'v1.31.13';
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

const DEFAULT_NODES: ReadonlyArray<{ name: string; ip: string; controlPlane: boolean }> = [
  { name: 'myserver01', ip: '10.0.2.4', controlPlane: true },
  { name: 'myserver02', ip: '10.0.2.5', controlPlane: false },
  { name: 'myserver03', ip: '10.0.2.6', controlPlane: false },
];

/** First InternalIP for nodes the YAML defines without addresses: the guides' VirtualBox NAT network. */
const FIRST_NODE_IP = '10.0.2.4';

const CAPACITY = {
  cpu: '2',
  'ephemeral-storage': '30297152Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '4010044Ki',
  pods: '110',
};
/** kubeadm's kubelet reserves nothing but evictionHard memory.available<100Mi and nodefs.available<10%. */
const ALLOCATABLE = { ...CAPACITY, 'ephemeral-storage': '27921711143', memory: '3907644Ki' };

/** Workers run `kubeadm join` a few minutes after `kubeadm init`. */
const WORKER_JOIN_DELAY_SECONDS = 300;

/**
 * The playground's default three-node kubeadm cluster, used when the YAML defines no Node: `myserver01`
 * (10.0.2.4, control plane, tainted NoSchedule), `myserver02` (10.0.2.5) and `myserver03` (10.0.2.6), with
 * podCIDRs from `config.podSubnet` in that order. Status is what kubelet v1.31 reports once Ready. The
 * control plane registers at `clock`'s time (default: cluster start) and the workers join 5 minutes later,
 * which is why kube-system pods created at `kubeadm init` (CoreDNS) run on the control plane.
 */
export function defaultNodes(config: ClusterConfig, clock: Clock = createClock()): Node[] {
  const cidrs = nodeCIDRs(config.podSubnet, DEFAULT_NODES.length, new Set());
  const joined = createClock(clock.now() + WORKER_JOIN_DELAY_SECONDS).rfc3339();
  return DEFAULT_NODES.map((d, i) => {
    const cidr = cidrs[i];
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: d.name,
        creationTimestamp: d.controlPlane ? clock.rfc3339() : joined,
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': d.name,
          'kubernetes.io/os': 'linux',
          ...(d.controlPlane
            ? { [CONTROL_PLANE_LABEL]: '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
            : {}),
        },
        annotations: {
          'flannel.alpha.coreos.com/backend-type': 'vxlan',
          'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
          'flannel.alpha.coreos.com/public-ip': d.ip,
          'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec: {
        ...(cidr ? { podCIDR: cidr, podCIDRs: [cidr] } : {}),
        ...(d.controlPlane ? { taints: [{ effect: 'NoSchedule', key: CONTROL_PLANE_LABEL }] } : {}),
      },
      status: { addresses: [{ address: d.ip, type: 'InternalIP' }] },
    };
    return node;
  });
}

/** The first `count` free /24 blocks (or the subnet itself if it is smaller) of `podSubnet`. */
function nodeCIDRs(podSubnet: string, count: number, used: Set<string>): string[] {
  const c = parseCIDR(podSubnet);
  if (!c) return [];
  const mask = Math.max(24, c.bits);
  const size = 2 ** (32 - mask);
  const out: string[] = [];
  for (let base = c.base; base < c.base + c.size && out.length < count; base += size) {
    const cidr = `${formatIPv4(base)}/${mask}`;
    if (!used.has(cidr)) out.push(cidr);
  }
  return out;
}

function readyConditions(now: string): NodeCondition[] {
  const cond = (type: string, status: string, reason: string, message: string): NodeCondition => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  });
  return [
    cond('NetworkUnavailable', 'False', 'FlannelIsUp', 'Flannel is running on this node'),
    cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

export function nodeInternalIP(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/** Ready condition True; a node whose kubelet never reported is treated as Ready (it registers on start). */
export function isNodeReady(node: Node): boolean {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  return ready === undefined || ready.status === 'True';
}

/** What the kubelet writes when it registers: labels, addresses, conditions, capacity and nodeInfo. */
function completeNodeStatus(cc: ControllerContext, node: Node, takeIP: () => string): void {
  const name = nameOf(node);
  const now = cc.ctx.clock.rfc3339();
  const md = (node.metadata ??= {});
  md.labels = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...md.labels,
  };
  const status = (mut(node).status ??= {});
  const addresses = (status.addresses ??= []);
  if (!addresses.some((a) => a.type === 'InternalIP'))
    addresses.unshift({ address: takeIP(), type: 'InternalIP' });
  if (!addresses.some((a) => a.type === 'Hostname')) addresses.push({ address: name, type: 'Hostname' });
  status.capacity ??= { ...CAPACITY };
  status.allocatable ??= { ...ALLOCATABLE };
  status.conditions ??= readyConditions(now);
  status.daemonEndpoints ??= { kubeletEndpoint: { Port: 10250 } };
  const r = cc.ctx.rng.fork(`node:${name}`);
  status.nodeInfo ??= {
    architecture: 'amd64',
    bootID: uuidLike(randomHex(r, 32)),
    containerRuntimeVersion: 'containerd://1.7.24',
    kernelVersion: '6.8.0-49-generic',
    kubeProxyVersion: KUBELET_VERSION,
    kubeletVersion: KUBELET_VERSION,
    machineID: randomHex(r, 32),
    operatingSystem: 'linux',
    osImage: 'Ubuntu 24.04.1 LTS',
    systemUUID: uuidLike(randomHex(r, 32)),
  };
}

function uuidLike(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Taints the node lifecycle controller keeps in step with the node (TaintNodesByCondition):
 * `node.kubernetes.io/unschedulable` for cordoned nodes, `not-ready` / `unreachable` when Ready is not True.
 */
function syncConditionTaints(node: Node): void {
  const want: Taint[] = [];
  if (node.spec?.unschedulable) want.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready && ready.status === 'False')
    want.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
  if (ready && ready.status === 'Unknown')
    want.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' });
  if (!want.length) return;
  const spec = (node.spec ??= {});
  const taints = (spec.taints ??= []);
  for (const t of want) {
    if (!taints.some((x) => x.key === t.key && x.effect === t.effect)) taints.push(t);
  }
}

/**
 * Makes the store's nodes what a running cluster shows: adds the default nodes when there are none,
 * completes what kubelets report, allocates podCIDRs (nodeipam range allocator: next free /24 of
 * podSubnet, in node order, user-given podCIDRs kept) and adds the condition taints.
 */
export function syncNodes(cc: ControllerContext): void {
  const { store, ctx } = cc;
  if (store.list('Node').length === 0) {
    cc.rec.defaultNodes = true;
    for (const node of defaultNodes(ctx.config)) store.write(asKube(node));
  }
  const nodes = store.list<Node>('Node');

  const usedIPs = new Set(nodes.map(nodeInternalIP).filter((ip): ip is string => !!ip));
  let nextIP = parseIPv4(FIRST_NODE_IP)!;
  const takeIP = () => {
    while (usedIPs.has(formatIPv4(nextIP))) nextIP++;
    const ip = formatIPv4(nextIP++);
    usedIPs.add(ip);
    return ip;
  };

  const usedCIDRs = new Set(nodes.map((n) => n.spec?.podCIDR).filter((c): c is string => !!c));
  for (const node of nodes) {
    ensureUid(node, 'Node');
    mut(node.metadata!).creationTimestamp ??= ctx.clock.rfc3339();
    completeNodeStatus(cc, node, takeIP);
    const spec = (node.spec ??= {});
    if (!spec.podCIDR && spec.podCIDRs?.[0]) spec.podCIDR = spec.podCIDRs[0];
    if (!spec.podCIDR) {
      const [cidr] = nodeCIDRs(ctx.config.podSubnet, 1, usedCIDRs);
      if (cidr) {
        spec.podCIDR = cidr;
        spec.podCIDRs = [cidr];
        usedCIDRs.add(cidr);
      } else {
        const message = `Node ${nameOf(node)} status is now: CIDRNotAvailable`;
        emit(cc, () => ({
          type: 'Normal',
          reason: 'CIDRNotAvailable',
          message,
          involvedObject: `node/${nameOf(node)}`,
          source: 'cidrAllocator',
        }));
        diagnose(cc, {
          severity: 'warning',
          code: 'CIDRNotAvailable',
          objectId: `node/${nameOf(node)}`,
          ownerId: `node/${nameOf(node)}`,
          message,
          params: { podSubnet: ctx.config.podSubnet },
        });
      }
    }
    spec.podCIDRs ??= spec.podCIDR ? [spec.podCIDR] : undefined;
    if (spec.podCIDRs === undefined) delete spec.podCIDRs;
    syncConditionTaints(node);
    store.write(asKube(node));
  }
}
