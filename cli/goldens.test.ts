import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../src/engine/index.ts';
import { goldenText, GOLDEN_SPECS } from './goldens.ts';

const ids = readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

describe('examples match their golden results (regenerate on purpose: npm run goldens)', () => {
  it('every example has a golden spec', () => {
    expect(ids.sort()).toEqual(Object.keys(GOLDEN_SPECS).sort());
  });
  it.each(ids)('%s', (id) => {
    const result = simulate(readFileSync(`examples/${id}.yaml`, 'utf8'));
    expect(result.errors).toEqual([]);
    expect(goldenText(id, result)).toBe(readFileSync(`examples/${id}.golden.txt`, 'utf8'));
  });
});
