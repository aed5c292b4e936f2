/**
 * ipFamilyPolicy / ipFamilies initialisation of a Service. Mirrors Allocators.initIPFamilyFields
 * (pkg/registry/core/service/storage/alloc.go): infer the policy (SingleStack, or RequireDualStack for
 * headless selectorless Services), infer families from clusterIPs, and refuse families the cluster lacks.
 */
import { FieldPath, fieldInvalid, type FieldError } from '../api/field-error.ts';
import type { Service } from '../api/objects.ts';
import { parseIPSloppy } from '../validation/formats.ts';
import { goStringPtr, goStringSlice } from '../validation/go-value.ts';
import { CLUSTER_IP_NONE, validateServiceClusterIPsRelatedFields } from '../validation/service-ips.ts';
import { deepEqual } from '../validation/util.ts';

export type IPFamily = 'IPv4' | 'IPv6';

const spec = FieldPath.root('spec');

function familyOf(ip: string): IPFamily {
  return parseIPSloppy(ip)?.is4 === false ? 'IPv6' : 'IPv4';
}

function policyError(svc: Service, detail: string): FieldError {
  const e = fieldInvalid(spec.child('ipFamilyPolicy'), svc.spec?.ipFamilyPolicy ?? null, detail);
  e.badValueText = goStringPtr(svc.spec?.ipFamilyPolicy);
  return e;
}

/** isMatchingPreferDualStackClusterIPFields: an unchanged PreferDualStack Service is left alone. */
function isMatchingPreferDualStack(svc: Service, old: Service | undefined): boolean {
  if (!old || svc.spec?.ipFamilyPolicy === undefined) return false;
  const t = svc.spec.type;
  if (old.spec?.type !== t) return false;
  if (t !== 'ClusterIP' && t !== 'NodePort' && t !== 'LoadBalancer') return false;
  if (svc.spec.ipFamilyPolicy !== 'PreferDualStack') return false;
  if (old.spec?.ipFamilyPolicy !== undefined && old.spec.ipFamilyPolicy !== 'PreferDualStack') return false;
  const sameIPs = deepEqual(svc.spec.clusterIPs ?? [], old.spec?.clusterIPs ?? []);
  return sameIPs && deepEqual(svc.spec.ipFamilies ?? [], old.spec?.ipFamilies ?? []);
}

/**
 * Mutates `svc` (its spec must be an object) and returns the Invalid errors the registry would answer with.
 * `clusterFamilies` lists the families of --service-cluster-ip-range, primary first.
 */
export function initIPFamilyFields(
  svc: Service,
  old: Service | undefined,
  clusterFamilies: readonly IPFamily[],
): FieldError[] {
  const s = svc.spec;
  if (!s || s.type === 'ExternalName') return [];
  if (isMatchingPreferDualStack(svc, old)) return [];

  if (s.ipFamilyPolicy === undefined) {
    if (old?.spec?.ipFamilyPolicy !== undefined) s.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else if (s.clusterIP === CLUSTER_IP_NONE && Object.keys(s.selector ?? {}).length === 0)
      s.ipFamilyPolicy = 'RequireDualStack';
    else s.ipFamilyPolicy = 'SingleStack';
  }

  const pre = validateServiceClusterIPsRelatedFields(svc);
  if (pre.length > 0) return pre;

  const errs: FieldError[] = [];
  if (old) {
    if (s.ipFamilyPolicy === 'SingleStack') {
      const sameIPs = deepEqual(old.spec?.clusterIPs ?? [], s.clusterIPs ?? []);
      if (sameIPs && (s.clusterIPs ?? []).length > 1) s.clusterIPs = s.clusterIPs?.slice(0, 1);
      if (deepEqual(old.spec?.ipFamilies ?? [], s.ipFamilies ?? []) && (s.ipFamilies ?? []).length > 1) {
        s.ipFamilies = s.ipFamilies?.slice(0, 1);
      }
    } else {
      // reducedClusterIPs / reducedIPFamilies: an empty list was not set by the user, it is not a reduction.
      const ipsN = (s.clusterIPs ?? []).length;
      const famN = (s.ipFamilies ?? []).length;
      if (ipsN > 0 && ipsN < (old.spec?.clusterIPs ?? []).length) {
        errs.push(policyError(svc, "must be 'SingleStack' to release the secondary cluster IP"));
      }
      if (famN > 0 && famN < (old.spec?.ipFamilies ?? []).length) {
        errs.push(policyError(svc, "must be 'SingleStack' to release the secondary IP family"));
      }
    }
  }

  if (s.ipFamilyPolicy === 'SingleStack') {
    if ((s.clusterIPs ?? []).length === 2) {
      errs.push(
        policyError(
          svc,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
        ),
      );
    }
    if ((s.ipFamilies ?? []).length === 2) {
      errs.push(
        policyError(
          svc,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
        ),
      );
    }
  }

  const ips = s.clusterIPs ?? [];
  for (let i = 0; i < ips.length; i++) {
    const ip = ips[i] ?? '';
    if (ip === CLUSTER_IP_NONE) break;
    const fam = familyOf(ip);
    if (i >= (s.ipFamilies ?? []).length) {
      if (!clusterFamilies.includes(fam)) {
        const e = fieldInvalid(
          spec.child('clusterIPs').index(i),
          ips,
          `${fam} is not configured on this cluster`,
        );
        e.badValueText = goStringSlice(ips);
        errs.push(e);
      } else {
        s.ipFamilies = [...(s.ipFamilies ?? []), fam];
      }
    }
  }
  if (errs.length > 0) return errs;

  const primary: IPFamily = clusterFamilies[0] ?? 'IPv4';
  if (s.clusterIP === CLUSTER_IP_NONE && Object.keys(s.selector ?? {}).length === 0) {
    if ((s.ipFamilies ?? []).length === 0) s.ipFamilies = [primary];
    const fams = s.ipFamilies ?? [];
    if (fams.length < 2 && s.ipFamilyPolicy !== 'SingleStack')
      s.ipFamilies = [...fams, fams[0] === 'IPv4' ? 'IPv6' : 'IPv4'];
    return [];
  }

  if (s.ipFamilyPolicy === 'RequireDualStack' && clusterFamilies.length < 2) {
    errs.push(policyError(svc, 'this cluster is not configured for dual-stack services'));
  }
  (s.ipFamilies ?? []).forEach((fam, i) => {
    if (!clusterFamilies.includes(fam as IPFamily)) {
      errs.push(fieldInvalid(spec.child('ipFamilies').index(i), fam, 'not configured on this cluster'));
    }
  });
  if (errs.length > 0) return errs;

  if ((s.ipFamilies ?? []).length === 0) s.ipFamilies = [primary];
  const fams = s.ipFamilies ?? [];
  if (s.ipFamilyPolicy !== 'SingleStack' && fams.length === 1 && clusterFamilies.length === 2) {
    s.ipFamilies = [...fams, fams[0] === 'IPv4' ? 'IPv6' : 'IPv4'];
  }
  return [];
}

/** The families of a comma-separated --service-cluster-ip-range; this engine allocates IPv4 only. */
export function clusterFamiliesOf(serviceSubnet: string): IPFamily[] {
  const out: IPFamily[] = [];
  for (const c of String(serviceSubnet).split(',')) {
    const ip = parseIPSloppy(c.trim().split('/')[0] ?? '');
    if (ip?.is4 && !out.includes('IPv4')) out.push('IPv4');
  }
  return out.length > 0 ? out : ['IPv4'];
}
