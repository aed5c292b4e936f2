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
  podIPsOf,
  podTriggerTime,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './pod-util.ts';
import { repackSubsets } from './repack-subsets.ts';
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
 * TriggerTimeTracker.ComputeEndpointLastChangeTriggerTime on a first sync: the earliest of the Service's
 * creationTimestamp and the selected pods' Ready lastTransitionTime.
 */
export function lastChangeTriggerTime(svc: Service, pods: readonly Pod[], fallback: string): string {
  const times = [svc.metadata?.creationTimestamp ?? fallback, ...pods.map(podTriggerTime)].filter(
    (t): t is string => !!t,
  );
  return times.sort(compareRFC3339)[0]!;
}

/** podToEndpointAddressForService: the pod IP of the Service's (first) IP family. */
export function podToEndpointAddressForService(svc: Service, pod: Pod): EndpointAddress | undefined {
  let v6: boolean;
  if (svc.spec?.ipFamilies?.length) v6 = svc.spec.ipFamilies[0] === 'IPv6';
  else if (isServiceIPSet(svc)) v6 = isIPv6(svc.spec!.clusterIP!);
  else v6 = isIPv6(pod.status?.podIP ?? '');
  const ip = podIPsOf(pod).find((i) => isIPv6(i) === v6);
  if (!ip) return undefined;
  return {
    ip,
    nodeName: pod.spec?.nodeName ?? '',
    targetRef: {
      kind: 'Pod',
      namespace: namespaceOf(pod),
      name: nameOf(pod),
      ...(pod.metadata?.uid ? { uid: pod.metadata.uid } : {}),
    },
  };
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
  return repackSubsets(desiredSubsets(svc, pods));
}

function desiredSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses ?? false;
  const subsets: EndpointSubset[] = [];
  const add = (pod: Pod, epa: EndpointAddress, epp: EndpointPort | null) => {
    const ports = epp ? [epp] : [];
    if (publishNotReady || isPodReady(pod)) subsets.push({ addresses: [epa], ports });
    else subsets.push({ notReadyAddresses: [epa], ports });
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ep = podToEndpointAddressForService(svc, pod);
    if (!ep) continue;
    const epa: EndpointAddress = shouldSetHostname(pod, svc) ? { ...ep, hostname: pod.spec!.hostname! } : ep;
    const ports = svc.spec?.ports ?? [];
    if (!ports.length) {
      if (svc.spec?.clusterIP === 'None') add(pod, epa, null);
      continue;
    }
    for (const sp of ports) {
      const portNum = findPort(pod, sp);
      if (portNum === undefined) continue;
      add(pod, epa, endpointPortFromServicePort(sp, portNum));
    }
  }
  return subsets;
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
 * may replay it when the first two are as they were (and the pods are the same objects).
 */
export function syncEndpoints(cc: ControllerContext, memo: SyncMemo = NO_MEMO): void {
  const allPods = new SelectorIndex(cc.store.list<Pod>('Pod'));
  for (const svc of cc.store.list<Service>('Service')) {
    if (svc.spec?.type === 'ExternalName' || !hasServiceSelector(svc.spec?.selector)) continue;
    memo.sync(
      cc,
      `endpoints/${idOfTyped(svc, 'Service')}`,
      () => [svc, cc.store.get<Endpoints>('Endpoints', namespaceOf(svc), nameOf(svc))],
      () => syncServiceEndpoints(cc, allPods, svc),
    );
  }
}

function syncServiceEndpoints(cc: ControllerContext, allPods: SelectorIndex<Pod>, svc: Service): void {
  const ns = namespaceOf(svc);
  const svcId = idOfTyped(svc, 'Service');
  const pods = selectedPodsIndexed(allPods, svc);
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
    cc.rec.generated(idOfTyped(ep, 'Endpoints'), svcId);
    diagnose(cc, {
      severity: 'info',
      code: 'EndpointsOverwritten',
      objectId: idOfTyped(ep, 'Endpoints'),
      ownerId: svcId,
      message: `Endpoints "${nameOf(svc)}" is managed by the endpoints controller because Service "${nameOf(svc)}" has a selector; its subsets were replaced`,
    });
  } else {
    createObject(cc, ep, 'Endpoints', svcId, svc.metadata?.creationTimestamp);
  }
}
