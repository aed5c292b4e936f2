import { describe, expect, it } from 'vitest';
import { HOP_CODES } from '../engine/trace/codes.ts';
import { KO_HOPS } from './ko-hops.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('Korean hop messages', () => {
  it('translate every code the tracer can emit, with the same placeholders', () => {
    for (const { code, template } of HOP_CODES) {
      expect(KO_HOPS[code], code).toBeDefined();
      expect(new Set(placeholders(KO_HOPS[code]!)), code).toEqual(new Set(placeholders(template)));
    }
  });

  it('have no codes the tracer does not know', () => {
    const known = new Set<string>(HOP_CODES.map((c) => c.code));
    expect(Object.keys(KO_HOPS).filter((c) => !known.has(c))).toEqual([]);
  });
});
