import { describe, expect, it } from 'vitest';
import { hasServiceSelector, labelSelectorMatches } from './label-selector.ts';

describe('labelSelectorMatches', () => {
  const labels = { app: 'web', tier: 'frontend' };

  it('matches a plain map like labels.SelectorFromSet', () => {
    expect(labelSelectorMatches({ app: 'web' }, labels)).toBe(true);
    expect(labelSelectorMatches({ app: 'web', tier: 'backend' }, labels)).toBe(false);
    expect(labelSelectorMatches({}, labels)).toBe(true);
    expect(labelSelectorMatches({ app: 'web' }, undefined)).toBe(false);
  });

  // from staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers_test.go TestLabelSelectorAsSelector
  it('matches metav1.LabelSelector requirements', () => {
    expect(labelSelectorMatches(null, labels)).toBe(false); // nil selector: labels.Nothing()
    expect(labelSelectorMatches({ matchLabels: {} }, labels)).toBe(true); // empty: labels.Everything()
    expect(labelSelectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(
      labelSelectorMatches(
        { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'x'] }] },
        labels,
      ),
    ).toBe(true);
    expect(
      labelSelectorMatches(
        { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] },
        labels,
      ),
    ).toBe(false);
    expect(
      labelSelectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels),
    ).toBe(true);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(
      true,
    );
    expect(
      labelSelectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels),
    ).toBe(false);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, labels)).toBe(
      false,
    );
    expect(
      labelSelectorMatches(
        {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }],
        },
        labels,
      ),
    ).toBe(false);
  });

  it('treats selector: {} on a Service as no selector (nil after the etcd round trip)', () => {
    expect(hasServiceSelector({})).toBe(false);
    expect(hasServiceSelector(undefined)).toBe(false);
    expect(hasServiceSelector({ app: 'web' })).toBe(true);
  });
});
