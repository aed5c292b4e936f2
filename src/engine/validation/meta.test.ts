import { describe, expect, it } from 'vitest';
import { FieldPath, formatFieldError } from '../api/field-error.ts';
import {
  nameIsDNSSubdomain,
  selectorMatches,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';

const fmt = (errs: { field: string }[]) => errs.map((e) => formatFieldError(e as never));

// from staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta_test.go
describe('ObjectMeta', () => {
  it('TestValidateObjectMetaNamespaces: namespaced objects need a DNS-label namespace', () => {
    expect(fmt(validateObjectMeta({ name: 'test' }, true, nameIsDNSSubdomain))).toEqual([
      'metadata.namespace: Required value',
    ]);
    expect(fmt(validateObjectMeta({ name: 'test', namespace: 'foo.bar' }, true, nameIsDNSSubdomain))).toEqual(
      ['metadata.namespace: Invalid value: "foo.bar": must not contain dots'],
    );
    expect(fmt(validateObjectMeta({ name: 'test', namespace: 'foo' }, false, nameIsDNSSubdomain))).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('requires a name', () => {
    expect(fmt(validateObjectMeta({ namespace: 'ns' }, true, nameIsDNSSubdomain))).toEqual([
      'metadata.name: Required value: name or generateName is required',
    ]);
  });

  it('TestValidateLabels: errors name the labels map and show the bad key or value', () => {
    const errs = validateObjectMeta(
      { name: 'a', namespace: 'b', labels: { 'bad key': 'v', ok: 'bad value' } },
      true,
      nameIsDNSSubdomain,
    );
    expect(errs.map((e) => [e.field, e.badValue])).toEqual([
      ['metadata.labels', 'bad key'],
      ['metadata.labels', 'bad value'],
    ]);
  });

  it('TestValidateAnnotations: keys are case-insensitive qualified names', () => {
    expect(
      validateObjectMeta(
        { name: 'a', namespace: 'b', annotations: { 'Example.com/Key': 'x' } },
        true,
        nameIsDNSSubdomain,
      ),
    ).toEqual([]);
    expect(
      fmt(
        validateObjectMeta(
          { name: 'a', namespace: 'b', annotations: { 'a/b/c': 'x' } },
          true,
          nameIsDNSSubdomain,
        ),
      )[0],
    ).toMatch(/^metadata\.annotations: Invalid value: "a\/b\/c": a valid label key must consist of/);
  });

  it('TestValidateObjectMetaOwnerReferences', () => {
    const errs = validateObjectMeta(
      { name: 'a', namespace: 'b', ownerReferences: [{ apiVersion: '', kind: '', name: '', uid: '' }] },
      true,
      nameIsDNSSubdomain,
    );
    expect(errs.map((e) => e.field)).toEqual([
      'metadata.ownerReferences.apiVersion',
      'metadata.ownerReferences.kind',
      'metadata.ownerReferences.name',
      'metadata.ownerReferences.uid',
    ]);
  });

  it('TestValidateObjectMetaUpdateIgnoresCreationTimestamp / immutable fields', () => {
    const old = { name: 'a', namespace: 'b', uid: 'u1', resourceVersion: '1' };
    expect(validateObjectMetaUpdate({ ...old }, old)).toEqual([]);
    expect(fmt(validateObjectMetaUpdate({ ...old, uid: 'u2' }, old))).toEqual([
      'metadata.uid: Invalid value: "u2": field is immutable',
    ]);
    expect(fmt(validateObjectMetaUpdate({ ...old, resourceVersion: '' }, old))).toEqual([
      'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    ]);
  });
});

// from staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation_test.go TestValidateLabelSelector
describe('label selectors', () => {
  const p = FieldPath.root('spec').child('selector');
  it('validates operators and values', () => {
    expect(
      validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, p).map(
        (e) => e.field,
      ),
    ).toEqual(['spec.selector.matchExpressions[0].values']);
    expect(fmt(validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, p))).toEqual([
      'spec.selector.matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator',
    ]);
    expect(
      validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, p)[0]
        ?.type,
    ).toBe('Forbidden');
  });

  it('matches labels like labels.Selector', () => {
    const sel = {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }],
    };
    expect(selectorMatches(sel, { app: 'web' })).toBe(true);
    expect(selectorMatches(sel, { app: 'web', tier: 'db' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, { y: '1' })).toBe(false);
    expect(selectorMatches({}, {})).toBe(true);
  });
});
