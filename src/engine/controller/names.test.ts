import { describe, expect, it } from 'vitest';
import { createRng } from '../sim/rng.ts';
import {
  computeHash,
  fnv32,
  fnv32a,
  generateName,
  goJSON,
  safeEncodeString,
  SAFE_ALPHANUMS,
} from './names.ts';

describe('names', () => {
  it('FNV-32 and FNV-32a match the published test vectors (hash/fnv)', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
    expect(fnv32('a')).toBe(0x050c5d7e);
    expect(fnv32('foobar')).toBe(0x31f0b262);
  });

  it('SafeEncodeString maps runes by code point (apimachinery rand_test TestSafeEncodeString)', () => {
    // '0'..'9' are 48..57: 48 % 27 = 21 -> '4' ... 54 % 27 = 0 -> 'b'
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(safeEncodeString('abc')).toBe(
      [...'abc'].map((c) => SAFE_ALPHANUMS[c.charCodeAt(0) % SAFE_ALPHANUMS.length]).join(''),
    );
  });

  it('pod-template-hash has the shape of controller.ComputeHash output', () => {
    const h = computeHash({
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash({ spec: { a: 1 } })).not.toBe(computeHash({ spec: { a: 2 } }));
    // Key order does not matter, as in Go's sorted map serialization.
    expect(computeHash({ a: 1, b: 2 })).toBe(computeHash({ b: 2, a: 1 }));
  });

  it('goJSON writes maps as encoding/json does: sorted keys, HTML-safe escapes', () => {
    expect(goJSON({ b: 1, a: '<x&y>', c: undefined, d: null })).toBe(
      '{"a":"\\u003cx\\u0026y\\u003e","b":1,"d":null}',
    );
  });

  it('generateName: base plus 5 characters of the safe alphabet, retrying taken names', () => {
    const rng = createRng(1);
    const name = generateName(rng, 'web-6b8b4c455c-');
    expect(name).toMatch(/^web-6b8b4c455c-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const taken = new Set([generateName(createRng(1), 'x-')]);
    expect(taken.has(generateName(createRng(1), 'x-', (n) => taken.has(n)))).toBe(false);
    expect(generateName(createRng(2), 'a'.repeat(70))).toHaveLength(63);
  });
});
