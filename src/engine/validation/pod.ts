/**
 * Pod validation, limited to what the simulation reads: metadata, containers (names, images, ports, probe
 * ports), restart/DNS policy, hostname/subdomain, nodeName, nodeSelector, hostNetwork ports. Mirrors
 * pkg/apis/core/validation ValidatePodCreate/validatePodMetadataAndSpec, ValidatePodSpec, validateContainers,
 * validateContainerPorts, AccumulateUniqueHostPorts, ValidatePodTemplateSpec and ValidatePodUpdate.
 * Volumes, resources, security contexts, affinity and the like are only type-checked (decode.ts).
 */
import {
  FieldPath,
  fieldDuplicate,
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  type FieldError,
} from '../api/field-error.ts';
import type { Container, Pod, PodSpec, PodTemplateSpec } from '../api/objects.ts';
import { SUPPORTED_PORT_PROTOCOLS, validatePortNumOrName } from './common.ts';
import { inclusiveRangeError, isValidPortName, isValidPortNum } from './formats.ts';
import {
  nameIsDNSSubdomain,
  validateAnnotations,
  validateDNS1123Label,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import { deepClone, deepEqual } from './util.ts';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const MAX_INT32 = 2147483647;

function validateContainerPorts(c: Container, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (c.ports ?? []).forEach((port, i) => {
    const p = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) for (const m of msgs) errs.push(fieldInvalid(p.child('name'), port.name, m));
      else if (names.has(port.name)) errs.push(fieldDuplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(fieldRequired(p.child('containerPort')));
    else
      for (const m of isValidPortNum(port.containerPort))
        errs.push(fieldInvalid(p.child('containerPort'), port.containerPort, m));
    if (port.hostPort)
      for (const m of isValidPortNum(port.hostPort))
        errs.push(fieldInvalid(p.child('hostPort'), port.hostPort, m));
    if (!port.protocol) errs.push(fieldRequired(p.child('protocol')));
    else if (!SUPPORTED_PORT_PROTOCOLS.includes(port.protocol)) {
      errs.push(fieldNotSupported(p.child('protocol'), port.protocol, SUPPORTED_PORT_PROTOCOLS));
    }
  });
  return errs;
}

function validateProbePorts(c: Container, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = c[kind];
    if (!probe) continue;
    const p = path.child(kind);
    if (probe.httpGet)
      errs.push(...validatePortNumOrName(probe.httpGet.port, p.child('httpGet').child('port')));
    if (probe.tcpSocket)
      errs.push(...validatePortNumOrName(probe.tcpSocket.port, p.child('tcpSocket').child('port')));
    if (probe.grpc) errs.push(...validatePortNumOrName(probe.grpc.port, p.child('grpc').child('port')));
  }
  return errs;
}

/** validateContainerCommon: name, image, termination message policy, ports, pull policy. */
function validateContainerCommon(c: Container, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(fieldRequired(path.child('name')));
  else errs.push(...validateDNS1123Label(c.name, path.child('name')));
  if (!c.image) errs.push(fieldRequired(path.child('image')));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(fieldRequired(path.child('terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
    errs.push(fieldNotSupported(path.child('terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  }
  errs.push(...validateContainerPorts(c, path.child('ports')));
  const pull = c.imagePullPolicy;
  if (!pull) errs.push(fieldRequired(path.child('imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull))
    errs.push(fieldNotSupported(path.child('imagePullPolicy'), pull, PULL_POLICIES));
  return errs;
}

/** AccumulateUniqueHostPorts: `spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"`. */
function checkHostPortConflicts(containers: Container[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key))
        errs.push(fieldDuplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template): hostNetwork hostPorts must then equal containerPorts. */
  resourceIsPod: boolean;
}

/** ValidatePodSpec, for the parts the simulation reads. */
export function validatePodSpec(
  spec: PodSpec | undefined,
  path: FieldPath,
  opts: PodSpecOptions,
): FieldError[] {
  const s: PodSpec = spec ?? { containers: [] };
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined)
    errs.push(fieldRequired(path.child('terminationGracePeriodSeconds')));

  const volNames = new Set<string>();
  (s.volumes ?? []).forEach((v, i) => {
    const p = path.child('volumes').index(i).child('name');
    if (!v.name) errs.push(fieldRequired(p));
    else errs.push(...validateDNS1123Label(v.name, p));
    if (volNames.has(v.name)) errs.push(fieldDuplicate(p, v.name));
    volNames.add(v.name);
  });

  const containers = s.containers ?? [];
  const cPath = path.child('containers');
  if (containers.length === 0) {
    errs.push(fieldRequired(cPath));
  } else {
    const names = new Set<string>();
    containers.forEach((c, i) => {
      const p = cPath.index(i);
      errs.push(...validateContainerCommon(c, p));
      if (names.has(c.name)) errs.push(fieldDuplicate(p.child('name'), c.name));
      else names.add(c.name);
      errs.push(...validateProbePorts(c, p));
      if (c.restartPolicy !== undefined)
        errs.push(fieldForbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
    });
    errs.push(...checkHostPortConflicts(containers, cPath));
  }

  const initNames = new Set(containers.map((c) => c.name));
  (s.initContainers ?? []).forEach((c, i) => {
    const p = path.child('initContainers').index(i);
    errs.push(...validateContainerCommon(c, p));
    if (initNames.has(c.name)) errs.push(fieldDuplicate(p.child('name'), c.name));
    else if (c.name) initNames.add(c.name);
    errs.push(...checkHostPortConflicts([c], path.child('initContainers')));
  });

  if (s.hostNetwork) {
    containers.forEach((c, i) => {
      (c.ports ?? []).forEach((port, j) => {
        const hp = port.hostPort ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
          errs.push(
            fieldInvalid(
              cPath.index(i).child('ports').index(j).child('hostPort'),
              hp,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
        }
      });
    });
  }

  const rp = s.restartPolicy ?? '';
  if (rp === '') errs.push(fieldRequired(path.child('restartPolicy')));
  else if (!RESTART_POLICIES.includes(rp))
    errs.push(fieldNotSupported(path.child('restartPolicy'), rp, RESTART_POLICIES));
  const dp = s.dnsPolicy ?? '';
  if (dp === '') errs.push(fieldRequired(path.child('dnsPolicy')));
  else if (!DNS_POLICIES.includes(dp))
    errs.push(fieldNotSupported(path.child('dnsPolicy'), dp, DNS_POLICIES));
  if (dp === 'None') {
    if (!s.dnsConfig)
      errs.push(fieldRequired(path.child('dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if ((s.dnsConfig.nameservers ?? []).length === 0) {
      errs.push(
        fieldRequired(
          path.child('dnsConfig').child('nameservers'),
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      );
    }
  }
  errs.push(...validateLabels(s.nodeSelector, path.child('nodeSelector')));
  if (s.serviceAccountName) {
    for (const m of nameIsDNSSubdomain(s.serviceAccountName, false)) {
      errs.push(fieldInvalid(path.child('serviceAccountName'), s.serviceAccountName, m));
    }
  }
  if (s.nodeName) {
    for (const m of nameIsDNSSubdomain(s.nodeName, false))
      errs.push(fieldInvalid(path.child('nodeName'), s.nodeName, m));
  }
  if (s.activeDeadlineSeconds !== undefined) {
    const v = s.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32)
      errs.push(fieldInvalid(path.child('activeDeadlineSeconds'), v, inclusiveRangeError(1, MAX_INT32)));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, path.child('hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, path.child('subdomain')));
  return errs;
}

function validateContainersOnlyForPod(containers: Container[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (containers ?? []).forEach((c, i) => {
    const image = c.image ?? '';
    if (image.length !== image.trim().length) {
      errs.push(
        fieldInvalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'),
      );
    }
  });
  return errs;
}

/** ValidatePodCreate (validatePodMetadataAndSpec). */
export function validatePod(pod: Pod): FieldError[] {
  const metaPath = FieldPath.root('metadata');
  const specPath = FieldPath.root('spec');
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, metaPath);
  errs.push(...validatePodSpec(pod.spec, specPath, { resourceIsPod: true }));
  errs.push(...validateContainersOnlyForPod(pod.spec?.containers, specPath.child('containers')));
  errs.push(...validateContainersOnlyForPod(pod.spec?.initContainers, specPath.child('initContainers')));
  return errs;
}

/** ValidatePodTemplateSpec (a template inside a Deployment, ReplicaSet...). Labels are at `<path>.labels`. */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(t?.metadata?.labels, path.child('labels')));
  errs.push(...validateAnnotations(t?.metadata?.annotations, path.child('annotations')));
  errs.push(...validatePodSpec(t?.spec, path.child('spec'), { resourceIsPod: false }));
  return errs;
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(
  newCs: Container[] | undefined,
  oldCs: Container[] | undefined,
  path: FieldPath,
): { errs: FieldError[]; stop: boolean } {
  const n = newCs ?? [];
  if (n.length !== (oldCs ?? []).length) {
    return { errs: [fieldForbidden(path, 'pod updates may not add or remove containers')], stop: true };
  }
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    if (!c.image) errs.push(fieldRequired(path.index(i).child('image')));
    else if (c.image.trim().length !== c.image.length) {
      errs.push(
        fieldInvalid(path.index(i).child('image'), c.image, 'must not have leading or trailing whitespace'),
      );
    }
  });
  return { errs, stop: false };
}

/** A short `cmp.Diff`-like listing of the top-level PodSpec fields that differ. */
function specDiff(oldSpec: Record<string, unknown>, newSpec: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])].sort();
  const lines = ['  core.PodSpec{'];
  for (const k of keys) {
    if (deepEqual(oldSpec[k], newSpec[k])) continue;
    if (oldSpec[k] !== undefined) lines.push(`- \t${k}: ${JSON.stringify(oldSpec[k])},`);
    if (newSpec[k] !== undefined) lines.push(`+ \t${k}: ${JSON.stringify(newSpec[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/**
 * ValidatePodUpdate: a Pod's spec is immutable except container images, activeDeadlineSeconds and added
 * tolerations. The diff after the message is a simplified cmp.Diff (top-level fields only).
 */
export function validatePodUpdate(pod: Pod, oldPod: Pod): FieldError[] {
  const specPath = FieldPath.root('spec');
  const errs = validateObjectMetaUpdate(pod.metadata, oldPod.metadata);
  errs.push(...validatePod(pod));
  const cs = validateContainerUpdates(
    pod.spec?.containers,
    oldPod.spec?.containers,
    specPath.child('containers'),
  );
  errs.push(...cs.errs);
  if (cs.stop) return errs;
  const ics = validateContainerUpdates(
    pod.spec?.initContainers,
    oldPod.spec?.initContainers,
    specPath.child('initContainers'),
  );
  errs.push(...ics.errs);
  if (ics.stop) return errs;

  const newSpec = deepClone((pod.spec ?? {}) as unknown as Record<string, unknown>);
  const oldSpec = (oldPod.spec ?? {}) as unknown as Record<string, unknown>;
  if (deepEqual(newSpec, oldSpec)) return errs;
  const munged = deepClone(newSpec) as unknown as PodSpec;
  const old = oldPod.spec;
  munged.containers = (munged.containers ?? []).map(
    (c, i) => ({ ...c, image: old?.containers?.[i]?.image }) as Container,
  );
  if (munged.initContainers) {
    munged.initContainers = munged.initContainers.map(
      (c, i) => ({ ...c, image: old?.initContainers?.[i]?.image }) as Container,
    );
  }
  munged.activeDeadlineSeconds = old?.activeDeadlineSeconds;
  munged.tolerations = old?.tolerations;
  const mungedRec = munged as unknown as Record<string, unknown>;
  if (!deepEqual(mungedRec, oldSpec)) {
    errs.push(
      fieldForbidden(
        specPath,
        `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, mungedRec)}`,
      ),
    );
  }
  return errs;
}
