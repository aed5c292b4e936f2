/**
 * The dual-stack fields of a Service: clusterIP/clusterIPs, ipFamilies, ipFamilyPolicy. Mirrors
 * pkg/apis/core/validation.ValidateServiceClusterIPsRelatedFields, validateUpgradeDowngradeClusterIPs and
 * validateUpgradeDowngradeIPFamilies.
 */
import {
  FieldPath,
  fieldDuplicate,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  type FieldError,
} from '../api/field-error.ts';
import type { Service } from '../api/objects.ts';
import { isIPv6String, isValidIP, parseIPSloppy } from './formats.ts';
import { goStringPtr, goStringSlice } from './go-value.ts';

export const CLUSTER_IP_NONE = 'None';
const SUPPORTED_IP_FAMILIES = ['IPv4', 'IPv6'];
const SUPPORTED_IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

const spec = FieldPath.root('spec');
const clusterIPsField = spec.child('clusterIPs');

/** isHeadlessService: exactly one clusterIPs entry, and it is "None". */
export function isHeadlessService(svc: Service): boolean {
  const ips = svc.spec?.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === CLUSTER_IP_NONE;
}

function invalidIPs(path: FieldPath, ips: readonly string[] | undefined, detail: string): FieldError {
  const e = fieldInvalid(path, ips ?? null, detail);
  e.badValueText = goStringSlice(ips);
  return e;
}

/** netutils.IsDualStackIPStrings: exactly one IPv4 and one IPv6 address. */
function isDualStack(ips: readonly string[]): boolean {
  let v4 = 0;
  let v6 = 0;
  for (const ip of ips) {
    const p = parseIPSloppy(ip);
    if (!p) continue;
    if (p.is4) v4++;
    else v6++;
  }
  return v4 > 0 && v6 > 0;
}

/** ValidateServiceClusterIPsRelatedFields. */
export function validateServiceClusterIPsRelatedFields(svc: Service): FieldError[] {
  const s = svc.spec ?? {};
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  let hasInvalidIPs = false;
  const clusterIP = s.clusterIP ?? '';
  const clusterIPs = s.clusterIPs ?? [];

  if (clusterIP.length !== 0) {
    if (clusterIPs.length === 0) errs.push(fieldRequired(clusterIPsField));
    else if (clusterIPs[0] !== clusterIP)
      errs.push(invalidIPs(clusterIPsField, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalidIPs(clusterIPsField, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }

  const seen = new Set<string>();
  (s.ipFamilies ?? []).forEach((fam, i) => {
    if (!SUPPORTED_IP_FAMILIES.includes(fam)) {
      errs.push(fieldNotSupported(spec.child('ipFamilies').index(i), fam, SUPPORTED_IP_FAMILIES));
    }
    if (seen.has(fam)) errs.push(fieldDuplicate(spec.child('ipFamilies').index(i), fam));
    seen.add(fam);
  });

  if (s.ipFamilyPolicy !== undefined && !SUPPORTED_IP_FAMILY_POLICIES.includes(s.ipFamilyPolicy)) {
    errs.push(
      fieldNotSupported(spec.child('ipFamilyPolicy'), s.ipFamilyPolicy, SUPPORTED_IP_FAMILY_POLICIES),
    );
  }

  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === CLUSTER_IP_NONE) {
      if (clusterIPs.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalidIPs(clusterIPsField, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = isValidIP(clusterIPsField.index(i), ip);
    if (ipErrs.length > 0) hasInvalidIPs = true;
    errs.push(...ipErrs);
  });

  if (clusterIPs.length > 2)
    errs.push(invalidIPs(clusterIPsField, clusterIPs, 'may only hold up to 2 values'));
  if (hasInvalidIPs) return errs;

  if (clusterIPs.length > 1 && !isDualStack(clusterIPs)) {
    errs.push(invalidIPs(clusterIPsField, clusterIPs, 'may specify no more than one IP for each IP family'));
  }

  const families = s.ipFamilies ?? [];
  if (!isHeadlessService(svc) && clusterIPs.length > 0 && families.length > 0) {
    for (let i = 0; i < clusterIPs.length && i < families.length; i++) {
      const ip = clusterIPs[i] ?? '';
      if (families[i] === 'IPv4' && isIPv6String(ip)) {
        errs.push(
          fieldInvalid(
            clusterIPsField.index(i),
            ip,
            `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
      }
      if (families[i] === 'IPv6' && !isIPv6String(ip)) {
        errs.push(
          fieldInvalid(
            clusterIPsField.index(i),
            ip,
            `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
      }
    }
  }
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: a set clusterIP may not change (`may not change once set`). */
export function validateUpgradeDowngradeClusterIPs(oldSvc: Service, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  if (svc.spec?.type === 'ExternalName' || oldSvc.spec?.type === 'ExternalName') return errs;
  if (isHeadlessService(oldSvc) && isHeadlessService(svc)) return errs;
  const oldIPs = oldSvc.spec?.clusterIPs ?? [];
  const newIPs = svc.spec?.clusterIPs ?? [];
  const at0 = clusterIPsField.index(0);
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i])
        errs.push(invalidIPs(clusterIPsField.index(i), svc.spec?.clusterIPs, 'may not change once set'));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0)
      errs.push(invalidIPs(at0, svc.spec?.clusterIPs, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
      errs.push(invalidIPs(at0, svc.spec?.clusterIPs, 'may not change once set'));
    }
    if (newIPs.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      const e = fieldInvalid(
        spec.child('ipFamilyPolicy'),
        svc.spec?.ipFamilyPolicy ?? null,
        "must be set to 'SingleStack' when releasing the secondary clusterIP",
      );
      e.badValueText = goStringPtr(svc.spec?.ipFamilyPolicy);
      errs.push(e);
    }
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errs.push(invalidIPs(at0, svc.spec?.clusterIPs, 'may not change once set'));
  }
  return errs;
}

/** validateUpgradeDowngradeIPFamilies: the primary family may not change (except for headless). */
export function validateUpgradeDowngradeIPFamilies(oldSvc: Service, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  if (svc.spec?.type === 'ExternalName' || oldSvc.spec?.type === 'ExternalName') return errs;
  const oldHeadless = isHeadlessService(oldSvc);
  const newHeadless = isHeadlessService(svc);
  if (oldHeadless !== newHeadless || newHeadless) return errs;
  const oldF = oldSvc.spec?.ipFamilies ?? [];
  const newF = svc.spec?.ipFamilies ?? [];
  const at0 = spec.child('ipFamilies').index(0);
  const famText = goStringSlice(svc.spec?.ipFamilies, 'core.IPFamily');
  const ipsText = goStringSlice(svc.spec?.clusterIPs);
  const withText = (e: FieldError, t: string) => ((e.badValueText = t), e);
  if (oldF.length === newF.length) {
    oldF.forEach((f, i) => {
      if (f !== newF[i]) errs.push(withText(fieldInvalid(at0, newF, 'may not change once set'), famText));
    });
  } else if (oldF.length > newF.length) {
    if ((svc.spec?.clusterIPs ?? []).length === 0) {
      errs.push(withText(fieldInvalid(at0, newF, 'primary ipFamily can not be unset'), famText));
    }
    if (newF.length > 0 && newF[0] !== oldF[0]) {
      errs.push(
        withText(fieldInvalid(at0, svc.spec?.clusterIPs ?? null, 'may not change once set'), ipsText),
      );
    }
    if (newF.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      const e = fieldInvalid(
        spec.child('ipFamilyPolicy'),
        svc.spec?.ipFamilyPolicy ?? null,
        "must be set to 'SingleStack' when releasing the secondary ipFamily",
      );
      e.badValueText = goStringPtr(svc.spec?.ipFamilyPolicy);
      errs.push(e);
    }
  } else if (oldF.length > 0 && newF.length > 0 && newF[0] !== oldF[0]) {
    errs.push(withText(fieldInvalid(at0, svc.spec?.clusterIPs ?? null, 'may not change once set'), ipsText));
  }
  return errs;
}
