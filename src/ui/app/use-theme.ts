import { useEffect, useSyncExternalStore } from 'react';
import { onSystemThemeChange, systemPrefersDark } from '../../platform/locale.ts';
import { usePlayground } from '../../store/react.ts';
import { selectLanguage, selectTheme } from '../../store/selectors.ts';

export type ResolvedTheme = 'light' | 'dark';

const subscribeSystem = (cb: () => void) => onSystemThemeChange(() => cb());

/** The theme in effect: the user's choice, or the OS setting for "system". */
export function useResolvedTheme(): ResolvedTheme {
  const pref = usePlayground(selectTheme);
  const systemDark = useSyncExternalStore(subscribeSystem, () => systemPrefersDark());
  if (pref === 'system') return systemDark ? 'dark' : 'light';
  return pref;
}

/** Mirrors theme and language onto <html>, where the CSS variables and screen readers look. */
export function useDocumentPreferences(): ResolvedTheme {
  const theme = useResolvedTheme();
  const lang = usePlayground(selectLanguage);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return theme;
}
