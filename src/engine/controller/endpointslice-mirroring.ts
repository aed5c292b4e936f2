/**
 * The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): for a Service without a
 * selector, the Endpoints the user wrote are mirrored into EndpointSlices `<endpoints>-<5 chars>` managed by
 * `endpointslicemirroring-controller.k8s.io`, one per address type and unique port list, at most 1000
 * addresses per subset. Endpoints labelled `endpointslice.kubernetes.io/skip-mirror: "true"` or carrying the
 * leader-election annotation are not mirrored, nor is anything without a selector-less Service of that name.
 */
import type {
  EndpointAddress,
  EndpointPort,
  EndpointSlice,
  Endpoints,
  Service,
  SliceEndpoint,
  SliceEndpointPort,
} from '../api/objects.ts';
import { LAST_CHANGE_TRIGGER_TIME_ANNOTATION } from './endpoints.ts';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './endpointslice.ts';
import { parseIPSloppy } from './ip-canonical.ts';
import { hasServiceSelector } from './label-selector.ts';
import {
  controllerRef,
  createObject,
  idOfTyped,
  nameOf,
  namespaceOf,
  type ControllerContext,
} from './meta.ts';
import { generateName } from './names.ts';

export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
const LEADER_ELECTION_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ENDPOINTS_PER_SUBSET = 1000;

/** Controller.shouldMirror, plus the syncEndpoints checks that a selector-less Service of that name exists. */
export function shouldMirror(ep: Endpoints, svc: Service | undefined): boolean {
  if (ep.metadata?.labels?.[SKIP_MIRROR_LABEL] === 'true') return false;
  if (ep.metadata?.annotations?.[LEADER_ELECTION_ANNOTATION] !== undefined) return false;
  return svc !== undefined && !hasServiceSelector(svc.spec?.selector);
}

/** epPortsToEpsPorts */
function epPortsToEpsPorts(ports: readonly EndpointPort[]): SliceEndpointPort[] {
  return ports.map((p) => ({
    name: p.name ?? '',
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
  }));
}

/** addressToEndpoint: only the ready condition is known for a mirrored address. */
export function addressToEndpoint(
  address: EndpointAddress,
  ready: boolean,
): { endpoint: SliceEndpoint; addressType: 'IPv4' | 'IPv6' } | undefined {
  const ip = parseIPSloppy(address.ip);
  if (!ip) return undefined;
  return {
    addressType: ip.family,
    endpoint: {
      addresses: [ip.ip],
      conditions: { ready },
      ...(address.hostname ? { hostname: address.hostname } : {}),
      ...(address.nodeName !== undefined ? { nodeName: address.nodeName } : {}),
      ...(address.targetRef ? { targetRef: address.targetRef } : {}),
    },
  };
}

/** reconcile for every mirrored Endpoints in the store. */
export function syncEndpointSliceMirroring(cc: ControllerContext): void {
  for (const ep of cc.store.list<Endpoints>('Endpoints')) {
    const ns = namespaceOf(ep);
    const svc = cc.store.get<Service>('Service', ns, nameOf(ep));
    if (!shouldMirror(ep, svc)) continue;
    const epId = idOfTyped(ep, 'Endpoints');
    const groups = new Map<
      string,
      { addressType: 'IPv4' | 'IPv6'; ports: SliceEndpointPort[]; endpoints: SliceEndpoint[] }
    >();
    for (const subset of ep.subsets ?? []) {
      const ports = epPortsToEpsPorts(subset.ports ?? []);
      const portsKey = JSON.stringify(
        ports.map((p) => [p.name, p.port, p.protocol, p.appProtocol ?? null]).sort(),
      );
      let added = 0;
      const add = (a: EndpointAddress, ready: boolean) => {
        if (added >= MAX_ENDPOINTS_PER_SUBSET) return;
        const got = addressToEndpoint(a, ready);
        if (!got) return;
        added++;
        const key = `${got.addressType}${portsKey}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { addressType: got.addressType, ports, endpoints: [] }));
        if (
          !g.endpoints.some(
            (e) =>
              e.addresses[0] === got.endpoint.addresses[0] &&
              e.targetRef?.uid === got.endpoint.targetRef?.uid,
          )
        ) {
          g.endpoints.push(got.endpoint);
        }
      };
      for (const a of subset.addresses ?? []) add(a, true);
      for (const a of subset.notReadyAddresses ?? []) add(a, false);
    }
    const rng = cc.ctx.rng.fork(`generateName:endpointslice/${epId}`);
    const prefix = `${nameOf(ep)}-`;
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(ep.metadata?.annotations ?? {})) {
      if (k !== LAST_CHANGE_TRIGGER_TIME_ANNOTATION && k !== LAST_APPLIED_ANNOTATION) annotations[k] = v;
    }
    for (const g of groups.values()) {
      const name = generateName(rng, prefix, (n) => cc.store.get('EndpointSlice', ns, n) !== undefined);
      const slice: EndpointSlice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name,
          generateName: prefix,
          namespace: ns,
          labels: {
            ...ep.metadata?.labels,
            [SERVICE_NAME_LABEL]: nameOf(ep),
            [MANAGED_BY_LABEL]: MIRRORING_CONTROLLER_NAME,
          },
          annotations: { ...annotations },
          ownerReferences: [controllerRef(ep, 'v1', 'Endpoints')],
          generation: 1,
        },
        addressType: g.addressType,
        endpoints: g.endpoints.slice(0, MAX_ENDPOINTS_PER_SUBSET),
        ports: g.ports.map((p) => ({ ...p })),
      };
      createObject(cc, slice, 'EndpointSlice', ep.metadata?.creationTimestamp);
    }
  }
}
