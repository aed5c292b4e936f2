import { useT } from '../../i18n/react.ts';
import { ExamplePicker } from './ExamplePicker.tsx';
import { LanguageToggle } from './LanguageToggle.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

export function Header() {
  const { t } = useT();
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2 21 6.5v11L12 22 3 17.5v-11z" />
          <circle cx="12" cy="12" r="3.2" />
        </svg>
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
      </div>
      <ExamplePicker />
      <div className="header-prefs">
        <LanguageToggle />
        <ThemeToggle />
      </div>
    </header>
  );
}
