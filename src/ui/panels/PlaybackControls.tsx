import { useId } from 'react';
import { useT } from '../../i18n/react.ts';
import { SPEED_RANGE } from '../../store/playback-slice.ts';
import { usePlayground } from '../../store/react.ts';
import {
  selectInFlight,
  selectPlaying,
  selectResetTraffic,
  selectSetSpeed,
  selectSpeed,
  selectStepPacket,
  selectTogglePlaying,
} from '../../store/selectors.ts';
import type { PlaygroundState } from '../../store/types.ts';
import { fromLogSlider, toLogSlider } from './log-slider.ts';

/** The packet steps act on: the selected one if it is in flight, else the newest in flight. */
const selectSteppable = (s: PlaygroundState): string | null => {
  const sel = s.packets.find((p) => p.id === s.selectedPacketId && p.status === 'moving');
  const last = s.packets.find((p) => p.id === s.lastPacketId && p.status === 'moving');
  return (sel ?? last)?.id ?? null;
};

export function PlaybackControls() {
  const { t } = useT();
  const speedId = useId();
  const playing = usePlayground(selectPlaying);
  const toggle = usePlayground(selectTogglePlaying);
  const speed = usePlayground(selectSpeed);
  const setSpeed = usePlayground(selectSetSpeed);
  const reset = usePlayground(selectResetTraffic);
  const step = usePlayground(selectStepPacket);
  const steppable = usePlayground(selectSteppable);
  const inFlight = usePlayground(selectInFlight);
  const canStep = !playing && steppable !== null;
  const speedText = t('playback.speedValue', { speed: String(Number(speed.toFixed(2))) });
  return (
    <div
      className="playback-controls"
      data-testid="playback"
      data-playing={playing}
      data-in-flight={inFlight}
    >
      <button
        type="button"
        className="icon-button"
        data-testid="play-pause"
        onClick={toggle}
        aria-pressed={!playing}
        title={playing ? t('playback.pause') : t('playback.play')}
        aria-label={playing ? t('playback.pause') : t('playback.play')}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="step-back"
        disabled={!canStep}
        onClick={() => steppable && step(steppable, -1)}
        title={canStep ? t('playback.stepBack') : t('playback.stepHint')}
        aria-label={t('playback.stepBack')}
      >
        <span aria-hidden="true">«</span>
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="step-forward"
        disabled={!canStep}
        onClick={() => steppable && step(steppable, 1)}
        title={canStep ? t('playback.stepForward') : t('playback.stepHint')}
        aria-label={t('playback.stepForward')}
      >
        <span aria-hidden="true">»</span>
      </button>
      <label htmlFor={speedId} className="visually-hidden">
        {t('playback.speed')}
      </label>
      <input
        id={speedId}
        type="range"
        className="speed-slider"
        data-testid="speed-slider"
        min={0}
        max={1000}
        value={toLogSlider(speed, SPEED_RANGE.min, SPEED_RANGE.max)}
        aria-valuetext={speedText}
        title={t('playback.speed')}
        onChange={(e) => setSpeed(fromLogSlider(Number(e.target.value), SPEED_RANGE.min, SPEED_RANGE.max))}
        onDoubleClick={() => setSpeed(1)}
      />
      <output htmlFor={speedId} className="slider-value mono" data-testid="speed-value">
        {speedText}
      </output>
      <span className="in-flight muted small">{t('playback.inFlight', { count: inFlight })}</span>
      <button
        type="button"
        className="icon-button"
        data-testid="clear-traffic"
        onClick={reset}
        title={t('playback.resetHint')}
        aria-label={t('playback.clear')}
      >
        <span aria-hidden="true">↺</span>
      </button>
    </div>
  );
}
