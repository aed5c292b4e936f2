/**
 * Service validation. Mirrors pkg/apis/core/validation ValidateService, validateServicePort,
 * validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue, ValidateServiceUpdate.
 * Field paths and messages are the apiserver's, including its quirks (`spec.LoadBalancerSourceRanges`).
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
import type { Service, ServicePort } from '../api/objects.ts';
import { SUPPORTED_PORT_PROTOCOLS, validateNonSpecialIP, validatePortNumOrName } from './common.ts';
import { isValidCIDR, isValidIP, isValidPortNum } from './formats.ts';
import { goServicePortKey } from './go-value.ts';
import {
  nameIsDNS1035Label,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateQualifiedName,
} from './meta.ts';
import {
  isHeadlessService,
  validateServiceClusterIPsRelatedFields,
  validateUpgradeDowngradeClusterIPs,
  validateUpgradeDowngradeIPFamilies,
} from './service-ips.ts';

const SUPPORTED_SESSION_AFFINITY = ['ClientIP', 'None'];
const SUPPORTED_SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SUPPORTED_TRAFFIC_POLICIES = ['Cluster', 'Local'];
/** core.MaxClientIPServiceAffinitySeconds. */
export const MAX_CLIENT_IP_SERVICE_AFFINITY_SECONDS = 86400;
const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const TOPOLOGY_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';
const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';

const specPath = FieldPath.root('spec');

/** apiservice.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs. */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type;
  return (
    t === 'LoadBalancer' ||
    t === 'NodePort' ||
    (t === 'ClusterIP' && (svc.spec?.externalIPs ?? []).length > 0)
  );
}

/** apiservice.NeedsHealthCheck: LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';
}

function validateServicePort(
  sp: ServicePort,
  requireName: boolean,
  allNames: Set<string>,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const name = sp.name ?? '';
  if (requireName && name.length === 0) {
    errs.push(fieldRequired(path.child('name')));
  } else if (name.length !== 0) {
    errs.push(...validateDNS1123Label(name, path.child('name')));
    if (allNames.has(name)) errs.push(fieldDuplicate(path.child('name'), name));
    else allNames.add(name);
  }
  for (const m of isValidPortNum(sp.port ?? 0)) errs.push(fieldInvalid(path.child('port'), sp.port ?? 0, m));
  if (!sp.protocol) errs.push(fieldRequired(path.child('protocol')));
  else if (!SUPPORTED_PORT_PROTOCOLS.includes(sp.protocol)) {
    errs.push(fieldNotSupported(path.child('protocol'), sp.protocol, SUPPORTED_PORT_PROTOCOLS));
  }
  errs.push(...validatePortNumOrName(sp.targetPort, path.child('targetPort')));
  if (sp.appProtocol !== undefined)
    errs.push(...validateQualifiedName(sp.appProtocol, path.child('appProtocol')));
  return errs;
}

function validateClientIPAffinityConfig(svc: Service, path: FieldPath): FieldError[] {
  const when = 'when session affinity type is ClientIP';
  const cfg = svc.spec?.sessionAffinityConfig;
  if (!cfg) return [fieldRequired(path, when)];
  if (!cfg.clientIP) return [fieldRequired(path.child('clientIP'), when)];
  const timeout = cfg.clientIP.timeoutSeconds;
  const tPath = path.child('clientIP').child('timeoutSeconds');
  if (timeout === undefined) return [fieldRequired(tPath, when)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_SERVICE_AFFINITY_SECONDS) {
    return [
      fieldInvalid(
        tPath,
        timeout,
        `must be greater than 0 and less than ${MAX_CLIENT_IP_SERVICE_AFFINITY_SECONDS}`,
      ),
    ];
  }
  return [];
}

function validateServiceExternalTrafficPolicy(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const s = svc.spec ?? {};
  if (!externallyAccessible(svc)) {
    if (s.externalTrafficPolicy) {
      errs.push(
        fieldInvalid(
          specPath.child('externalTrafficPolicy'),
          s.externalTrafficPolicy,
          'may only be set for externally-accessible services',
        ),
      );
    }
  } else if (!s.externalTrafficPolicy) {
    errs.push(fieldRequired(specPath.child('externalTrafficPolicy')));
  } else if (!SUPPORTED_TRAFFIC_POLICIES.includes(s.externalTrafficPolicy)) {
    errs.push(
      fieldNotSupported(
        specPath.child('externalTrafficPolicy'),
        s.externalTrafficPolicy,
        SUPPORTED_TRAFFIC_POLICIES,
      ),
    );
  }
  const hc = s.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hc !== 0) {
      errs.push(
        fieldInvalid(
          specPath.child('healthCheckNodePort'),
          hc,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
      );
    }
  } else if (hc === 0) {
    errs.push(fieldRequired(specPath.child('healthCheckNodePort')));
  } else {
    for (const m of isValidPortNum(hc)) errs.push(fieldInvalid(specPath.child('healthCheckNodePort'), hc, m));
  }
  return errs;
}

function validateServiceInternalTrafficFieldsValue(svc: Service): FieldError[] {
  const s = svc.spec ?? {};
  const path = specPath.child('internalTrafficPolicy');
  if (s.internalTrafficPolicy === undefined) {
    return s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP'
      ? [fieldRequired(path)]
      : [];
  }
  return SUPPORTED_TRAFFIC_POLICIES.includes(s.internalTrafficPolicy)
    ? []
    : [fieldNotSupported(path, s.internalTrafficPolicy, SUPPORTED_TRAFFIC_POLICIES)];
}

function validateLoadBalancerClassField(oldSvc: Service | undefined, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const path = specPath.child('loadBalancerClass');
  const cls = svc.spec?.loadBalancerClass;
  if (oldSvc && oldSvc.spec?.type === 'LoadBalancer' && svc.spec?.type === 'LoadBalancer') {
    if ((oldSvc.spec.loadBalancerClass ?? null) !== (cls ?? null)) {
      const e = fieldInvalid(path, cls ?? null, 'may not change once set');
      if (cls === undefined) e.badValueText = 'null';
      errs.push(e);
    }
  }
  if (svc.spec?.type === 'LoadBalancer') {
    if (cls !== undefined) errs.push(...validateQualifiedName(cls, path));
  } else if (cls !== undefined) {
    errs.push(fieldForbidden(path, "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

/** ValidateService (ValidateServiceCreate): the object as the registry sees it, after defaulting. */
export function validateService(svc: Service): FieldError[] {
  const metaPath = FieldPath.root('metadata');
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label, metaPath);
  const annotations = svc.metadata?.annotations ?? {};
  const hints = annotations[TOPOLOGY_HINTS_ANNOTATION];
  const mode = annotations[TOPOLOGY_MODE_ANNOTATION];
  if (hints !== undefined && mode !== undefined && hints !== mode) {
    errs.push(
      fieldInvalid(
        metaPath.child('annotations').key(TOPOLOGY_MODE_ANNOTATION),
        mode,
        `must match annotations[${TOPOLOGY_HINTS_ANNOTATION}] when both are specified`,
      ),
    );
  }

  const s = svc.spec ?? {};
  const ports = s.ports ?? [];
  const headless = isHeadlessService(svc);
  if (ports.length === 0 && !headless && s.type !== 'ExternalName')
    errs.push(fieldRequired(specPath.child('ports')));
  switch (s.type) {
    case 'LoadBalancer':
      if (headless) {
        errs.push(
          fieldInvalid(
            specPath.child('clusterIPs').index(0),
            'None',
            "may not be set to 'None' for LoadBalancer services",
          ),
        );
      }
      break;
    case 'NodePort':
      if (headless) {
        errs.push(
          fieldInvalid(
            specPath.child('clusterIPs').index(0),
            'None',
            "may not be set to 'None' for NodePort services",
          ),
        );
      }
      break;
    case 'ExternalName': {
      if ((s.clusterIPs ?? []).length > 0) {
        errs.push(fieldForbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
      }
      if ((s.ipFamilies ?? []).length > 0) {
        errs.push(fieldForbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
      }
      if (s.ipFamilyPolicy !== undefined) {
        errs.push(
          fieldForbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'),
        );
      }
      // The value (a CNAME) may have a trailing dot to denote it as fully qualified.
      const cname = (s.externalName ?? '').replace(/\.$/, '');
      if (cname.length > 0) errs.push(...validateDNS1123Subdomain(cname, specPath.child('externalName')));
      else errs.push(fieldRequired(specPath.child('externalName')));
      break;
    }
  }

  const allNames = new Set<string>();
  ports.forEach((p, i) =>
    errs.push(...validateServicePort(p, ports.length > 1, allNames, specPath.child('ports').index(i))),
  );

  if (s.selector !== undefined) errs.push(...validateLabels(s.selector, specPath.child('selector')));

  if (!s.sessionAffinity) errs.push(fieldRequired(specPath.child('sessionAffinity')));
  else if (!SUPPORTED_SESSION_AFFINITY.includes(s.sessionAffinity)) {
    errs.push(
      fieldNotSupported(specPath.child('sessionAffinity'), s.sessionAffinity, SUPPORTED_SESSION_AFFINITY),
    );
  }
  if (s.sessionAffinity === 'ClientIP') {
    errs.push(...validateClientIPAffinityConfig(svc, specPath.child('sessionAffinityConfig')));
  } else if (s.sessionAffinity === 'None' && s.sessionAffinityConfig !== undefined) {
    errs.push(
      fieldForbidden(
        specPath.child('sessionAffinityConfig'),
        'must not be set when session affinity is None',
      ),
    );
  }

  errs.push(...validateServiceClusterIPsRelatedFields(svc));

  (s.externalIPs ?? []).forEach((ip, i) => {
    const p = specPath.child('externalIPs').index(i);
    const ipErrs = isValidIP(p, ip);
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(ip, p)));
  });

  if (!s.type) errs.push(fieldRequired(specPath.child('type')));
  else if (!SUPPORTED_SERVICE_TYPES.includes(s.type)) {
    errs.push(fieldNotSupported(specPath.child('type'), s.type, SUPPORTED_SERVICE_TYPES));
  }

  if (s.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if ((p.nodePort ?? 0) !== 0) {
        errs.push(
          fieldForbidden(
            specPath.child('ports').index(i).child('nodePort'),
            "may not be used when `type` is 'ClusterIP'",
          ),
        );
      }
    });
  }

  // Duplicate NodePorts, considering (protocol, nodePort) pairs.
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = p.nodePort ?? 0;
    if (np === 0) return;
    const key = `${p.protocol ?? ''}/${np}`;
    if (nodePorts.has(key)) errs.push(fieldDuplicate(specPath.child('ports').index(i).child('nodePort'), np));
    nodePorts.add(key);
  });

  // Duplicate Ports, considering (protocol, port) pairs.
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port ?? 0}`;
    if (seenPorts.has(key)) {
      const e = fieldDuplicate(specPath.child('ports').index(i), {
        protocol: p.protocol ?? '',
        port: p.port ?? 0,
      });
      e.badValueText = goServicePortKey(p.protocol ?? '', p.port ?? 0);
      errs.push(e);
    }
    seenPorts.add(key);
  });

  const ranges = s.loadBalancerSourceRanges ?? [];
  if (ranges.length > 0) {
    const path = specPath.child('LoadBalancerSourceRanges');
    if (s.type !== 'LoadBalancer')
      errs.push(fieldForbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    // Due to a historical accident these values are allowed to be space-padded.
    ranges.forEach((v, i) => errs.push(...isValidCIDR(path.index(i), v.trim())));
  } else if (annotations[LB_SOURCE_RANGES_ANNOTATION] !== undefined) {
    const path = metaPath.child('annotations').key(LB_SOURCE_RANGES_ANNOTATION);
    if (s.type !== 'LoadBalancer')
      errs.push(fieldForbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    const val = (annotations[LB_SOURCE_RANGES_ANNOTATION] ?? '').trim();
    if (val !== '') for (const v of val.split(',')) errs.push(...isValidCIDR(path, v.trim()));
  }

  if (s.allocateLoadBalancerNodePorts !== undefined && s.type !== 'LoadBalancer') {
    errs.push(
      fieldForbidden(
        specPath.child('allocateLoadBalancerNodePorts'),
        "may only be used when `type` is 'LoadBalancer'",
      ),
    );
  }
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined) {
    // The apiserver's path really lacks the `spec.` prefix here.
    errs.push(fieldRequired(FieldPath.root('allocateLoadBalancerNodePorts')));
  }

  errs.push(...validateLoadBalancerClassField(undefined, svc));
  errs.push(...validateServiceExternalTrafficPolicy(svc));
  errs.push(...validateServiceInternalTrafficFieldsValue(svc));
  if (s.trafficDistribution !== undefined && s.trafficDistribution !== 'PreferClose') {
    errs.push(
      fieldNotSupported(specPath.child('trafficDistribution'), s.trafficDistribution, ['PreferClose']),
    );
  }
  return errs;
}

/** ValidateServiceUpdate: clusterIPs and ipFamilies may not change, healthCheckNodePort is immutable. */
export function validateServiceUpdate(svc: Service, oldSvc: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, oldSvc.metadata);
  errs.push(...validateUpgradeDowngradeClusterIPs(oldSvc, svc));
  errs.push(...validateUpgradeDowngradeIPFamilies(oldSvc, svc));
  errs.push(...validateLoadBalancerClassField(oldSvc, svc));
  if (needsHealthCheck(oldSvc) && needsHealthCheck(svc)) {
    if ((svc.spec?.healthCheckNodePort ?? 0) !== (oldSvc.spec?.healthCheckNodePort ?? 0)) {
      errs.push(fieldForbidden(specPath.child('healthCheckNodePort'), 'field is immutable'));
    }
  }
  errs.push(...validateService(svc));
  return errs;
}
