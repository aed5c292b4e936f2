import { describe, expect, it } from 'vitest';
import { readUrlState } from './url.ts';

describe('readUrlState', () => {
  it('reads ?example= and ?seed=', () => {
    expect(readUrlState({ search: '?example=clusterip&seed=7' })).toEqual({ example: 'clusterip', seed: 7 });
  });

  it('ignores a seed that is not a non-negative integer', () => {
    expect(readUrlState({ search: '?seed=abc' })).toEqual({});
    expect(readUrlState({ search: '?seed=-1' })).toEqual({});
    expect(readUrlState({ search: '' })).toEqual({});
  });
});
