/**
 * "Why does this Service have no endpoints?" — the questions the EndpointSlice controller asks of every
 * pod (pkg/controller/endpointslice/reconciler.go and k8s.io/endpointslice/utils.go), answered one by one
 * for a learner: same namespace? every selector label present with the same value? does the pod have an
 * IP and is it Ready? can each Service port's `targetPort` be found among the pod's container ports
 * (podutil.FindPort)? Reads a SimulationResult only; decides nothing the controller did not.
 */
import type { Pod, Service } from '../api/objects.ts';
import { findPort } from '../controller/find-port.ts';
import { hasServiceSelector } from '../controller/label-selector.ts';
import { isPodReady, shouldPodBeInEndpoints } from '../controller/pod-util.ts';
import type { SimulationResult } from '../sim/result.ts';

/** One selector pair against one pod's labels. */
export interface LabelCheck {
  key: string;
  /** The value the Service's selector asks for. */
  want: string;
  /** The pod's value for this key, absent when the pod lacks the label. */
  have?: string;
  ok: boolean;
}

/** One Service port against one pod. `targetPort` is the Service's (a number or a container port name). */
export interface PortCheck {
  portName?: string;
  port: number;
  targetPort: number | string;
  protocol: string;
  /** The container port it resolves to on this pod (podutil.FindPort), absent when a named port is missing. */
  resolved?: number;
  ok: boolean;
  /** Names of the pod's container ports with this protocol, to suggest a fix for a named targetPort. */
  available: { name?: string; containerPort: number }[];
}

export type EndpointReason =
  | 'namespace' // the pod lives in another namespace: a selector never reaches across namespaces
  | 'labels' // a selector label is missing or has another value
  | 'noIP' // not scheduled or not started: no pod IP, so no endpoint
  | 'terminal' // Succeeded or Failed
  | 'terminating' // being deleted
  | 'notReady' // an endpoint, but with ready=false: kube-proxy sends it nothing
  | 'portName'; // a named targetPort is not among the pod's container ports

export interface PodEndpointCheck {
  podId: string;
  namespace: string;
  name: string;
  ip?: string;
  phase: string;
  ready: boolean;
  sameNamespace: boolean;
  labels: LabelCheck[];
  /** Every selector label matches and the namespace is the Service's. */
  selected: boolean;
  ports: PortCheck[];
  /** What the EndpointSlice controller made of this pod for this Service. */
  endpoint: 'ready' | 'notReady' | 'none';
  /** Empty exactly when `endpoint` is `ready`. */
  reasons: EndpointReason[];
}

export interface ServiceEndpointsExplanation {
  serviceId: string;
  found: boolean;
  namespace: string;
  name: string;
  type: string;
  /** null when the Service has no selector (its Endpoints are written by hand, or it is an ExternalName). */
  selector: Record<string, string> | null;
  publishNotReadyAddresses: boolean;
  /** Ready endpoint addresses in the Service's EndpointSlices (what kube-proxy would use). */
  readyEndpoints: number;
  /** Every pod of the cluster, those closest to being selected first. */
  pods: PodEndpointCheck[];
}

const podKey = (p: Pod) => `pod/${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`;

function readyEndpointCount(result: SimulationResult, ns: string, name: string): number {
  let n = 0;
  for (const slice of result.cluster.endpointSlices) {
    if (slice.metadata?.namespace !== ns) continue;
    if (slice.metadata?.labels?.['kubernetes.io/service-name'] !== name) continue;
    for (const ep of slice.endpoints ?? []) if (ep.conditions?.ready !== false) n += ep.addresses.length;
  }
  return n;
}

function checkPorts(svc: Service, pod: Pod): PortCheck[] {
  const containers = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  return (svc.spec?.ports ?? []).map((sp) => {
    const protocol = sp.protocol ?? 'TCP';
    const resolved = findPort(pod, sp);
    const available = containers.flatMap((c) =>
      (c.ports ?? [])
        .filter((p) => (p.protocol ?? 'TCP') === protocol)
        .map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort })),
    );
    return {
      ...(sp.name ? { portName: sp.name } : {}),
      port: sp.port,
      targetPort: sp.targetPort ?? sp.port,
      protocol,
      ...(resolved !== undefined ? { resolved } : {}),
      ok: resolved !== undefined,
      available,
    };
  });
}

function checkPod(svc: Service, selector: Record<string, string> | null, pod: Pod): PodEndpointCheck {
  const svcNs = svc.metadata?.namespace ?? 'default';
  const namespace = pod.metadata?.namespace ?? 'default';
  const have = pod.metadata?.labels ?? {};
  const labels: LabelCheck[] = Object.entries(selector ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, want]) => {
      const value = Object.prototype.hasOwnProperty.call(have, key) ? have[key] : undefined;
      return { key, want, ...(value !== undefined ? { have: value } : {}), ok: value === want };
    });
  const sameNamespace = namespace === svcNs;
  const selected = selector !== null && sameNamespace && labels.every((l) => l.ok);
  const ready = isPodReady(pod);
  const ports = checkPorts(svc, pod);
  const reasons: EndpointReason[] = [];
  if (!sameNamespace) reasons.push('namespace');
  if (selector === null || !labels.every((l) => l.ok)) reasons.push('labels');
  const phase = pod.status?.phase ?? 'Pending';
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (terminal) reasons.push('terminal');
  else if (pod.metadata?.deletionTimestamp) reasons.push('terminating');
  else if (!shouldPodBeInEndpoints(pod, false)) reasons.push('noIP');
  if (ports.some((p) => !p.ok)) reasons.push('portName');
  const eligible = selected && !reasons.some((r) => r === 'terminal' || r === 'noIP' || r === 'terminating');
  const publish = svc.spec?.publishNotReadyAddresses === true;
  if (eligible && !ready && !publish) reasons.push('notReady');
  const endpoint: PodEndpointCheck['endpoint'] = !eligible
    ? 'none'
    : reasons.length === 0
      ? 'ready'
      : reasons.every((r) => r === 'notReady')
        ? 'notReady'
        : 'none';
  return {
    podId: podKey(pod),
    namespace,
    name: pod.metadata?.name ?? '',
    ...(pod.status?.podIP ? { ip: pod.status.podIP } : {}),
    phase,
    ready,
    sameNamespace,
    labels,
    selected,
    ports,
    endpoint,
    reasons,
  };
}

/** Fewer problems first; then same namespace; then by id (deterministic). */
function closeness(a: PodEndpointCheck, b: PodEndpointCheck): number {
  const misses = (c: PodEndpointCheck) =>
    c.reasons.length * 10 + c.labels.filter((l) => !l.ok).length + (c.sameNamespace ? 0 : 5);
  return misses(a) - misses(b) || a.podId.localeCompare(b.podId);
}

/**
 * Explains, for every pod in the cluster, whether and why it is (not) a ready endpoint of the Service
 * `serviceId` (`service/<namespace>/<name>`). A Service that does not exist gives `found: false` and no pods.
 * Differs from the controller in one way: it also reports pods in other namespaces, which the controller
 * never looks at, because "my pod is in another namespace" is a common reason a class meets.
 */
export function explainServiceEndpoints(
  result: SimulationResult,
  serviceId: string,
): ServiceEndpointsExplanation {
  const svc = result.cluster.services.find(
    (s) => `service/${s.metadata?.namespace ?? 'default'}/${s.metadata?.name ?? ''}` === serviceId,
  );
  const [, namespace = 'default', name = ''] = serviceId.split('/');
  if (!svc) {
    return {
      serviceId,
      found: false,
      namespace,
      name,
      type: 'ClusterIP',
      selector: null,
      publishNotReadyAddresses: false,
      readyEndpoints: 0,
      pods: [],
    };
  }
  const selector = hasServiceSelector(svc.spec?.selector) ? { ...svc.spec!.selector! } : null;
  const type = svc.spec?.type ?? 'ClusterIP';
  const pods =
    selector === null || type === 'ExternalName'
      ? []
      : result.cluster.pods.map((p) => checkPod(svc, selector, p)).sort(closeness);
  return {
    serviceId,
    found: true,
    namespace,
    name,
    type,
    selector,
    publishNotReadyAddresses: svc.spec?.publishNotReadyAddresses === true,
    readyEndpoints: readyEndpointCount(result, namespace, name),
    pods,
  };
}
