import { useT } from '../../i18n/react.ts';
import { usePlayground } from '../../store/react.ts';
import { selectSetLanguage } from '../../store/selectors.ts';
import type { Language } from '../../store/types.ts';

// Each language names itself, so a learner finds theirs whichever is showing.
const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'ko', label: '한국어' },
  { id: 'en', label: 'English' },
];

export function LanguageToggle() {
  const { t, lang } = useT();
  const setLanguage = usePlayground(selectSetLanguage);
  return (
    <div className="segmented" role="group" aria-label={t('header.language')} data-testid="language-toggle">
      {LANGUAGES.map((l) => (
        <button
          key={l.id}
          type="button"
          lang={l.id}
          aria-pressed={lang === l.id}
          onClick={() => setLanguage(l.id)}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}
