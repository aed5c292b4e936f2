/**
 * The registry strategies' PrepareForCreate / PrepareForUpdate, for what the simulation shows: Service and
 * Pod status initialisation, generation bookkeeping, the Service's dropTypeDependentFields, and
 * rest.BeforeUpdate keeping uid and creationTimestamp. Unlike the real apiserver, a status given in the
 * manifest is kept (the playground uses it to stage pod readiness or load-balancer IPs).
 */
import type { KubeObject, Service } from '../api/objects.ts';
import { asRecord, deepEqual, isRecord } from '../validation/util.ts';
import { podQOSClass } from './defaults-pod.ts';
import { GENERATION_KINDS } from './defaults.ts';
import { dropTypeDependentFields } from './service-strategy.ts';

type Rec = Record<string, unknown>;

/** PrepareForCreate: `status: {loadBalancer: {}}` for Services, `phase: Pending` and the QoS class for Pods. */
export function prepareForCreate(obj: KubeObject): void {
  const o = obj as unknown as Rec;
  if (obj.kind === 'Service' && !isRecord(o.status)) o.status = { loadBalancer: {} };
  if (obj.kind === 'Pod') {
    if (!isRecord(o.status)) o.status = { phase: 'Pending' };
    const status = o.status as Rec;
    if (!status.qosClass) status.qosClass = podQOSClass(o.spec);
  }
}

/** What a change of generation is measured on, per kind. */
function generationSubject(obj: KubeObject): unknown {
  const o = obj as unknown as Rec;
  if (obj.kind === 'EndpointSlice')
    return { addressType: o.addressType, endpoints: o.endpoints, ports: o.ports };
  return o.spec;
}

/** PrepareForUpdate (+ rest.BeforeUpdate): keep identity, bump generation on spec changes, drop type-dependent fields. */
export function prepareForUpdate(obj: KubeObject, old: KubeObject): void {
  const meta = obj.metadata as unknown as Rec;
  const oldMeta = asRecord(old.metadata);
  if (oldMeta.uid) meta.uid = oldMeta.uid;
  if (oldMeta.creationTimestamp) meta.creationTimestamp = oldMeta.creationTimestamp;
  if (GENERATION_KINDS.has(obj.kind)) {
    const oldGen = typeof oldMeta.generation === 'number' ? oldMeta.generation : 1;
    meta.generation = deepEqual(generationSubject(obj), generationSubject(old)) ? oldGen : oldGen + 1;
  }
  if (obj.kind === 'Service') dropTypeDependentFields(obj as unknown as Service, old as unknown as Service);
}
