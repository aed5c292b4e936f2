/**
 * ObjectMeta, labels, annotations and label selectors. Mirrors k8s.io/apimachinery/pkg/api/validation
 * (objectmeta.go, generic.go), pkg/apis/meta/v1/validation and the finalizer checks of
 * pkg/apis/core/validation.ValidateObjectMeta.
 */
import {
  FieldPath,
  fieldForbidden,
  fieldInvalid,
  fieldRequired,
  type FieldError,
} from '../api/field-error.ts';
import type { LabelSelector, ObjectMeta } from '../api/objects.ts';
import {
  byteLength,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from './formats.ts';
import { deepEqual, isRecord } from './util.ts';

/** A non-null, non-array object, without narrowing the declared type. */
const isObj = (v: unknown): boolean => isRecord(v);

export const FIELD_IMMUTABLE = 'field is immutable';
export const IS_NEGATIVE_ERROR = 'must be greater than or equal to 0';
const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);

/** apimachinery ValidateNameFunc: `prefix` is true for generateName, whose trailing '-' is masked. */
export type NameValidator = (name: string, prefix: boolean) => string[];

const maskTrailingDash = (name: string): string => (name.endsWith('-') ? `${name.slice(0, -2)}a` : name);

export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameValidator = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

export function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((m) => fieldInvalid(path, value, m));
}

export function validateDNS1123Subdomain(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => fieldInvalid(path, value, m));
}

export function validateQualifiedName(value: string, path: FieldPath): FieldError[] {
  return isQualifiedName(value).map((m) => fieldInvalid(path, value, m));
}

/** ValidateNonnegativeField. */
export function validateNonnegativeField(value: number, path: FieldPath): FieldError[] {
  return value < 0 ? [fieldInvalid(path, value, IS_NEGATIVE_ERROR)] : [];
}

/** ValidateImmutableField: `Invalid value: <new>: field is immutable`. */
export function validateImmutableField(
  newVal: unknown,
  oldVal: unknown,
  path: FieldPath,
  badValueText?: string,
): FieldError[] {
  if (deepEqual(newVal, oldVal)) return [];
  const e = fieldInvalid(path, newVal === undefined ? '' : newVal, FIELD_IMMUTABLE);
  if (badValueText !== undefined) e.badValueText = badValueText;
  return [e];
}

/** metav1validation.ValidateLabelName. */
export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((m) => fieldInvalid(path, name, m));
}

/** metav1validation.ValidateLabels: keys are qualified names, values label values; errors name the map. */
export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!isRecord(labels)) return errs;
  for (const [k, v] of Object.entries(labels)) {
    errs.push(...validateLabelName(k, path));
    for (const m of isValidLabelValue(String(v))) errs.push(fieldInvalid(path, v, m));
  }
  return errs;
}

/** apimachinery ValidateAnnotations: keys are case-insensitive qualified names; 256 KiB in total. */
export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!isRecord(annotations)) return errs;
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldInvalid(path, k, m));
    total += byteLength(k) + byteLength(String(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
    errs.push({
      type: 'Too long',
      field: path.toString(),
      detail: `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes`,
    });
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(finalizers)) return errs;
  for (const f of finalizers) {
    const s = String(f);
    for (const m of isQualifiedName(s)) errs.push(fieldInvalid(path, s, m));
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(fieldInvalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  finalizers.forEach((f, i) => {
    const s = String(f);
    if (!s.includes('/') && !STANDARD_FINALIZERS.has(s)) {
      errs.push(
        fieldInvalid(path.index(i), s, 'name is neither a standard finalizer name nor is it fully qualified'),
      );
    }
  });
  return errs;
}

function validateOwnerReferences(refs: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(refs)) return errs;
  let firstController = '';
  for (const ref of refs) {
    const r = isRecord(ref) ? ref : {};
    const apiVersion = String(r.apiVersion ?? '');
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version) errs.push(fieldInvalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (!r.kind) errs.push(fieldInvalid(path.child('kind'), String(r.kind ?? ''), 'must not be empty'));
    if (!r.name) errs.push(fieldInvalid(path.child('name'), String(r.name ?? ''), 'must not be empty'));
    if (!r.uid) errs.push(fieldInvalid(path.child('uid'), String(r.uid ?? ''), 'must not be empty'));
    if (r.controller === true) {
      const cur = `${String(r.kind ?? '')}/${String(r.name ?? '')}`;
      if (firstController) {
        errs.push(
          fieldInvalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      } else firstController = cur;
    }
  }
  return errs;
}

/** ValidateObjectMeta (create): name via `nameFn`, namespace rules, labels, annotations, owners, finalizers. */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  requiresNamespace: boolean,
  nameFn: NameValidator,
  path: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const m: ObjectMeta = isRecord(meta) ? meta : {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true))
      errs.push(fieldInvalid(path.child('generateName'), m.generateName, msg));
  }
  if (!m.name) errs.push(fieldRequired(path.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(fieldInvalid(path.child('name'), m.name, msg));
  errs.push(...validateObjectMetaCommon(m, requiresNamespace, path));
  return errs;
}

function validateObjectMetaCommon(m: ObjectMeta, requiresNamespace: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requiresNamespace) {
    if (!m.namespace) errs.push(fieldRequired(path.child('namespace')));
    else
      for (const msg of nameIsDNSLabel(m.namespace, false))
        errs.push(fieldInvalid(path.child('namespace'), m.namespace, msg));
  } else if (m.namespace) {
    errs.push(fieldForbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(m.generation ?? 0, path.child('generation')));
  errs.push(...validateLabels(m.labels, path.child('labels')));
  errs.push(...validateAnnotations(m.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, path.child('finalizers')));
  return errs;
}

/** ValidateObjectMetaUpdate: resourceVersion required; name, namespace, uid, creationTimestamp immutable. */
export function validateObjectMetaUpdate(
  newMeta: ObjectMeta | undefined,
  oldMeta: ObjectMeta | undefined,
  path: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const n: ObjectMeta = isRecord(newMeta) ? newMeta : {};
  const o: ObjectMeta = isRecord(oldMeta) ? oldMeta : {};
  const errs: FieldError[] = [];
  if (!n.resourceVersion) {
    errs.push(
      fieldInvalid(path.child('resourceVersion'), n.resourceVersion ?? '', 'must be specified for an update'),
    );
  }
  if ((n.generation ?? 0) < (o.generation ?? 0)) {
    errs.push(fieldInvalid(path.child('generation'), n.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...validateImmutableField(n.name ?? '', o.name ?? '', path.child('name')));
  errs.push(...validateImmutableField(n.namespace ?? '', o.namespace ?? '', path.child('namespace')));
  errs.push(...validateImmutableField(n.uid ?? '', o.uid ?? '', path.child('uid')));
  errs.push(
    ...validateImmutableField(
      n.creationTimestamp ?? null,
      o.creationTimestamp ?? null,
      path.child('creationTimestamp'),
    ),
  );
  errs.push(...validateLabels(n.labels, path.child('labels')));
  errs.push(...validateAnnotations(n.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(n.finalizers, path.child('finalizers')));
  return errs;
}

const SELECTOR_OPS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(sel: LabelSelector | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel || !isObj(sel)) return errs;
  errs.push(...validateLabels(sel.matchLabels, path.child('matchLabels')));
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const p = path.child('matchExpressions').index(i);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          errs.push(fieldRequired(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(
            fieldForbidden(
              p.child('values'),
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        }
        break;
      default:
        errs.push(fieldInvalid(p.child('operator'), expr.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key ?? '', p.child('key')));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(fieldInvalid(p.child('values').index(j), v, m));
    });
  });
  return errs;
}

/** metav1.LabelSelectorAsSelector succeeds (valid operators, keys and values). */
export function isConvertibleSelector(sel: LabelSelector | undefined): boolean {
  if (!sel || !isObj(sel)) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (isQualifiedName(k).length > 0 || isValidLabelValue(String(v)).length > 0) return false;
  }
  for (const e of sel.matchExpressions ?? []) {
    if (!SELECTOR_OPS.has(e.operator ?? '')) return false;
    if (isQualifiedName(e.key ?? '').length > 0) return false;
    const n = (e.values ?? []).length;
    if ((e.operator === 'In' || e.operator === 'NotIn') && n === 0) return false;
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && n > 0) return false;
  }
  return true;
}

/** labels.Selector.Matches for a LabelSelector (nil/empty selectors match everything). */
export function selectorMatches(
  sel: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!sel || !isObj(sel)) return true;
  const l: Record<string, string> = labels && isObj(labels) ? labels : {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(l, k);
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (!has(k) || l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const key = e.key ?? '';
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has(key) || !values.includes(l[key] ?? '')) return false;
        break;
      case 'NotIn':
        if (has(key) && values.includes(l[key] ?? '')) return false;
        break;
      case 'Exists':
        if (!has(key)) return false;
        break;
      case 'DoesNotExist':
        if (has(key)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A selector with no requirements (labels.Selector.Empty()). */
export function selectorIsEmpty(sel: LabelSelector | undefined): boolean {
  return (
    !sel ||
    !isObj(sel) ||
    (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)
  );
}
