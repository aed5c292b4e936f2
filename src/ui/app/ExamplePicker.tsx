import { useEffect, useId } from 'react';
import { EXAMPLES } from '../../examples/catalog.ts';
import { useT } from '../../i18n/react.ts';
import { exampleBlurb, exampleTitle } from '../../i18n/t.ts';
import { writeExampleParam } from '../../platform/url.ts';
import { usePlayground } from '../../store/react.ts';
import { selectExampleId, selectManifestText, selectSelectExample } from '../../store/selectors.ts';

const CUSTOM = '';

/** Scenario picker; the choice is mirrored to `?example=` so a link opens the same scenario. */
export function ExamplePicker() {
  const { t, lang } = useT();
  const id = useId();
  const exampleId = usePlayground(selectExampleId);
  const text = usePlayground(selectManifestText);
  const selectExample = usePlayground(selectSelectExample);
  const current = EXAMPLES.find((e) => e.id === exampleId);
  const edited = !current || current.yaml !== text;
  const value = edited ? CUSTOM : (exampleId ?? CUSTOM);

  useEffect(() => writeExampleParam(edited ? null : exampleId), [edited, exampleId]);

  return (
    <div className="example-picker">
      <label htmlFor={id}>{t('header.example')}</label>
      <select
        id={id}
        data-testid="example-picker"
        value={value}
        onChange={(e) => e.target.value && selectExample(e.target.value)}
      >
        {edited && <option value={CUSTOM}>{t('header.customText')}</option>}
        {EXAMPLES.map((e) => (
          <option key={e.id} value={e.id}>
            {exampleTitle(lang, e.id)}
          </option>
        ))}
      </select>
      <span className="example-blurb">{edited ? '' : exampleBlurb(lang, value)}</span>
    </div>
  );
}
