/**
 * Deployment, ReplicaSet and StatefulSet validation. Mirrors pkg/apis/apps/validation ValidateDeployment(Spec),
 * ValidateReplicaSet(Spec), ValidatePodTemplateSpecForReplicaSet, ValidateStatefulSet(Spec/Update), plus the
 * selector immutability that pkg/registry/apps/{deployment,replicaset}/strategy.go adds for apps/v1.
 */
import {
  FieldPath,
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  type FieldError,
} from '../api/field-error.ts';
import type { Deployment, LabelSelector, PodTemplateSpec, ReplicaSet, StatefulSet } from '../api/objects.ts';
import { isValidPercent } from './formats.ts';
import {
  goDeploymentStrategy,
  goIntOrString,
  goLabelSelector,
  goStatefulSetUpdateStrategy,
  goStringMap,
} from './go-value.ts';
import {
  isConvertibleSelector,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  selectorIsEmpty,
  selectorMatches,
  validateAnnotations,
  validateImmutableField,
  validateLabels,
  validateLabelSelector,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import { validatePodTemplateSpec } from './pod.ts';
import { deepEqual } from './util.ts';

const spec = FieldPath.root('spec');

function withText(e: FieldError, text: string): FieldError {
  e.badValueText = text;
  return e;
}

function validateSelector(sel: LabelSelector | undefined, emptyMsg: string, path: FieldPath): FieldError[] {
  if (sel === undefined) return [fieldRequired(path)];
  const errs = validateLabelSelector(sel, path);
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(withText(fieldInvalid(path, sel, emptyMsg), goLabelSelector(sel)));
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet: selector must match the template labels; restartPolicy Always. */
function validatePodTemplateSpecForReplicaSet(
  t: PodTemplateSpec | undefined,
  sel: LabelSelector | undefined,
  path: FieldPath,
): FieldError[] {
  if (t === undefined) return [fieldRequired(path)];
  const errs: FieldError[] = [];
  if (!selectorIsEmpty(sel) && !selectorMatches(sel, t.metadata?.labels)) {
    const labels = t.metadata?.labels;
    errs.push(
      withText(
        fieldInvalid(
          path.child('metadata').child('labels'),
          labels ?? null,
          '`selector` does not match template `labels`',
        ),
        goStringMap(labels),
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(t, path));
  const rp = t.spec?.restartPolicy ?? '';
  if (rp !== 'Always')
    errs.push(fieldNotSupported(path.child('spec').child('restartPolicy'), rp, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(
      fieldForbidden(
        path.child('spec').child('activeDeadlineSeconds'),
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  }
  return errs;
}

function validateReplicaSetLikeSpec(
  s: { replicas?: number; minReadySeconds?: number; selector?: LabelSelector; template?: PodTemplateSpec },
  emptyMsg: string,
): FieldError[] {
  const errs = validateNonnegativeField(s.replicas ?? 0, spec.child('replicas'));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  errs.push(...validateSelector(s.selector, emptyMsg, spec.child('selector')));
  if (!isConvertibleSelector(s.selector)) {
    errs.push(
      withText(
        fieldInvalid(spec.child('selector'), s.selector ?? null, 'invalid label selector'),
        goLabelSelector(s.selector),
      ),
    );
  } else {
    errs.push(...validatePodTemplateSpecForReplicaSet(s.template, s.selector, spec.child('template')));
  }
  return errs;
}

function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return Number(v.slice(0, -1));
}

function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  return typeof v === 'number' ? v : 0;
}

/** ValidatePositiveIntOrPercent. */
function validatePositiveIntOrPercent(v: number | string | undefined, path: FieldPath): FieldError[] {
  if (typeof v === 'string') {
    return isValidPercent(v).map((m) => withText(fieldInvalid(path, v, m), goIntOrString(v)));
  }
  return validateNonnegativeField(typeof v === 'number' ? v : 0, path);
}

function isNotMoreThan100Percent(v: number | string | undefined, path: FieldPath): FieldError[] {
  const p = percentValue(v);
  if (p === undefined || p <= 100) return [];
  return [withText(fieldInvalid(path, v, 'must not be greater than 100%'), goIntOrString(v))];
}

function validateDeploymentStrategy(d: Deployment): FieldError[] {
  const path = spec.child('strategy');
  const strategy = d.spec?.strategy ?? {};
  const errs: FieldError[] = [];
  switch (strategy.type) {
    case 'Recreate':
      if (strategy.rollingUpdate !== undefined) {
        errs.push(
          fieldForbidden(
            path.child('rollingUpdate'),
            "may not be specified when strategy `type` is 'Recreate'",
          ),
        );
      }
      break;
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate;
      if (ru === undefined) {
        errs.push(fieldRequired(path.child('rollingUpdate'), 'this should be defaulted and never be nil'));
        break;
      }
      const ruPath = path.child('rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, ruPath.child('maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, ruPath.child('maxSurge')));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(
          withText(
            fieldInvalid(
              ruPath.child('maxUnavailable'),
              ru.maxUnavailable ?? 0,
              'may not be 0 when `maxSurge` is 0',
            ),
            goIntOrString(ru.maxUnavailable),
          ),
        );
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, ruPath.child('maxUnavailable')));
      break;
    }
    default:
      errs.push(
        withText(
          fieldNotSupported(path, strategy, ['Recreate', 'RollingUpdate']),
          goDeploymentStrategy(strategy),
        ),
      );
  }
  return errs;
}

/** ValidateDeploymentSpec. */
function validateDeploymentSpec(d: Deployment): FieldError[] {
  const s = d.spec ?? { selector: undefined as unknown as LabelSelector, template: {} };
  const errs = validateNonnegativeField(s.replicas ?? 0, spec.child('replicas'));
  errs.push(
    ...validateSelector(s.selector, 'empty selector is invalid for deployment', spec.child('selector')),
  );
  if (!isConvertibleSelector(s.selector)) {
    errs.push(
      withText(
        fieldInvalid(spec.child('selector'), s.selector ?? null, 'invalid label selector'),
        goLabelSelector(s.selector),
      ),
    );
  } else {
    errs.push(...validatePodTemplateSpecForReplicaSet(s.template, s.selector, spec.child('template')));
  }
  errs.push(...validateDeploymentStrategy(d));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  if (s.revisionHistoryLimit !== undefined) {
    errs.push(...validateNonnegativeField(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  }
  if (s.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonnegativeField(s.progressDeadlineSeconds, spec.child('progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(
        fieldInvalid(
          spec.child('progressDeadlineSeconds'),
          s.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  return errs;
}

/** ValidateDeployment. */
export function validateDeployment(d: Deployment): FieldError[] {
  return [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain), ...validateDeploymentSpec(d)];
}

function selectorImmutable(
  newSel: LabelSelector | undefined,
  oldSel: LabelSelector | undefined,
): FieldError[] {
  return validateImmutableField(
    newSel ?? null,
    oldSel ?? null,
    spec.child('selector'),
    goLabelSelector(newSel),
  );
}

/** ValidateDeploymentUpdate plus the apps/v1 selector immutability of the registry strategy. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = validateObjectMetaUpdate(d.metadata, old.metadata);
  errs.push(...validateDeploymentSpec(d));
  errs.push(...selectorImmutable(d.spec?.selector, old.spec?.selector));
  return errs;
}

/** ValidateReplicaSet. */
export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [
    ...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain),
    ...validateReplicaSetLikeSpec(rs.spec ?? {}, 'empty selector is invalid for deployment'),
  ];
}

export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  const errs = validateObjectMetaUpdate(rs.metadata, old.metadata);
  errs.push(...validateReplicaSetLikeSpec(rs.spec ?? {}, 'empty selector is invalid for deployment'));
  errs.push(...selectorImmutable(rs.spec?.selector, old.spec?.selector));
  return errs;
}

/** ValidateStatefulSetSpec. Unlike ReplicaSets the pod template's spec is not validated here. */
function validateStatefulSetSpec(ss: StatefulSet): FieldError[] {
  const s = ss.spec;
  const errs: FieldError[] = [];
  switch (s?.podManagementPolicy ?? '') {
    case '':
      errs.push(fieldRequired(spec.child('podManagementPolicy')));
      break;
    case 'OrderedReady':
    case 'Parallel':
      break;
    default:
      errs.push(
        fieldInvalid(
          spec.child('podManagementPolicy'),
          s?.podManagementPolicy,
          "must be 'OrderedReady' or 'Parallel'",
        ),
      );
  }
  const us = s?.updateStrategy ?? {};
  const usPath = spec.child('updateStrategy');
  switch (us.type ?? '') {
    case '':
      errs.push(fieldRequired(usPath));
      break;
    case 'OnDelete':
      if (us.rollingUpdate !== undefined) {
        errs.push(
          fieldInvalid(
            usPath.child('rollingUpdate'),
            us.rollingUpdate,
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        );
      }
      break;
    case 'RollingUpdate':
      if (us.rollingUpdate !== undefined) {
        const ru = us.rollingUpdate;
        errs.push(
          ...validateNonnegativeField(ru.partition ?? 0, usPath.child('rollingUpdate').child('partition')),
        );
        if (ru.maxUnavailable !== undefined) {
          const p = usPath.child('rollingUpdate').child('maxUnavailable');
          errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p));
          if (intOrPercentValue(ru.maxUnavailable) === 0)
            errs.push(
              withText(fieldInvalid(p, ru.maxUnavailable, 'cannot be 0'), goIntOrString(ru.maxUnavailable)),
            );
          errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p));
        }
      }
      break;
    default:
      errs.push(
        withText(
          fieldInvalid(usPath, us, "must be 'RollingUpdate' or 'OnDelete'"),
          goStatefulSetUpdateStrategy(us),
        ),
      );
  }
  const retention = s?.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    const rPath = spec.child('persistentVolumeClaimRetentionPolicy');
    for (const k of ['whenDeleted', 'whenScaled'] as const) {
      const v = retention[k] ?? '';
      if (v !== 'Retain' && v !== 'Delete')
        errs.push(fieldNotSupported(rPath.child(k), v, ['Retain', 'Delete']));
    }
  }
  errs.push(...validateNonnegativeField(s?.replicas ?? 0, spec.child('replicas')));
  errs.push(...validateNonnegativeField(s?.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  if (s?.ordinals)
    errs.push(...validateNonnegativeField(s.ordinals.start ?? 0, spec.child('ordinals.start')));
  errs.push(
    ...validateSelector(s?.selector, 'empty selector is invalid for statefulset', spec.child('selector')),
  );
  if (!isConvertibleSelector(s?.selector)) {
    errs.push(
      withText(fieldInvalid(spec.child('selector'), s?.selector ?? null, ''), goLabelSelector(s?.selector)),
    );
  } else {
    const t = s?.template;
    const tPath = spec.child('template');
    if (!selectorIsEmpty(s?.selector) && !selectorMatches(s?.selector, t?.metadata?.labels)) {
      errs.push(
        withText(
          fieldInvalid(
            tPath.child('metadata').child('labels'),
            t?.metadata?.labels ?? null,
            '`selector` does not match template `labels`',
          ),
          goStringMap(t?.metadata?.labels),
        ),
      );
    }
    errs.push(...validateLabels(t?.metadata?.labels, tPath.child('labels')));
    errs.push(...validateAnnotations(t?.metadata?.annotations, tPath.child('annotations')));
  }
  const rp = s?.template?.spec?.restartPolicy ?? '';
  if (rp !== 'Always')
    errs.push(fieldNotSupported(spec.child('template').child('spec').child('restartPolicy'), rp, ['Always']));
  if (s?.template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(
      fieldForbidden(
        spec.child('template').child('spec').child('activeDeadlineSeconds'),
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  }
  return errs;
}

/** ValidateStatefulSet (names are DNS labels: they prefix pod hostnames). */
export function validateStatefulSet(ss: StatefulSet): FieldError[] {
  return [...validateObjectMeta(ss.metadata, true, nameIsDNSLabel), ...validateStatefulSetSpec(ss)];
}

/** ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, PVC retention and minReadySeconds change. */
export function validateStatefulSetUpdate(ss: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = validateObjectMetaUpdate(ss.metadata, old.metadata);
  errs.push(...validateStatefulSetSpec(ss));
  const strip = (x: StatefulSet): Record<string, unknown> => {
    const rest: Record<string, unknown> = { ...(x.spec ?? {}) };
    for (const k of [
      'replicas',
      'template',
      'updateStrategy',
      'minReadySeconds',
      'ordinals',
      'persistentVolumeClaimRetentionPolicy',
    ]) {
      delete rest[k];
    }
    return rest;
  };
  if (!deepEqual(strip(ss), strip(old))) {
    errs.push(
      fieldForbidden(
        spec,
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}
