import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../api/field-error.ts';
import type { Deployment, ReplicaSet, StatefulSet } from '../api/objects.ts';
import {
  validateDeployment,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateReplicaSetUpdate,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from './workloads.ts';

type D = Deployment & {
  metadata: NonNullable<Deployment['metadata']>;
  spec: NonNullable<Deployment['spec']>;
};

const podSpec = () => ({
  containers: [
    { name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' },
  ],
  restartPolicy: 'Always',
  dnsPolicy: 'ClusterFirst',
  terminationGracePeriodSeconds: 30,
});

/** validDeployment, from pkg/apis/apps/validation/validation_test.go (apps/v1 defaults applied). */
function validDeployment(): D {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'abc', namespace: 'default', resourceVersion: '1' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { name: 'abc' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
      template: { metadata: { labels: { name: 'abc' } }, spec: podSpec() },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  };
}

const msgs = (errs: ReturnType<typeof validateDeployment>) => errs.map(formatFieldError);

// from pkg/apis/apps/validation/validation_test.go TestValidateDeployment
describe('validateDeployment', () => {
  it('accepts a valid deployment', () => expect(validateDeployment(validDeployment())).toEqual([]));

  const cases: Array<[string, (d: D) => void, string[]]> = [
    [
      'metadata.name',
      (d) => (d.metadata.name = ''),
      ['metadata.name: Required value: name or generateName is required'],
    ],
    [
      'selector does not match template labels',
      (d) => (d.spec.selector = { matchLabels: { name: 'def' } }),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"name":"abc"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'empty selector',
      (d) => (d.spec.selector = {}),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
    [
      'negative replicas',
      (d) => (d.spec.replicas = -1),
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'Recreate with rollingUpdate',
      (d) => (d.spec.strategy = { type: 'Recreate', rollingUpdate: {} }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'maxSurge and maxUnavailable both zero',
      (d) => (d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
      [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
      ],
    ],
    [
      'maxUnavailable over 100%',
      (d) =>
        (d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '110%' } }),
      [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}: must not be greater than 100%',
      ],
    ],
    [
      'unknown strategy',
      (d) => (d.spec.strategy = { type: 'randomType' }),
      [
        'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"randomType", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
      ],
    ],
    [
      'progressDeadlineSeconds',
      (d) => Object.assign(d.spec, { minReadySeconds: 600, progressDeadlineSeconds: 600 }),
      ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
    ],
    [
      'template restartPolicy',
      (d) => (d.spec.template.spec!.restartPolicy = 'Never'),
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'template container image',
      (d) => (d.spec.template.spec!.containers[0]!.image = ''),
      ['spec.template.spec.containers[0].image: Required value'],
    ],
  ];
  it.each(cases)('%s', (_name, tweak, want) => {
    const d = validDeployment();
    tweak(d);
    expect(msgs(validateDeployment(d))).toEqual(want);
  });

  it('TestValidateDeploymentUpdate: the apps/v1 selector is immutable', () => {
    const old = validDeployment();
    const d = validDeployment();
    d.spec.selector = { matchLabels: { name: 'abc', tier: 'x' } };
    d.spec.template.metadata!.labels = { name: 'abc', tier: 'x' };
    expect(msgs(validateDeploymentUpdate(d, old))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"name":"abc", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    const scaled = validDeployment();
    scaled.spec.replicas = 5;
    expect(validateDeploymentUpdate(scaled, old)).toEqual([]);
  });
});

// from pkg/apis/apps/validation/validation_test.go TestValidateReplicaSet / TestValidateReplicaSetUpdate
describe('validateReplicaSet', () => {
  const rs = (): ReplicaSet => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'abc', namespace: 'default', resourceVersion: '1' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { a: 'b' } },
      template: { metadata: { labels: { a: 'b' } }, spec: podSpec() },
    },
  });
  it('accepts a valid replica set', () => expect(validateReplicaSet(rs())).toEqual([]));
  it('requires a selector', () => {
    const r = rs();
    (r.spec as { selector?: unknown }).selector = undefined;
    expect(msgs(validateReplicaSet(r))).toEqual(['spec.selector: Required value']);
  });
  it('selector is immutable', () => {
    const r = rs();
    r.spec!.selector = { matchLabels: {} };
    expect(validateReplicaSetUpdate(r, rs()).map((e) => e.field)).toEqual(['spec.selector', 'spec.selector']);
  });
});

// from pkg/apis/apps/validation/validation_test.go TestValidateStatefulSet / TestValidateStatefulSetUpdate
describe('validateStatefulSet', () => {
  const ss = (): StatefulSet & { spec: NonNullable<StatefulSet['spec']> } => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'abc', namespace: 'default', resourceVersion: '1' },
    spec: {
      replicas: 3,
      serviceName: 'abc',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      selector: { matchLabels: { a: 'b' } },
      template: { metadata: { labels: { a: 'b' } }, spec: podSpec() },
    },
  });
  it('accepts a valid stateful set', () => expect(validateStatefulSet(ss())).toEqual([]));
  it('names are DNS labels', () => {
    const s = ss();
    s.metadata!.name = 'abc.def';
    expect(msgs(validateStatefulSet(s))).toEqual([
      'metadata.name: Invalid value: "abc.def": must not contain dots',
    ]);
  });
  it('podManagementPolicy and updateStrategy', () => {
    const s = ss();
    s.spec.podManagementPolicy = 'Random';
    s.spec.updateStrategy = { type: 'Random' };
    expect(msgs(validateStatefulSet(s))).toEqual([
      `spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`,
      `spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Random", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'`,
    ]);
  });
  it('only some fields may be updated', () => {
    const s = ss();
    s.spec.replicas = 5;
    expect(validateStatefulSetUpdate(s, ss())).toEqual([]);
    s.spec.serviceName = 'other';
    expect(msgs(validateStatefulSetUpdate(s, ss()))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});
