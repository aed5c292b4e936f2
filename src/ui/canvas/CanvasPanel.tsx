import { ReactFlowProvider } from '@xyflow/react';
import { useT } from '../../i18n/react.ts';
import { usePlayground } from '../../store/react.ts';
import { selectShowingStale, selectStaleReason } from '../../store/selectors.ts';
import type { ResolvedTheme } from '../app/use-theme.ts';
import { ControlPlaneBanner } from '../panels/timeline/ControlPlaneBanner.tsx';
import { TrafficControls } from '../panels/TrafficControls.tsx';
import { FlowCanvas } from './FlowCanvas.tsx';

export function CanvasPanel({ theme }: { theme: ResolvedTheme }) {
  const { t } = useT();
  const stale = usePlayground(selectShowingStale);
  const staleReason = usePlayground(selectStaleReason);
  return (
    <section className="canvas-panel" aria-label={t('canvas.label')} data-stale={stale}>
      <TrafficControls />
      {stale && (
        <div className="stale-banner" role="note" data-testid="stale-banner">
          {t(staleReason === 'tooLarge' ? 'canvas.staleTooLarge' : 'canvas.stale')}
        </div>
      )}
      <ControlPlaneBanner />
      <ReactFlowProvider>
        <FlowCanvas theme={theme} />
      </ReactFlowProvider>
    </section>
  );
}
