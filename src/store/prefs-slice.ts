import type { StateCreator } from 'zustand/vanilla';
import { PERSIST_KEYS, type PersistPort } from './engine-port.ts';
import type { Language, PlaygroundState, PrefsSlice, ThemePreference } from './types.ts';

export function isLanguage(v: unknown): v is Language {
  return v === 'ko' || v === 'en';
}

export function isThemePreference(v: unknown): v is ThemePreference {
  return v === 'light' || v === 'dark' || v === 'system';
}

/** Korean when the browser's first Korean-or-English preference is Korean; English otherwise. */
export function languageFromBrowser(languages: readonly string[]): Language {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'ko') return 'ko';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export const createPrefsSlice =
  (
    persist: PersistPort | undefined,
    init: { language: Language; theme: ThemePreference },
  ): StateCreator<PlaygroundState, [], [], PrefsSlice> =>
  (set) => ({
    language: init.language,
    theme: init.theme,
    setLanguage(language) {
      persist?.set(PERSIST_KEYS.language, language);
      set({ language });
    },
    setTheme(theme) {
      persist?.set(PERSIST_KEYS.theme, theme);
      set({ theme });
    },
  });
