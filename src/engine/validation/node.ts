/**
 * Node and Namespace validation, minimal. Mirrors pkg/apis/core/validation ValidateNode (name, labels,
 * podCIDRs), ValidateNodeUpdate (podCIDRs and providerID set once) and ValidateNamespace.
 */
import {
  FieldPath,
  fieldDuplicate,
  fieldForbidden,
  fieldInvalid,
  type FieldError,
} from '../api/field-error.ts';
import type { KubeObject, Node } from '../api/objects.ts';
import { isValidCIDR, parseCIDRSloppy } from './formats.ts';
import { goStringSlice } from './go-value.ts';
import { nameIsDNSLabel, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { asArray, asRecord, asString } from './util.ts';

/** ValidateNode: a cluster-scoped DNS-subdomain name; podCIDRs valid, one per family, no duplicates. */
export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  const cidrs = node.spec?.podCIDRs ?? [];
  const path = FieldPath.root('spec').child('podCIDRs');
  cidrs.forEach((c, i) => errs.push(...isValidCIDR(path.index(i), c)));
  if (cidrs.length > 1) {
    const parsed = cidrs.map((c) => parseCIDRSloppy(c));
    const v4 = parsed.filter((p) => p?.ip.is4).length;
    const v6 = parsed.filter((p) => p && !p.ip.is4).length;
    if (!(v4 === 1 && v6 === 1) || cidrs.length > 2) {
      const e = fieldInvalid(path, cidrs, 'may specify no more than one CIDR for each IP family');
      e.badValueText = goStringSlice(cidrs);
      errs.push(e);
    }
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(fieldDuplicate(path.index(i), c));
      seen.add(c);
    });
  }
  return errs;
}

/** ValidateNodeUpdate. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata);
  errs.push(...validateNode(node));
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  const path = FieldPath.root('spec');
  const msg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(fieldForbidden(path.child('podCIDRs'), msg));
    else
      oldCIDRs.forEach((c, i) => c !== newCIDRs[i] && errs.push(fieldForbidden(path.child('podCIDRs'), msg)));
  }
  const oldProvider = old.spec?.providerID ?? '';
  if (oldProvider.length > 0 && oldProvider !== (node.spec?.providerID ?? '')) {
    errs.push(
      fieldForbidden(
        path.child('providerID'),
        'node updates may not change providerID except from "" to valid',
      ),
    );
  }
  return errs;
}

/** ValidateNamespace: a DNS-label name; finalizers are qualified names. */
export function validateNamespace(ns: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  const path = FieldPath.root('spec').child('finalizers');
  for (const f of asArray(asRecord(ns.spec).finalizers)) {
    const s = asString(f);
    if (!s.includes('/') && s !== 'kubernetes') {
      errs.push(fieldInvalid(path, s, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

export function validateNamespaceUpdate(ns: KubeObject, old: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(ns.metadata, old.metadata);
}
