/** Browser preferences the app starts from. */
export function browserLanguages(nav: Navigator = navigator): readonly string[] {
  return nav.languages?.length ? nav.languages : [nav.language];
}

export function systemPrefersDark(win: Window = window): boolean {
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export function onSystemThemeChange(listener: (dark: boolean) => void, win: Window = window): () => void {
  const mq = win.matchMedia?.('(prefers-color-scheme: dark)');
  if (!mq) return () => {};
  const handler = (e: MediaQueryListEvent) => listener(e.matches);
  mq.addEventListener('change', handler);
  return () => mq.removeEventListener('change', handler);
}
