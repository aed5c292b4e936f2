/**
 * The endpoints controller, syncService in pkg/controller/endpoint/endpoints_controller.go: for every
 * Service with a selector (not ExternalName), an Endpoints object of the same name listing the selected
 * pods, ready ones under `addresses` and the rest under `notReadyAddresses`, port numbers resolved per pod
 * (podutil.FindPort), then RepackSubsets. Selector-less Services keep the Endpoints the user wrote.
 *
 * As in Kubernetes v1.31 the controller sets no managed-by label (v1.33 adds
 * `endpoints.kubernetes.io/managed-by: endpoint-controller`); it copies the Service's labels, adds
 * `service.kubernetes.io/headless` for headless Services and the
 * `endpoints.kubernetes.io/last-change-trigger-time` annotation.
 */
import type {
  EndpointAddress,
  EndpointPort,
  EndpointSubset,
  Endpoints,
  Pod,
  Service,
  ServicePort,
} from '../api/objects.ts';
import { isIPv6 } from '../net/ip.ts';
import { findPort } from './find-port.ts';
import { NO_MEMO, type SyncMemo } from './sync-memo.ts';
import { hasServiceSelector, labelSelectorMatches } from './label-selector.ts';
import {
  asKube,
  clone,
  createObject,
  diagnose,
  idOfTyped,
  nameOf,
  namespaceOf,
  type ControllerContext,
} from './meta.ts';
import {
  compareRFC3339,
  isPodReady,
  podTriggerTime,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './pod-util.ts';
import { portKey, SubsetRepacker } from './repack-subsets.ts';
import { SelectorIndex } from './selector-index.ts';

export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';
export const LAST_CHANGE_TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
const MAX_CAPACITY = 1000;

/** helper.IsServiceIPSet: clusterIP set and not None. */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** The pods a Service selects: same namespace, labels matching spec.selector (none without a selector). */
export function selectedPods(pods: readonly Pod[], svc: Service): Pod[] {
  const selector = svc.spec?.selector;
  if (!hasServiceSelector(selector)) return [];
  return pods.filter(
    (p) => namespaceOf(p) === namespaceOf(svc) && labelSelectorMatches(selector, p.metadata?.labels),
  );
}

/** selectedPods, answered by an index of the pods (same pods, same order). */
export function selectedPodsIndexed(index: SelectorIndex<Pod>, svc: Service): Pod[] {
  const selector = svc.spec?.selector;
  if (!hasServiceSelector(selector)) return [];
  return index.select(namespaceOf(svc), selector);
}

/**
 * The pods by namespace and label for one controller's syncs, indexed once and only when a sync runs:
 * a re-simulation may replay every sync. `build` is what memo.sync's `prepare` runs, so that listing the
 * pods is not part of a recorded sync (a sync that lists a kind cannot be replayed).
 */
export class LazyPodIndex {
  private index: SelectorIndex<Pod> | undefined;

  constructor(private readonly cc: ControllerContext) {}

  readonly build = (): void => {
    this.index ??= new SelectorIndex(this.cc.store.list<Pod>('Pod'));
  };

  /** The pods `svc` selects (selectedPodsIndexed). */
  selectedBy(svc: Service): Pod[] {
    this.build();
    return selectedPodsIndexed(this.index!, svc);
  }
}

/**
 * TriggerTimeTracker.ComputeEndpointLastChangeTriggerTime on a first sync: the earliest of the Service's
 * creationTimestamp and the selected pods' Ready lastTransitionTime (the first of equal ones).
 */
export function lastChangeTriggerTime(svc: Service, pods: readonly Pod[], fallback: string): string {
  let earliest: string | undefined = (svc.metadata?.creationTimestamp ?? fallback) || undefined;
  for (const pod of pods) {
    const t = podTriggerTime(pod);
    if (t && (earliest === undefined || compareRFC3339(t, earliest) < 0)) earliest = t;
  }
  return earliest!;
}

/**
 * Whether the Service's endpoint addresses are IPv6: its first ipFamily, else its clusterIP's family.
 * Undefined for a headless Service without ipFamilies: each pod's own (first) IP decides then.
 */
function serviceWantsIPv6(svc: Service): boolean | undefined {
  if (svc.spec?.ipFamilies?.length) return svc.spec.ipFamilies[0] === 'IPv6';
  if (isServiceIPSet(svc)) return isIPv6(svc.spec!.clusterIP!);
  return undefined;
}

/** The first of the pod's IPs (podIPsOf) that is IPv6 or not, as `v6` says. */
function podIPOfFamily(pod: Pod, v6: boolean): string | undefined {
  let listed = false;
  for (const p of pod.status?.podIPs ?? []) {
    if (!p.ip) continue;
    if (isIPv6(p.ip) === v6) return p.ip;
    listed = true;
  }
  const ip = pod.status?.podIP;
  return !listed && ip && isIPv6(ip) === v6 ? ip : undefined;
}

/** podToEndpointAddressForService: the pod IP of the Service's (first) IP family. */
export function podToEndpointAddressForService(svc: Service, pod: Pod): EndpointAddress | undefined {
  return endpointAddress(pod, serviceWantsIPv6(svc));
}

/** podToEndpointAddressForService, with the Service's family worked out once (serviceWantsIPv6). */
function endpointAddress(pod: Pod, wantsIPv6: boolean | undefined): EndpointAddress | undefined {
  const ip = podIPOfFamily(pod, wantsIPv6 ?? isIPv6(pod.status?.podIP ?? ''));
  if (!ip) return undefined;
  const targetRef: EndpointAddress['targetRef'] = {
    kind: 'Pod',
    namespace: namespaceOf(pod),
    name: nameOf(pod),
  };
  if (pod.metadata?.uid) targetRef.uid = pod.metadata.uid;
  return { ip, nodeName: pod.spec?.nodeName ?? '', targetRef };
}

function endpointPortFromServicePort(sp: ServicePort, port: number): EndpointPort {
  // Keys assigned in output order rather than spread: one port per pod per Service port.
  const epp: EndpointPort = sp.name ? { name: sp.name, port } : { port };
  epp.protocol = sp.protocol ?? 'TCP';
  if (sp.appProtocol) epp.appProtocol = sp.appProtocol;
  return epp;
}

/**
 * The subsets syncService computes for one Service from the pods its selector matched: skips pods without
 * an IP, terminal pods and (unless publishNotReadyAddresses) terminating ones; one (address, port) pair per
 * Service port the pod resolves, then RepackSubsets.
 */
export function endpointSubsetsForService(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const repacker = new SubsetRepacker(false, Math.max(svc.spec?.ports?.length ?? 0, 1));
  addDesiredAddresses(repacker, svc, pods);
  return repacker.subsets();
}

/**
 * The EndpointPort of each Service port as resolved on a pod, made once per port number: pods resolve
 * a Service port to the same number (always, for a numeric targetPort), and RepackSubsets keeps one
 * EndpointPort per distinct port anyway.
 */
class EndpointPortResolver {
  private readonly last: ({ port: EndpointPort; key: string } | undefined)[] = [];

  constructor(readonly servicePorts: readonly ServicePort[]) {}

  /** The EndpointPort (and its portKey) of Service port `i` on `pod`; undefined if FindPort fails. */
  resolve(i: number, pod: Pod): { port: EndpointPort; key: string } | undefined {
    const sp = this.servicePorts[i]!;
    const num = findPort(pod, sp);
    if (num === undefined) return undefined;
    const last = this.last[i];
    if (last?.port.port === num) return last;
    const port = endpointPortFromServicePort(sp, num);
    return (this.last[i] = { port, key: portKey(port) });
  }
}

/** syncService's loop over the pods, each (address, port) it finds added to `repacker`. */
function addDesiredAddresses(repacker: SubsetRepacker, svc: Service, pods: readonly Pod[]): void {
  const publishNotReady = svc.spec?.publishNotReadyAddresses ?? false;
  const ports = new EndpointPortResolver(svc.spec?.ports ?? []);
  const n = ports.servicePorts.length;
  // Without ports, only a headless Service lists its pods' addresses.
  if (n === 0 && svc.spec?.clusterIP !== 'None') return;
  const wantsIPv6 = serviceWantsIPv6(svc);
  const noPortKey = portKey(null);
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const epa = endpointAddress(pod, wantsIPv6);
    if (!epa) continue;
    if (shouldSetHostname(pod, svc)) epa.hostname = pod.spec!.hostname!;
    const ready = publishNotReady || isPodReady(pod);
    if (n === 0) repacker.add(epa, null, noPortKey, ready);
    for (let i = 0; i < n; i++) {
      const port = ports.resolve(i, pod);
      if (port) repacker.add(epa, port.port, port.key, ready);
    }
  }
}

/** truncateEndpoints: keep at most 1000 addresses, ready ones first, in proportion per subset. */
export function truncateEndpoints(subsets: EndpointSubset[]): boolean {
  const totalReady = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  const totalNotReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
  if (totalReady + totalNotReady <= MAX_CAPACITY) return false;
  const truncateReady = totalReady > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const toBeAdded = Math.min(canBeAdded, Math.ceil((inSubset / numTotal) * max));
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses.length;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses.length;
    }
  }
  return true;
}

/**
 * syncService for every Service in the store. A sync reads the Service, its Endpoints and the pods: `memo`
 * may replay it when the first two are as they were (and the pods are the same objects). `allPods` may be
 * shared with syncEndpointSlices: neither controller changes a pod.
 */
export function syncEndpoints(
  cc: ControllerContext,
  memo: SyncMemo = NO_MEMO,
  allPods: LazyPodIndex = new LazyPodIndex(cc),
): void {
  for (const svc of cc.store.list<Service>('Service')) {
    if (svc.spec?.type === 'ExternalName' || !hasServiceSelector(svc.spec?.selector)) continue;
    memo.sync(
      cc,
      `endpoints/${idOfTyped(svc, 'Service')}`,
      () => {
        const existing = cc.store.get<Endpoints>('Endpoints', namespaceOf(svc), nameOf(svc));
        // No `undefined` (a JSON null) for a missing one: the memo's serialize is fastest without nulls.
        return existing ? [svc, existing] : [svc];
      },
      () => syncServiceEndpoints(cc, allPods, svc),
      allPods.build,
    );
  }
}

function syncServiceEndpoints(cc: ControllerContext, allPods: LazyPodIndex, svc: Service): void {
  const ns = namespaceOf(svc);
  const svcId = idOfTyped(svc, 'Service');
  const pods = allPods.selectedBy(svc);
  const subsets = endpointSubsetsForService(svc, pods);
  const existing = cc.store.get<Endpoints>('Endpoints', ns, nameOf(svc));
  const ep: Endpoints = existing
    ? clone(existing)
    : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: nameOf(svc), namespace: ns } };
  const labels: Record<string, string> = { ...svc.metadata?.labels };
  if (isServiceIPSet(svc)) delete labels[HEADLESS_SERVICE_LABEL];
  else labels[HEADLESS_SERVICE_LABEL] = '';
  const annotations: Record<string, string> = { ...ep.metadata?.annotations };
  annotations[LAST_CHANGE_TRIGGER_TIME_ANNOTATION] = lastChangeTriggerTime(svc, pods, cc.ctx.clock.rfc3339());
  if (truncateEndpoints(subsets)) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
  else delete annotations[OVER_CAPACITY_ANNOTATION];
  ep.metadata = { ...ep.metadata, labels, annotations };
  if (subsets.length) ep.subsets = subsets;
  else delete ep.subsets;
  if (existing) {
    cc.store.write(asKube(ep));
    diagnose(cc, {
      severity: 'info',
      code: 'EndpointsOverwritten',
      objectId: idOfTyped(ep, 'Endpoints'),
      ownerId: svcId,
      message: `Endpoints "${nameOf(svc)}" is managed by the endpoints controller because Service "${nameOf(svc)}" has a selector; its subsets were replaced`,
    });
  } else {
    // Built here from fresh objects and copied strings: admission may keep it as it is.
    createObject(cc, ep, 'Endpoints', svc.metadata?.creationTimestamp, true);
  }
}
