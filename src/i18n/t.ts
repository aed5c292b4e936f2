/** A tiny translator: `t(lang, key, params)`; English is the fallback for anything Korean lacks. */
import type { Diagnostic, Hop } from '../engine/index.ts';
import { HOP_MESSAGES } from '../engine/index.ts';
import { en, type MessageKey } from './en.ts';
import { formatTemplate } from './format.ts';
import { ko } from './ko.ts';
import { KO_DIAGNOSTICS } from './ko-diagnostics.ts';
import { KO_HOPS } from './ko-hops.ts';

export type Language = 'ko' | 'en';
export type Params = Record<string, string | number>;

const DICTS: Record<Language, Record<MessageKey, string>> = { en, ko };

export function t(lang: Language, key: MessageKey, params?: Params): string {
  return formatTemplate(DICTS[lang][key] ?? en[key], params);
}

type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/** `{count}` messages with an English singular; Korean uses the same form for every count. */
export function tCount(lang: Language, base: PluralBase, count: number, params: Params = {}): string {
  const key = (count === 1 ? `${base}.one` : `${base}.other`) as MessageKey;
  return t(lang, key, { ...params, count });
}

/**
 * Params as a reader wants them: `pod/default/web-1` → `web-1`, `client/external` → "External client",
 * probabilities as percentages.
 */
export function displayParam(lang: Language, key: string, value: string | number): string | number {
  if (typeof value === 'number') {
    if (key === 'probability') return `${Number((value * 100).toFixed(1))}%`;
    return Number.isInteger(value) ? value : Number(value.toFixed(3));
  }
  if (value === 'client/external') return t(lang, 'card.externalClient');
  const id = /^(pod|service|node|lb)\/(?:([^/]+)\/)?([^/]+)$/.exec(value);
  if (id) return id[2] && id[2] !== 'default' ? `${id[2]}/${id[3]}` : (id[3] ?? value);
  return value;
}

/** A hop's sentence: the tracer's code and params, in the UI language. */
export function hopText(lang: Language, hop: Pick<Hop, 'code' | 'params'>): string {
  const template = (lang === 'ko' ? KO_HOPS[hop.code] : undefined) ?? HOP_MESSAGES[hop.code] ?? hop.code;
  const params: Params = {};
  for (const [k, v] of Object.entries(hop.params)) params[k] = displayParam(lang, k, v);
  return formatTemplate(template, params);
}

/** A diagnostic in the UI language; the engine's English message (kubectl's words) is the fallback. */
export function diagnosticText(lang: Language, d: Pick<Diagnostic, 'code' | 'params' | 'message'>): string {
  const template = lang === 'ko' ? KO_DIAGNOSTICS[d.code] : undefined;
  return template ? formatTemplate(template, { ...d.params, message: d.message }) : d.message;
}

export function exampleTitle(lang: Language, id: string): string {
  const key = `example.${id}.title` as MessageKey;
  return key in en ? t(lang, key) : id;
}

export function exampleBlurb(lang: Language, id: string): string {
  const key = `example.${id}.blurb` as MessageKey;
  return key in en ? t(lang, key) : '';
}
