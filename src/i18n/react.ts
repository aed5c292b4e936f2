import { useMemo } from 'react';
import { usePlayground } from '../store/react.ts';
import { selectLanguage } from '../store/selectors.ts';
import type { MessageKey } from './en.ts';
import { t, tCount, type Language, type Params } from './t.ts';

export interface Translator {
  lang: Language;
  t(key: MessageKey, params?: Params): string;
  tc(base: Parameters<typeof tCount>[1], count: number, params?: Params): string;
}

/** The translator for the current UI language; components re-render only when the language changes. */
export function useT(): Translator {
  const lang = usePlayground(selectLanguage);
  return useMemo(
    () => ({
      lang,
      t: (key, params) => t(lang, key, params),
      tc: (base, count, params) => tCount(lang, base, count, params),
    }),
    [lang],
  );
}
