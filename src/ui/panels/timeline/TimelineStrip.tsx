import { useT } from '../../../i18n/react.ts';
import type { ResultDiff } from '../../../engine/index.ts';
import { timelineSteps } from './steps.ts';

/**
 * The six steps as a strip that lights up one after another (CSS animation delays, no timers); with
 * reduced motion all steps show at once. Re-keyed by the parent to replay.
 */
export function TimelineStrip({ diff, compact = false }: { diff: ResultDiff; compact?: boolean }) {
  const { t } = useT();
  const steps = timelineSteps(diff);
  return (
    <ol className={`cp-strip ${compact ? 'is-compact' : ''}`} data-testid="cp-strip">
      {steps.map((s, i) => (
        <li
          key={s.id}
          className="cp-step"
          data-step={s.id}
          data-idle={s.idle}
          style={{ ['--i' as string]: i }}
        >
          <span className="cp-step-name">{t(`cp.step.${s.id}`)}</span>
          {!compact && <span className="cp-step-detail">{t(`cp.detail.${s.id}`, s.params)}</span>}
        </li>
      ))}
    </ol>
  );
}
