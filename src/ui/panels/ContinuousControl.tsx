import { useId } from 'react';
import { useT } from '../../i18n/react.ts';
import { RATE_RANGE } from '../../store/playback-slice.ts';
import { usePlayground } from '../../store/react.ts';
import { selectContinuous, selectRate, selectSetContinuous, selectSetRate } from '../../store/selectors.ts';
import { fromLogSlider, toLogSlider } from './log-slider.ts';

/** Continuous traffic on/off and its rate, 1–100 requests per second on a logarithmic slider. */
export function ContinuousControl({ disabled }: { disabled: boolean }) {
  const { t } = useT();
  const rateId = useId();
  const on = usePlayground(selectContinuous);
  const setOn = usePlayground(selectSetContinuous);
  const rate = usePlayground(selectRate);
  const setRate = usePlayground(selectSetRate);
  return (
    <div className="continuous" data-testid="continuous" data-on={on}>
      <button
        type="button"
        className="toggle-button"
        aria-pressed={on}
        data-testid="continuous-toggle"
        title={t('traffic.continuousHint')}
        disabled={disabled && !on}
        onClick={() => setOn(!on)}
      >
        <span className="toggle-dot" aria-hidden="true" />
        {t('traffic.continuous')}
      </button>
      <label htmlFor={rateId} className="visually-hidden">
        {t('traffic.rate')}
      </label>
      <input
        id={rateId}
        type="range"
        data-testid="rate-slider"
        min={0}
        max={1000}
        value={toLogSlider(rate, RATE_RANGE.min, RATE_RANGE.max)}
        aria-valuetext={t('traffic.rateValue', { rate })}
        onChange={(e) => setRate(fromLogSlider(Number(e.target.value), RATE_RANGE.min, RATE_RANGE.max))}
      />
      <output htmlFor={rateId} className="slider-value mono">
        {t('traffic.rateValue', { rate })}
      </output>
    </div>
  );
}
