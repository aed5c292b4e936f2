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
import type { EndpointSlice, Node, Pod, Service, SliceEndpoint, SliceEndpointPort } from '../api/objects.ts';
import { findPort } from './find-port.ts';
import { NO_MEMO, type SyncMemo } from './sync-memo.ts';
import { hasServiceSelector } from './label-selector.ts';
import {
  HEADLESS_SERVICE_LABEL,
  LAST_CHANGE_TRIGGER_TIME_ANNOTATION,
  isServiceIPSet,
  lastChangeTriggerTime,
  selectedPodsIndexed,
} from './endpoints.ts';
import { parseIPSloppy } from './ip-canonical.ts';
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
import { isPodReady, podIPsOf, shouldPodBeInEndpoints, shouldSetHostname } from './pod-util.ts';
import { isIPv6 } from '../net/ip.ts';
import { SelectorIndex } from './selector-index.ts';

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

/** getEndpointAddresses: the pod IPs of one family, re-stringified as ParseIPSloppy(ip).String(). */
function getEndpointAddresses(pod: Pod, addressType: AddressType): string[] {
  const out: string[] = [];
  for (const ip of podIPsOf(pod)) {
    const parsed = parseIPSloppy(ip);
    if (parsed && parsed.family === addressType) out.push(parsed.ip);
  }
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
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ready = (svc.spec?.publishNotReadyAddresses ?? false) || (serving && !terminating);
  const zone = node?.metadata?.labels?.[ZONE_LABEL];
  return {
    addresses: getEndpointAddresses(pod, addressType),
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec!.hostname! } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: namespaceOf(pod),
      name: nameOf(pod),
      ...(pod.metadata?.uid ? { uid: pod.metadata.uid } : {}),
    },
    ...(zone ? { zone } : {}),
  };
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

/** reconcileByAddressType for a Service with no existing slices: the desired endpoints per port mapping. */
function desiredGroups(
  cc: ControllerContext,
  svc: Service,
  pods: readonly Pod[],
  addressType: AddressType,
): PortGroup[] {
  const groups = new Map<string, PortGroup>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = getEndpointPorts(svc, pod);
    const key = JSON.stringify(
      [...ports].map((p) => [p.name, p.port, p.protocol, p.appProtocol ?? null]).sort(),
    );
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    const node = pod.spec?.nodeName ? cc.store.get<Node>('Node', undefined, pod.spec.nodeName) : undefined;
    // A pod on a Node that does not exist is left out (and the Service requeued), unless publishNotReadyAddresses.
    if (!node && !svc.spec?.publishNotReadyAddresses) continue;
    const ep = podToEndpoint(pod, node, svc, addressType);
    if (ep.addresses.length) g.endpoints.push(ep);
  }
  return [...groups.values()].filter((g) => g.endpoints.length > 0);
}

/** The EndpointSlice controller's Reconcile for every Service with a selector. */
export function syncEndpointSlices(cc: ControllerContext, memo: SyncMemo = NO_MEMO): void {
  const allPods = new SelectorIndex(cc.store.list<Pod>('Pod'));
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
    );
  }
}

/** One Service's slices; `claimed` are the slices labelled as this controller's that it did not make. */
function syncServiceSlices(
  cc: ControllerContext,
  allPods: SelectorIndex<Pod>,
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
  const pods = selectedPodsIndexed(allPods, svc);
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
    createObject(cc, slice, 'EndpointSlice', svcId, svc.metadata?.creationTimestamp);
  };
  for (const addressType of getAddressTypesForService(svc)) {
    const groups = desiredGroups(cc, svc, pods, addressType);
    for (const g of groups) {
      addHints(svc, g.endpoints);
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
        create(addressType, g.ports, g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE));
      }
    }
    if (!groups.length) create(addressType, [], []);
  }
}
