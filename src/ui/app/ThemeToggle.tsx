import { useT } from '../../i18n/react.ts';
import { usePlayground } from '../../store/react.ts';
import { selectSetTheme, selectTheme } from '../../store/selectors.ts';
import type { ThemePreference } from '../../store/types.ts';

const ICONS: Record<ThemePreference, string> = { light: '☀', dark: '☾', system: '◐' };
const ORDER: ThemePreference[] = ['light', 'dark', 'system'];

export function ThemeToggle() {
  const { t } = useT();
  const theme = usePlayground(selectTheme);
  const setTheme = usePlayground(selectSetTheme);
  return (
    <div className="segmented" role="group" aria-label={t('header.theme')} data-testid="theme-toggle">
      {ORDER.map((id) => (
        <button
          key={id}
          type="button"
          aria-pressed={theme === id}
          title={t(`theme.${id}`)}
          aria-label={t(`theme.${id}`)}
          data-theme-option={id}
          onClick={() => setTheme(id)}
        >
          <span aria-hidden="true">{ICONS[id]}</span>
        </button>
      ))}
    </div>
  );
}
