import { describe, expect, it } from 'vitest';
import { FieldPath } from '../api/field-error.ts';
import {
  formatParsedIP,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidCIDR,
  isValidIP,
  isValidLabelValue,
  isValidPortName,
  parseIPSloppy,
  regexError,
} from './formats.ts';

const a = (n: number) => 'a'.repeat(n);

// from staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go
describe('formats', () => {
  it('TestIsDNS1123Label', () => {
    for (const v of [
      'a',
      'ab',
      'abc',
      'a1',
      'a-1',
      'a--1--2--b',
      '0',
      '01',
      '012',
      '1a',
      '1-a',
      '1--a--b--2',
      a(63),
    ]) {
      expect(isDNS1123Label(v), v).toEqual([]);
    }
    for (const v of [
      '',
      'A',
      'ABC',
      'aBc',
      'A1',
      'A-1',
      '1-A',
      '-',
      'a-',
      '-a',
      '1-',
      '-1',
      '_',
      'a_',
      '_a',
      'a_b',
      '1_',
      '_1',
      '1_2',
      '.',
      'a.',
      '.a',
      'a.b',
      '1.',
      '.1',
      '1.2',
      ' ',
      'a ',
      ' a',
      'a b',
      '1 ',
      ' 1',
      '1 2',
      a(64),
    ]) {
      expect(isDNS1123Label(v).length, v).toBeGreaterThan(0);
    }
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
  });

  it('TestIsDNS1123Subdomain', () => {
    for (const v of [
      'a',
      'ab',
      'a-1',
      'a--1--2--b',
      '0',
      '1a',
      'a.a',
      'ab.a',
      'a--1--2--b.a',
      'a.1',
      '0.a',
      '01.a',
      '1a.a',
      a(253),
    ]) {
      expect(isDNS1123Subdomain(v), v).toEqual([]);
    }
    for (const v of [
      '',
      'A',
      'aBc',
      '-',
      'a-',
      '-a',
      '_',
      'a_b',
      '.',
      'a.',
      '.a',
      'a..b',
      ' ',
      'a b',
      'A.a',
      'ab.A',
      'a@b',
      'a,b',
      'a;b',
      'a:b',
      'a%b',
      a(254),
    ]) {
      expect(isDNS1123Subdomain(v).length, v).toBeGreaterThan(0);
    }
  });

  it('TestIsDNS1035Label', () => {
    for (const v of ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', a(63)])
      expect(isDNS1035Label(v), v).toEqual([]);
    for (const v of [
      '0',
      '01',
      '012',
      '1a',
      '1-a',
      '1--a--b--2',
      '',
      'A',
      'aBc',
      '-',
      'a-',
      '-a',
      'a_b',
      'a.b',
      'a b',
      a(64),
    ]) {
      expect(isDNS1035Label(v).length, v).toBeGreaterThan(0);
    }
    expect(isDNS1035Label(a(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1035Label('1a')).toEqual([
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        '[a-z]([-a-z0-9]*[a-z0-9])?',
        'my-name',
        'abc-123',
      ),
    ]);
  });

  it('TestIsQualifiedName', () => {
    const good = [
      'simple',
      'now-with-dashes',
      '1-starts-with-num',
      '1234',
      'simple/simple',
      'now-with-dashes/simple',
      'now.with.dots/simple',
      '1-num.2-num/3-num',
      '1.2.3.4/5678',
      'Uppercase_Is_OK_123',
      'example.com/Uppercase_Is_OK_123',
      'requests.storage-foo',
      a(63),
      `${a(253)}/${'b'.repeat(63)}`,
    ];
    for (const v of good) expect(isQualifiedName(v), v).toEqual([]);
    const bad = [
      'nospecialchars%^=@',
      'cantendwithadash-',
      '-cantstartwithadash-',
      'only/one/slash',
      'Example.com/abc',
      'example_com/abc',
      'example.com/',
      '/simple',
      a(64),
      `${a(254)}/abc`,
    ];
    for (const v of bad) expect(isQualifiedName(v).length, v).toBeGreaterThan(0);
    expect(isQualifiedName('/simple')).toEqual(['prefix part must be non-empty']);
  });

  it('TestIsValidLabelValue', () => {
    for (const v of ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', a(63), '']) {
      expect(isValidLabelValue(v), v).toEqual([]);
    }
    for (const v of [
      'nospecialchars%^=@',
      'Tama-nui-te-rā.is.Māori.sun',
      '\\backslashes\\are\\bad',
      '-starts-with-dash',
      'ends-with-dash-',
      '.starts.with.dot',
      'ends.with.dot.',
      a(64),
    ]) {
      expect(isValidLabelValue(v).length, v).toBeGreaterThan(0);
    }
  });

  it('TestIsValidPortName', () => {
    for (const v of ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3'])
      expect(isValidPortName(v), v).toEqual([]);
    for (const v of [
      'longerthan15characters',
      '',
      a(16),
      '12345',
      '1-2-3-4',
      '-begin',
      'end-',
      'two--hyphens',
      'whois++',
    ]) {
      expect(isValidPortName(v).length, v).toBeGreaterThan(0);
    }
    expect(isValidPortName('12345')).toEqual(['must contain at least one letter (a-z)']);
  });

  it('TestIsValidIP (ParseIPSloppy accepts leading zeros)', () => {
    const p = FieldPath.root('ip');
    for (const v of [
      '1.1.1.1',
      '1.1.1.01',
      '255.0.0.1',
      '0.0.0.0',
      '::',
      '2000::',
      '2001:db8::',
      '::ffff:1.1.1.1',
      '::1',
      '1::',
    ]) {
      expect(isValidIP(p, v), v).toEqual([]);
    }
    for (const v of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.0.0.1',
      '1.2.3.4:80',
      'a.b.c.d',
      '1:2:3:4:5:6:7:8:9',
      'fe80::1%eth0',
    ]) {
      expect(isValidIP(p, v).length, v).toBe(1);
    }
    expect(isValidIP(p, 'bad')[0]?.detail).toBe(
      'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
    expect(formatParsedIP(parseIPSloppy('10.097.0.1')!)).toBe('10.97.0.1');
    expect(formatParsedIP(parseIPSloppy('2001:db8:0:0:0:0:0:1')!)).toBe('2001:db8::1');
    expect(parseIPSloppy('::ffff:1.2.3.4')?.is4).toBe(true);
  });

  it('TestIsValidCIDR', () => {
    const p = FieldPath.root('cidr');
    for (const v of ['0.0.0.0/0', '1.0.0.0/8', '2001:4860:4860::/48', '::/0', '1.2.3.4/24'])
      expect(isValidCIDR(p, v), v).toEqual([]);
    for (const v of ['', '1.2.3.4', '2001:db8::1', '1.2.3.4/33', '2001:db8::/129', 'foo.bar', '1.2.3.0/-1']) {
      expect(isValidCIDR(p, v).length, v).toBe(1);
    }
  });
});
