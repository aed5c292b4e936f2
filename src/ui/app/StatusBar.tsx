import { diagnosticText } from '../../i18n/t.ts';
import { useT } from '../../i18n/react.ts';
import { usePlayground } from '../../store/react.ts';
import {
  countDiagnostics,
  selectDiagnostics,
  selectSentCount,
  selectShowingStale,
} from '../../store/selectors.ts';

/** Parse/validation problem counts, the first problem, and whether the canvas shows an older cluster. */
export function StatusBar() {
  const { t, tc, lang } = useT();
  const diagnostics = usePlayground(selectDiagnostics);
  const stale = usePlayground(selectShowingStale);
  const sent = usePlayground(selectSentCount);
  const { errors, warnings } = countDiagnostics(diagnostics);
  const first =
    diagnostics.find((d) => d.severity === 'error') ?? diagnostics.find((d) => d.severity === 'warning');
  const state = errors ? 'error' : warnings ? 'warning' : 'ok';

  return (
    <footer
      className="status-bar"
      data-testid="status-line"
      data-state={state}
      data-errors={errors}
      data-warnings={warnings}
      role="status"
    >
      <span className="status-counts">
        <span className="status-dot" aria-hidden="true" />
        {state === 'ok'
          ? t('status.ok')
          : [errors ? tc('status.errors', errors) : null, warnings ? tc('status.warnings', warnings) : null]
              .filter(Boolean)
              .join(' · ')}
      </span>
      {first && (
        <span className="status-first" data-line={first.line}>
          {t('status.firstProblem', { line: first.line, message: diagnosticText(lang, first) })}
        </span>
      )}
      {stale && <span className="status-stale">{t('canvas.stale')}</span>}
      {/* Shown by CSS while the app root says data-sim-status="pending", and only if the answer takes a
          while: typing in a small file neither flickers nor re-renders anything. */}
      <span className="status-pending" data-testid="sim-pending">
        {t('status.simulating')}
      </span>
      <span className="status-sent">{tc('traffic.sent', sent)}</span>
    </footer>
  );
}
