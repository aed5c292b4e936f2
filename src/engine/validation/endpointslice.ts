/**
 * EndpointSlice validation. Mirrors pkg/apis/discovery/validation ValidateEndpointSlice(Create/Update):
 * addressType, per-type address checks, topology labels, hostnames, port names and protocols.
 */
import {
  FieldPath,
  fieldDuplicate,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  fieldTooMany,
  type FieldError,
} from '../api/field-error.ts';
import type { EndpointSlice } from '../api/objects.ts';
import { SUPPORTED_PORT_PROTOCOLS, validateNonSpecialIP } from './common.ts';
import { isFullyQualifiedDomainName, isValidIPv4Address, isValidIPv6Address } from './formats.ts';
import {
  nameIsDNSSubdomain,
  validateDNS1123Label,
  validateImmutableField,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateQualifiedName,
} from './meta.ts';

const SUPPORTED_ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 100;
const MAX_ENDPOINTS = 1000;

function validateEndpoints(eps: EndpointSlice): FieldError[] {
  const path = FieldPath.root('endpoints');
  const endpoints = eps.endpoints ?? [];
  if (endpoints.length > MAX_ENDPOINTS) return [fieldTooMany(path, endpoints.length, MAX_ENDPOINTS)];
  const errs: FieldError[] = [];
  endpoints.forEach((ep, i) => {
    const p = path.index(i);
    const aPath = p.child('addresses');
    const addresses = ep.addresses ?? [];
    if (addresses.length === 0) errs.push(fieldRequired(aPath, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES)
      errs.push(fieldTooMany(aPath, addresses.length, MAX_ADDRESSES));
    addresses.forEach((address, j) => {
      switch (eps.addressType) {
        case 'IPv4':
          errs.push(
            ...isValidIPv4Address(aPath.index(j), address),
            ...validateNonSpecialIP(address, aPath.index(j)),
          );
          break;
        case 'IPv6':
          errs.push(
            ...isValidIPv6Address(aPath.index(j), address),
            ...validateNonSpecialIP(address, aPath.index(j)),
          );
          break;
        case 'FQDN':
          errs.push(...isFullyQualifiedDomainName(aPath.index(j), address));
          break;
      }
    });
    const topology = ep.deprecatedTopology;
    if (topology && Object.keys(topology).length > MAX_TOPOLOGY_LABELS) {
      errs.push(fieldTooMany(p.child('topology'), Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
    }
    errs.push(...validateLabels(topology, p.child('topology')));
    if (ep.hostname !== undefined) errs.push(...validateDNS1123Label(ep.hostname, p.child('hostname')));
    if (ep.nodeName !== undefined) {
      for (const m of nameIsDNSSubdomain(ep.nodeName, false))
        errs.push(fieldInvalid(p.child('nodeName'), ep.nodeName, m));
    }
  });
  return errs;
}

function validatePorts(eps: EndpointSlice): FieldError[] {
  const path = FieldPath.root('ports');
  const ports = eps.ports ?? [];
  if (ports.length > MAX_PORTS) return [fieldTooMany(path, ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = port.name ?? '';
    if (name.length > 0) errs.push(...validateDNS1123Label(name, p.child('name')));
    if (names.has(name)) errs.push(fieldDuplicate(p.child('name'), name));
    else names.add(name);
    if (port.protocol === undefined) errs.push(fieldRequired(p.child('protocol')));
    else if (!SUPPORTED_PORT_PROTOCOLS.includes(port.protocol)) {
      errs.push(fieldNotSupported(p.child('protocol'), port.protocol, SUPPORTED_PORT_PROTOCOLS));
    }
    if (port.appProtocol !== undefined)
      errs.push(...validateQualifiedName(port.appProtocol, p.child('appProtocol')));
  });
  return errs;
}

/** ValidateEndpointSliceCreate. */
export function validateEndpointSlice(eps: EndpointSlice, allowDeprecatedIP = false): FieldError[] {
  const errs = validateObjectMeta(eps.metadata, true, nameIsDNSSubdomain);
  const at = eps.addressType as string | undefined;
  const valid = allowDeprecatedIP ? [...SUPPORTED_ADDRESS_TYPES, 'IP'] : SUPPORTED_ADDRESS_TYPES;
  if (!at) errs.push(fieldRequired(FieldPath.root('addressType')));
  else if (!valid.includes(at)) errs.push(fieldNotSupported(FieldPath.root('addressType'), at, valid));
  errs.push(...validateEndpoints(eps), ...validatePorts(eps));
  return errs;
}

/** ValidateEndpointSliceUpdate: addressType is immutable. */
export function validateEndpointSliceUpdate(eps: EndpointSlice, old: EndpointSlice): FieldError[] {
  return [
    ...validateObjectMetaUpdate(eps.metadata, old.metadata),
    ...validateEndpointSlice(eps, true),
    ...validateImmutableField(eps.addressType ?? '', old.addressType ?? '', FieldPath.root('addressType')),
  ];
}
