import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jsonCopy } from './json-copy.ts';

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('jsonCopy', () => {
  it('is a JSON round trip, member order and all, for any plain data', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: false,
          withDate: false,
          withMap: false,
          withSet: false,
          withTypedArray: false,
          withBoxedValues: false,
          withNullPrototype: false,
          withObjectString: false,
          withSparseArray: true,
        }),
        (v) => {
          fc.pre(v !== undefined);
          const got = jsonCopy(v);
          const want = roundTrip(v);
          expect(isDeepStrictEqual(got, want)).toBe(true);
          expect(JSON.stringify(got)).toBe(JSON.stringify(want));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('drops undefined members, nulls undefined items and non-finite numbers, keeps __proto__ a key', () => {
    const v = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(Object.keys(jsonCopy(v))).toEqual(['__proto__']);
    expect(jsonCopy({ a: undefined, b: [undefined, NaN, -0, Infinity] })).toEqual({
      b: [null, null, 0, null],
    });
    expect(Object.is(jsonCopy(-0), 0)).toBe(true);
  });

  it('shares nothing with its input', () => {
    const v = { a: { b: [1, { c: 2 }] } };
    const c = jsonCopy(v);
    c.a.b.push(3);
    (c.a.b[1] as { c: number }).c = 9;
    expect(v).toEqual({ a: { b: [1, { c: 2 }] } });
  });
});
