import { useId, useState } from 'react';
import { EXAMPLES } from '../../examples/catalog.ts';
import { useT } from '../../i18n/react.ts';
import { exampleBlurb, exampleTitle } from '../../i18n/t.ts';
import { isCustomText } from '../../store/manifest-slice.ts';
import { usePlayground } from '../../store/react.ts';
import {
  selectExampleId,
  selectManifestText,
  selectPreviousText,
  selectRestorePreviousText,
  selectSelectExample,
} from '../../store/selectors.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';

const CUSTOM = '';
const CATALOG = { examples: EXAMPLES };

/**
 * Scenario picker; the choice is mirrored to `?example=` so a link opens the same scenario. Opening an
 * example over text of the learner's own asks first, and that text stays one click away ("Restore").
 */
export function ExamplePicker() {
  const { t, lang } = useT();
  const id = useId();
  const exampleId = usePlayground(selectExampleId);
  const text = usePlayground(selectManifestText);
  const previousText = usePlayground(selectPreviousText);
  const selectExample = usePlayground(selectSelectExample);
  const restorePreviousText = usePlayground(selectRestorePreviousText);
  const [asking, setAsking] = useState<string | null>(null);
  const current = EXAMPLES.find((e) => e.id === exampleId);
  const edited = !current || current.yaml !== text;
  const value = edited ? CUSTOM : (exampleId ?? CUSTOM);
  const canRestore = previousText !== null && previousText !== text;

  const open = (next: string) => {
    if (!next) return;
    if (text.trim() && isCustomText(CATALOG, text)) setAsking(next);
    else selectExample(next);
  };

  return (
    <div className="example-picker">
      <label htmlFor={id}>{t('header.example')}</label>
      <select id={id} data-testid="example-picker" value={value} onChange={(e) => open(e.target.value)}>
        {edited && <option value={CUSTOM}>{t('header.customText')}</option>}
        {EXAMPLES.map((e) => (
          <option key={e.id} value={e.id}>
            {exampleTitle(lang, e.id)}
          </option>
        ))}
      </select>
      {canRestore && (
        <button
          type="button"
          className="restore-text"
          data-testid="restore-text"
          title={t('header.restoreTextHint')}
          onClick={restorePreviousText}
        >
          {t('header.restoreText')}
        </button>
      )}
      <span className="example-blurb">{edited ? '' : exampleBlurb(lang, value)}</span>
      {asking && (
        <ConfirmDialog
          title={t('confirm.replace.title')}
          body={t('confirm.replace.body', { example: exampleTitle(lang, asking) })}
          confirmLabel={t('confirm.replace.confirm', { example: exampleTitle(lang, asking) })}
          cancelLabel={t('confirm.cancel')}
          onConfirm={() => {
            setAsking(null);
            selectExample(asking);
          }}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}
