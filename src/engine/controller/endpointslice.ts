/**
 * The EndpointSlice controller (staging/src/k8s.io/endpointslice: reconciler.go, utils.go): for every
 * Service with a selector (not ExternalName), EndpointSlices `<service>-<5 chars>` labelled
 * `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`,
 * one group of slices per address type and unique port mapping, at most 100 endpoints per slice, and an
 * empty placeholder slice when no pod is selected.
 *
 * Differences from Kubernetes, all about order: the reconciler pops endpoints from a map (random order) and
 * sorts ports by a spew hash; we list endpoints in pod (namespace, name) order and ports in Service order.
 * Empty `endpoints` and `ports` are `[]` here where a real cluster shows `null`.
 */
import type {
  EndpointSlice,
  Node,
  Pod,
  Service,
  ServicePort,
  SliceEndpoint,
  SliceEndpointPort,
} from '../api/objects.ts';
import { findPort } from './find-port.ts';
import { NO_MEMO, type SyncMemo } from './sync-memo.ts';
import { hasServiceSelector } from './label-selector.ts';
import {
  HEADLESS_SERVICE_LABEL,
  LAST_CHANGE_TRIGGER_TIME_ANNOTATION,
  isServiceIPSet,
  lastChangeTriggerTime,
  LazyPodIndex,
} from './endpoints.ts';
import { canonicalIPOfFamily } from './ip-canonical.ts';
import {
  controllerRef,
  createObject,
  diagnose,
  idOfTyped,
  nameOf,
  namespaceOf,
  type ControllerContext,
} from './meta.ts';
import { generateName } from './names.ts';
import { isPodReady, shouldPodBeInEndpoints, shouldSetHostname } from './pod-util.ts';
import { isIPv6 } from '../net/ip.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const MAX_ENDPOINTS_PER_SLICE = 100;

type AddressType = 'IPv4' | 'IPv6';

/** getAddressTypesForService: from ipFamilies, else the clusterIP's family, else (headless) both. */
export function getAddressTypesForService(svc: Service): AddressType[] {
  const fams = svc.spec?.ipFamilies ?? [];
  const out: AddressType[] = [];
  if (fams.includes('IPv4')) out.push('IPv4');
  if (fams.includes('IPv6')) out.push('IPv6');
  if (out.length) return out;
  if (isServiceIPSet(svc)) return [isIPv6(svc.spec!.clusterIP!) ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/** getEndpointAddresses: the pod IPs (podIPsOf) of one family, re-stringified as ParseIPSloppy(ip).String(). */
function getEndpointAddresses(pod: Pod, addressType: AddressType): string[] {
  const podIPs = pod.status?.podIPs ?? [];
  // At most one address per IP: the array is made to size (one per pod per Service) rather than grown.
  const out = new Array<string>(Math.max(podIPs.length, 1));
  let n = 0;
  let listed = false;
  for (const p of podIPs) {
    if (!p.ip) continue;
    listed = true;
    const ip = canonicalIPOfFamily(p.ip, addressType);
    if (ip !== undefined) out[n++] = ip;
  }
  const podIP = pod.status?.podIP;
  if (!listed && podIP) {
    const ip = canonicalIPOfFamily(podIP, addressType);
    if (ip !== undefined) out[n++] = ip;
  }
  out.length = n;
  return out;
}

/**
 * podToEndpoint: serving = pod Ready; terminating = deletionTimestamp set; ready = serving and not
 * terminating, or always with publishNotReadyAddresses. nodeName, zone (from the node's
 * topology.kubernetes.io/zone label), hostname (ShouldSetHostname) and a targetRef to the pod.
 */
export function podToEndpoint(
  pod: Pod,
  node: Node | undefined,
  svc: Service,
  addressType: AddressType,
): SliceEndpoint {
  return endpointWithAddresses(pod, node, svc, getEndpointAddresses(pod, addressType));
}

/**
 * The conditions of an endpoint: one object per combination, shared by every endpoint that has it (nothing
 * changes them once written; there are thousands of endpoints and eight combinations).
 */
function endpointConditions(
  ready: boolean,
  serving: boolean,
  terminating: boolean,
): SliceEndpoint['conditions'] {
  const i = (ready ? 4 : 0) + (serving ? 2 : 0) + (terminating ? 1 : 0);
  return (CONDITIONS[i] ??= { ready, serving, terminating });
}

const CONDITIONS: (SliceEndpoint['conditions'] | undefined)[] = [];

/** podToEndpoint with the addresses already found (desiredGroups leaves out a pod without any). */
function endpointWithAddresses(
  pod: Pod,
  node: Node | undefined,
  svc: Service,
  addresses: string[],
): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ready = (svc.spec?.publishNotReadyAddresses ?? false) || (serving && !terminating);
  // Keys assigned in output order rather than spread: one endpoint per pod per Service.
  const ep: SliceEndpoint = { addresses, conditions: endpointConditions(ready, serving, terminating) };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname!;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  ep.targetRef = { kind: 'Pod', namespace: namespaceOf(pod), name: nameOf(pod) };
  if (pod.metadata?.uid) ep.targetRef.uid = pod.metadata.uid;
  const zone = node?.metadata?.labels?.[ZONE_LABEL];
  if (zone) ep.zone = zone;
  return ep;
}

/** getEndpointPorts: one port per Service port whose targetPort resolves on this pod (FindPort). */
export function getEndpointPorts(svc: Service, pod: Pod): SliceEndpointPort[] {
  const ports = svc.spec?.ports ?? [];
  if (!ports.length && svc.spec?.clusterIP === 'None') return [];
  const out: SliceEndpointPort[] = [];
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({
      name: sp.name ?? '',
      port,
      protocol: sp.protocol ?? 'TCP',
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    });
  }
  return out;
}

/** The reconciler's key for a port mapping: the ports as a set (their order does not matter). */
function portsKey(ports: readonly SliceEndpointPort[]): string {
  return JSON.stringify(ports.map((p) => [p.name, p.port, p.protocol, p.appProtocol ?? null]).sort());
}

/** setEndpointSliceLabels on a new slice: the Service's labels minus reserved keys, plus the reserved ones. */
export function endpointSliceLabels(svc: Service, controllerName: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) {
    if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_SERVICE_LABEL) labels[k] = v;
  }
  if (!isServiceIPSet(svc)) labels[HEADLESS_SERVICE_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = nameOf(svc);
  labels[MANAGED_BY_LABEL] = controllerName;
  return labels;
}

/** trafficdist.ReconcileHints for PreferClose (and v1.33's PreferSameZone): each endpoint hints its zone. */
function addHints(svc: Service, endpoints: SliceEndpoint[]): void {
  const td = (svc.spec as { trafficDistribution?: string } | undefined)?.trafficDistribution;
  if (td !== 'PreferClose' && td !== 'PreferSameZone') return;
  for (const ep of endpoints) {
    if (ep.zone) ep.hints = { forZones: [{ name: ep.zone }] };
  }
}

interface PortGroup {
  ports: SliceEndpointPort[];
  endpoints: SliceEndpoint[];
}

/**
 * The endpoints grouped by port mapping (portsKey of getEndpointPorts), groups in the order of their first
 * pod. A pod's mapping follows from what each Service port resolves to on it, so pods that resolve them
 * alike (all pods, when no targetPort is a name) share one lookup instead of each making its ports.
 */
class PortGroups {
  private readonly byPortsKey = new Map<string, PortGroup>();
  /** By resolutionKey: the group of pods whose Service ports resolved to those numbers. */
  private readonly byResolution = new Map<unknown, PortGroup>();
  private readonly servicePorts: readonly ServicePort[];
  /** Whether some targetPort is a name, which pods may resolve differently. */
  private readonly named: boolean;

  constructor(private readonly svc: Service) {
    this.servicePorts = svc.spec?.ports ?? [];
    this.named = this.servicePorts.some((sp) => typeof (sp.targetPort ?? sp.port) !== 'number');
  }

  /** The group of `pod`'s port mapping (made empty for its first pod). */
  of(pod: Pod): PortGroup {
    const rk = this.named ? resolutionKey(this.servicePorts, pod) : '';
    let g = this.byResolution.get(rk);
    if (g) return g;
    const ports = getEndpointPorts(this.svc, pod);
    const key = portsKey(ports);
    g = this.byPortsKey.get(key);
    if (!g) this.byPortsKey.set(key, (g = { ports, endpoints: [] }));
    this.byResolution.set(rk, g);
    return g;
  }

  /** The groups with endpoints. */
  withEndpoints(): PortGroup[] {
    return [...this.byPortsKey.values()].filter((g) => g.endpoints.length > 0);
  }
}

/**
 * What FindPort gives for each Service port on `pod`, as a Map key: equal keys mean equal getEndpointPorts.
 * The number itself for a single Service port resolved to a number; otherwise text, with a number as
 * itself, anything else as JSON and a failure as "-" (none contains the "," that ends each).
 */
function resolutionKey(servicePorts: readonly ServicePort[], pod: Pod): unknown {
  if (servicePorts.length === 1) {
    const port: unknown = findPort(pod, servicePorts[0]!);
    if (typeof port === 'number') return port;
  }
  let key = '';
  for (const sp of servicePorts) {
    const port: unknown = findPort(pod, sp);
    key += port === undefined ? '-,' : typeof port === 'number' ? `${port},` : `${JSON.stringify(port)},`;
  }
  return key;
}

/** The nodes pods run on, each looked up in the store once per sync (and so recorded once). */
class NodeLookup {
  private readonly nodes = new Map<string, Node | undefined>();

  constructor(private readonly cc: ControllerContext) {}

  get(name: string): Node | undefined {
    if (this.nodes.has(name)) return this.nodes.get(name);
    const node = this.cc.store.get<Node>('Node', undefined, name);
    this.nodes.set(name, node);
    return node;
  }
}

/** reconcileByAddressType for a Service with no existing slices: the desired endpoints per port mapping. */
function desiredGroups(
  nodes: NodeLookup,
  svc: Service,
  pods: readonly Pod[],
  addressType: AddressType,
): PortGroup[] {
  const groups = new PortGroups(svc);
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const g = groups.of(pod);
    const node = pod.spec?.nodeName ? nodes.get(pod.spec.nodeName) : undefined;
    // A pod on a Node that does not exist is left out (and the Service requeued), unless publishNotReadyAddresses.
    if (!node && !svc.spec?.publishNotReadyAddresses) continue;
    const addresses = getEndpointAddresses(pod, addressType);
    if (addresses.length) g.endpoints.push(endpointWithAddresses(pod, node, svc, addresses));
  }
  return groups.withEndpoints();
}

/**
 * The EndpointSlice controller's Reconcile for every Service with a selector. `allPods` may be shared with
 * syncEndpoints: neither controller changes a pod.
 */
export function syncEndpointSlices(
  cc: ControllerContext,
  memo: SyncMemo = NO_MEMO,
  allPods: LazyPodIndex = new LazyPodIndex(cc),
): void {
  const allSlices = cc.store.list<EndpointSlice>('EndpointSlice');
  for (const svc of cc.store.list<Service>('Service')) {
    if (svc.spec?.type === 'ExternalName' || !hasServiceSelector(svc.spec?.selector)) continue;
    // Slices claiming to be this controller's but not made by it in this run: the reconciler replaces them.
    const claimed = allSlices.filter((s) => {
      const l = s.metadata?.labels ?? {};
      return (
        namespaceOf(s) === namespaceOf(svc) &&
        l[SERVICE_NAME_LABEL] === nameOf(svc) &&
        l[MANAGED_BY_LABEL] === ENDPOINTSLICE_CONTROLLER_NAME
      );
    });
    memo.sync(
      cc,
      `endpointslices/${idOfTyped(svc, 'Service')}`,
      () => [svc, claimed],
      () => syncServiceSlices(cc, allPods, svc, claimed),
      allPods.build,
    );
  }
}

/** One Service's slices; `claimed` are the slices labelled as this controller's that it did not make. */
function syncServiceSlices(
  cc: ControllerContext,
  allPods: LazyPodIndex,
  svc: Service,
  claimed: readonly EndpointSlice[],
): void {
  const ns = namespaceOf(svc);
  const svcId = idOfTyped(svc, 'Service');
  for (const s of claimed) {
    cc.store.remove('EndpointSlice', ns, nameOf(s));
    diagnose(cc, {
      severity: 'info',
      code: 'EndpointSliceReplaced',
      objectId: idOfTyped(s, 'EndpointSlice'),
      ownerId: svcId,
      message: `EndpointSlice "${nameOf(s)}" is labelled managed-by ${ENDPOINTSLICE_CONTROLLER_NAME}; the controller replaced it with its own slices for Service "${nameOf(svc)}"`,
    });
  }
  const pods = allPods.selectedBy(svc);
  const triggerTime = lastChangeTriggerTime(svc, pods, cc.ctx.clock.rfc3339());
  const rng = cc.ctx.rng.fork(`generateName:endpointslice/${svcId}`);
  const prefix = `${nameOf(svc)}-`;
  const create = (addressType: AddressType, ports: SliceEndpointPort[], endpoints: SliceEndpoint[]) => {
    const name = generateName(rng, prefix, (n) => cc.store.get('EndpointSlice', ns, n) !== undefined);
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name,
        generateName: prefix,
        namespace: ns,
        labels: endpointSliceLabels(svc, ENDPOINTSLICE_CONTROLLER_NAME),
        annotations: { [LAST_CHANGE_TRIGGER_TIME_ANNOTATION]: triggerTime },
        ownerReferences: [controllerRef(svc, 'v1', 'Service')],
        generation: 1,
      },
      addressType,
      endpoints,
      ports: ports.map((p) => ({ ...p })),
    };
    // Built here from fresh objects and copied strings: admission may keep it as it is.
    createObject(cc, slice, 'EndpointSlice', svc.metadata?.creationTimestamp, true);
  };
  const nodes = new NodeLookup(cc);
  for (const addressType of getAddressTypesForService(svc)) {
    const groups = desiredGroups(nodes, svc, pods, addressType);
    for (const g of groups) {
      addHints(svc, g.endpoints);
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
        create(addressType, g.ports, g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE));
      }
    }
    if (!groups.length) create(addressType, [], []);
  }
}
