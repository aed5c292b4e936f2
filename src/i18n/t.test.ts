import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { formatTemplate } from './format.ts';
import { ko } from './ko.ts';
import { displayParam, hopText } from './t.ts';
import { KO_DIAGNOSTICS } from './ko-diagnostics.ts';

const placeholders = (s: string) => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

describe('UI strings', () => {
  it('Korean has every key with the same placeholders as English', () => {
    for (const [key, text] of Object.entries(en)) {
      const k = ko[key as keyof typeof en];
      expect(k, key).toBeTruthy();
      expect(placeholders(k), key).toEqual(placeholders(text));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatTemplate('{a} → {b}', { a: '10.0.0.1:80', b: 3 })).toBe('10.0.0.1:80 → 3');
    expect(formatTemplate('{missing} here', {})).toBe('{missing} here');
  });

  it('Korean diagnostics only use params the engine sends (or the English message)', () => {
    const allowed: Record<string, string[]> = {
      'yaml.syntax': ['detail'],
      'yaml.warning': ['detail'],
      'yaml.alias': ['detail'],
      'manifest.notObject': [],
      'manifest.noApiVersion': ['message'],
      'manifest.noKind': ['message'],
      'manifest.noName': ['message'],
      'manifest.notSimulated': ['kind', 'apiVersion'],
      'apiserver.rejected': ['kind', 'name', 'field', 'type', 'detail'],
      'config.invalid': ['field', 'detail'],
      // Made by the store (src/store/manifest-slice.ts), not the engine.
      'engine.failed': ['detail'],
      'canvas.tooLarge': ['count', 'limit'],
    };
    for (const [code, template] of Object.entries(KO_DIAGNOSTICS)) {
      for (const p of placeholders(template)) expect(allowed[code], `${code} {${p}}`).toContain(p);
    }
  });
});

describe('hop text', () => {
  it('reads like a sentence in both languages', () => {
    const hop = {
      code: 'hop.service.select',
      params: { service: 'service/default/web', endpoint: '10.244.1.3:80', probability: 0.33333333335 },
    };
    expect(hopText('en', hop)).toBe(
      'Service web sends the connection to endpoint 10.244.1.3:80 (probability 33.3%)',
    );
    expect(hopText('ko', hop)).toBe('서비스 web: 엔드포인트 10.244.1.3:80(으)로 보냅니다 (확률 33.3%)');
  });

  it('names the external client and keeps a non-default namespace', () => {
    expect(displayParam('en', 'client', 'client/external')).toBe('External client');
    expect(displayParam('ko', 'client', 'client/external')).toBe('외부 클라이언트');
    expect(displayParam('en', 'pod', 'pod/shop/api-0')).toBe('shop/api-0');
  });
});
