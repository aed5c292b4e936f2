/**
 * Endpoints validation. Mirrors pkg/apis/core/validation ValidateEndpoints (validateEndpointSubsets,
 * validateEndpointAddress, validateEndpointPort) and ValidateEndpointsUpdate.
 */
import {
  FieldPath,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  type FieldError,
} from '../api/field-error.ts';
import type { EndpointAddress, EndpointPort, Endpoints } from '../api/objects.ts';
import { SUPPORTED_PORT_PROTOCOLS, validateNonSpecialIP } from './common.ts';
import { isValidIP, isValidPortNum } from './formats.ts';
import {
  nameIsDNSSubdomain,
  validateDNS1123Label,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateQualifiedName,
} from './meta.ts';

function validateEndpointAddress(a: EndpointAddress, path: FieldPath): FieldError[] {
  const ip = a.ip ?? '';
  const errs = isValidIP(path.child('ip'), ip);
  if (a.hostname) errs.push(...validateDNS1123Label(a.hostname, path.child('hostname')));
  if (a.nodeName !== undefined) {
    for (const m of nameIsDNSSubdomain(a.nodeName, false))
      errs.push(fieldInvalid(path.child('nodeName'), a.nodeName, m));
  }
  errs.push(...validateNonSpecialIP(ip, path.child('ip')));
  return errs;
}

/** validateEndpointPort: also used for EndpointSlice-like port lists of Endpoints. */
export function validateEndpointPort(p: EndpointPort, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fieldRequired(path.child('name')));
  else if (p.name) errs.push(...validateDNS1123Label(p.name, path.child('name')));
  for (const m of isValidPortNum(p.port ?? 0)) errs.push(fieldInvalid(path.child('port'), p.port ?? 0, m));
  if (!p.protocol) errs.push(fieldRequired(path.child('protocol')));
  else if (!SUPPORTED_PORT_PROTOCOLS.includes(p.protocol)) {
    errs.push(fieldNotSupported(path.child('protocol'), p.protocol, SUPPORTED_PORT_PROTOCOLS));
  }
  if (p.appProtocol !== undefined)
    errs.push(...validateQualifiedName(p.appProtocol, path.child('appProtocol')));
  return errs;
}

/** ValidateEndpoints (create and update share it). */
export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain);
  const subsets = FieldPath.root('subsets');
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = subsets.index(i);
    const addresses = ss.addresses ?? [];
    const notReady = ss.notReadyAddresses ?? [];
    if (addresses.length === 0 && notReady.length === 0) {
      errs.push(fieldRequired(p, 'must specify `addresses` or `notReadyAddresses`'));
    }
    addresses.forEach((a, j) => errs.push(...validateEndpointAddress(a, p.child('addresses').index(j))));
    notReady.forEach((a, j) =>
      errs.push(...validateEndpointAddress(a, p.child('notReadyAddresses').index(j))),
    );
    const ports = ss.ports ?? [];
    ports.forEach((port, j) =>
      errs.push(...validateEndpointPort(port, ports.length > 1, p.child('ports').index(j))),
    );
  });
  return errs;
}

export function validateEndpointsUpdate(ep: Endpoints, old: Endpoints): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateEndpoints(ep)];
}
