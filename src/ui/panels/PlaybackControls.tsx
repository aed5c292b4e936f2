import { useId } from 'react';
import { useT } from '../../i18n/react.ts';
import { usePlayground } from '../../store/react.ts';
import { SPEEDS } from '../../store/playback-slice.ts';
import {
  selectPlaying,
  selectResetTraffic,
  selectSetSpeed,
  selectSpeed,
  selectTogglePlaying,
} from '../../store/selectors.ts';

export function PlaybackControls() {
  const { t } = useT();
  const speedId = useId();
  const playing = usePlayground(selectPlaying);
  const toggle = usePlayground(selectTogglePlaying);
  const speed = usePlayground(selectSpeed);
  const setSpeed = usePlayground(selectSetSpeed);
  const reset = usePlayground(selectResetTraffic);
  return (
    <div className="playback-controls" data-testid="playback" data-playing={playing}>
      <button
        type="button"
        className="icon-button"
        onClick={toggle}
        aria-pressed={!playing}
        title={playing ? t('playback.pause') : t('playback.play')}
        aria-label={playing ? t('playback.pause') : t('playback.play')}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
      </button>
      <label htmlFor={speedId} className="visually-hidden">
        {t('playback.speed')}
      </label>
      <select
        id={speedId}
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value))}
        title={t('playback.speed')}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button"
        onClick={reset}
        title={t('playback.resetHint')}
        aria-label={t('playback.reset')}
      >
        <span aria-hidden="true">↺</span>
      </button>
    </div>
  );
}
