import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRFC3339, parseRFC3339 } from './time.ts';

describe('RFC 3339 without Date', () => {
  it('formats known instants', () => {
    expect(formatRFC3339(0)).toBe('1970-01-01T00:00:00Z');
    expect(formatRFC3339(1765188000)).toBe('2025-12-08T10:00:00Z');
    expect(formatRFC3339(951782400)).toBe('2000-02-29T00:00:00Z');
  });
  it('parses offsets and fractions', () => {
    expect(parseRFC3339('2025-12-08T19:00:00+09:00')).toBe(1765188000);
    expect(parseRFC3339('2025-12-08T10:00:00.123Z')).toBe(1765188000);
    expect(parseRFC3339('yesterday')).toBeNaN();
  });
  it('round-trips any second from 1970 to 2400', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 13_569_465_600 }), (s) => parseRFC3339(formatRFC3339(s)) === s),
    );
  });
});
