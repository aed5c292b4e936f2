import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIPOfFamily, parseIPSloppy } from './ip-canonical.ts';

describe('parseIPSloppy', () => {
  it('prints IPv4 without leading zeros and rejects what ParseIPSloppy rejects', () => {
    expect(parseIPSloppy('10.244.1.7')).toEqual({ ip: '10.244.1.7', family: 'IPv4' });
    expect(parseIPSloppy('010.244.001.7')).toEqual({ ip: '10.244.1.7', family: 'IPv4' });
    expect(parseIPSloppy('0.0.0.0')?.ip).toBe('0.0.0.0');
    expect(parseIPSloppy('00.0.0.000')?.ip).toBe('0.0.0.0');
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '1..2.3', '256.1.1.1', '1.2.3.4 ', '1.2.3.0004', 'a.b.c.d'])
      expect(parseIPSloppy(bad)).toBeUndefined();
  });

  it('prints IPv6 per RFC 5952 and an IPv4-mapped address as IPv4', () => {
    expect(parseIPSloppy('FD00:0:0:0:0:0:0:7')).toEqual({ ip: 'fd00::7', family: 'IPv6' });
    expect(parseIPSloppy('::ffff:10.1.2.3')).toEqual({ ip: '10.1.2.3', family: 'IPv4' });
    expect(parseIPSloppy('1:0:0:2:0:0:0:3')?.ip).toBe('1:0:0:2::3');
  });

  it('reads any dotted quad as its octets, with or without leading zeros', () => {
    const octet = fc.record({
      value: fc.integer({ min: 0, max: 255 }),
      zeros: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(octet, { minLength: 4, maxLength: 4 }), (octets) => {
        const text = octets.map(({ value, zeros }) => `${'0'.repeat(zeros)}${value}`);
        const parsed = parseIPSloppy(text.join('.'));
        if (text.some((t) => t.length > 3)) expect(parsed).toBeUndefined();
        else expect(parsed).toEqual({ ip: octets.map((o) => o.value).join('.'), family: 'IPv4' });
      }),
    );
  });
});

describe('canonicalIPOfFamily', () => {
  it("is parseIPSloppy's address when it is of the family asked for", () => {
    const samples = ['10.1.2.3', '010.1.2.3', 'fd00::7', 'FD00::07', '::ffff:10.1.2.3', 'bogus', '', '1.2.3'];
    for (const s of samples) {
      for (const family of ['IPv4', 'IPv6'] as const) {
        const parsed = parseIPSloppy(s);
        expect(canonicalIPOfFamily(s, family)).toBe(parsed?.family === family ? parsed.ip : undefined);
      }
    }
  });
});
