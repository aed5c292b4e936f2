import { describe, expect, it } from 'vitest';
import { formatTable, humanDuration } from './table.ts';

describe('humanDuration', () => {
  // from staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go TestHumanDuration
  it.each([
    [1, '1s'],
    [70, '70s'],
    [190, '3m10s'],
    [70 * 60, '70m'],
    [47 * 3600, '47h'],
    [49 * 3600, '2d1h'],
    [(8 * 24 + 2) * 3600, '8d'],
    [367 * 24 * 3600, '367d'],
    [(365 * 2 + 25) * 24 * 3600, '2y25d'],
    [(365 * 8 + 25) * 24 * 3600, '8y'],
  ])('%i s -> %s', (s, want) => expect(humanDuration(s)).toBe(want));
});

describe('formatTable', () => {
  it('pads every column but the last by three spaces', () => {
    expect(formatTable(['NAME', 'AGE'], [['a-long-name', '5s']])).toBe('NAME          AGE\na-long-name   5s');
  });
});
