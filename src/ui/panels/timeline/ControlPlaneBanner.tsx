import { useState } from 'react';
import { useT } from '../../../i18n/react.ts';
import { usePlayground } from '../../../store/react.ts';
import { selectChanges, selectSetDockTab } from '../../../store/selectors.ts';
import { TimelineStrip } from './TimelineStrip.tsx';

/**
 * On the canvas, right after the cluster changed: the control-plane strip plays once, then fades out
 * (CSS; the element leaves on animationend). "Show" opens the full timeline in the dock.
 */
export function ControlPlaneBanner() {
  const { t } = useT();
  const changes = usePlayground(selectChanges);
  const setTab = usePlayground(selectSetDockTab);
  const latest = changes[changes.length - 1];
  const [first] = useState(() => latest?.seq ?? 0);
  const [done, setDone] = useState(0);
  if (!latest || latest.seq <= first || latest.seq <= done) return null;
  return (
    <div
      className="cp-banner"
      data-testid="cp-banner"
      key={latest.seq}
      role="status"
      onAnimationEnd={(e) => e.target === e.currentTarget && setDone(latest.seq)}
    >
      <span className="cp-banner-title">{t('cp.banner', { count: latest.diff.objects.length })}</span>
      <TimelineStrip diff={latest.diff} compact />
      <button type="button" className="link-button" onClick={() => setTab('timeline')}>
        {t('cp.show')}
      </button>
    </div>
  );
}
