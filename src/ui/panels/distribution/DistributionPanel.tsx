import { useMemo } from 'react';
import { useT } from '../../../i18n/react.ts';
import { usePlayground } from '../../../store/react.ts';
import {
  selectLastValidResult,
  selectProxyMode,
  selectSetProxyMode,
  selectTallies,
} from '../../../store/selectors.ts';
import { DistributionChart } from './DistributionChart.tsx';

/**
 * Per Service: requests per endpoint against the share the rules give (trace.candidates), the proxy mode
 * switch (iptables random vs ipvs round robin, written into the YAML), and why sessionAffinity sticks.
 */
export function DistributionPanel() {
  const { t, tc } = useT();
  const tallies = usePlayground(selectTallies);
  const mode = usePlayground(selectProxyMode);
  const setMode = usePlayground(selectSetProxyMode);
  const result = usePlayground(selectLastValidResult);
  const list = useMemo(
    () => Object.values(tallies).sort((a, b) => a.serviceId.localeCompare(b.serviceId)),
    [tallies],
  );

  return (
    <div className="distribution-panel" data-testid="distribution-panel" data-mode={mode}>
      <div className="dist-toolbar">
        <span className="small strong">{t('dist.mode')}</span>
        <div className="segmented small" role="group" aria-label={t('dist.mode')} title={t('dist.modeHint')}>
          {(['iptables', 'ipvs'] as const).map((m) => (
            <button
              key={m}
              type="button"
              data-testid={`proxy-mode-${m}`}
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
            >
              {m}
            </button>
          ))}
        </div>
      </div>
      <p className="muted small">{mode === 'ipvs' ? t('dist.ipvs') : t('dist.iptables')}</p>
      {list.length === 0 && <p className="muted">{t('dist.empty')}</p>}
      {list.map((tally) => {
        const total = Object.values(tally.counts).reduce((a, b) => a + b, 0);
        const svc = result.cluster.services.find(
          (s) => `service/${s.metadata?.namespace}/${s.metadata?.name}` === tally.serviceId,
        );
        const sticky = svc?.spec?.sessionAffinity === 'ClientIP';
        const seconds = svc?.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800;
        return (
          <section
            key={tally.serviceId}
            className="dist-service"
            data-service-id={tally.serviceId}
            data-total={total}
          >
            <h3>
              {tally.serviceId.split('/').slice(1).join('/')}{' '}
              <span className="muted">· {tc('dist.requests', total)}</span>
            </h3>
            <DistributionChart tally={tally} result={result} total={total} />
            {sticky && tally.affinity && mode === 'iptables' && (
              <div className="affinity-note" data-testid="affinity-note">
                <p>
                  {t('dist.affinity', {
                    client: tally.affinity.client.replace(/^pod\/[^/]+\//, ''),
                    endpoint: tally.affinity.endpoint,
                    seconds,
                  })}
                </p>
                <ul className="mono">
                  {tally.affinity.rules
                    .filter((r) => r.text.includes('--rcheck'))
                    .map((r) => (
                      <li key={`${r.node}:${r.line}`} data-rule-line={r.line}>
                        <span className="rule-line-no">
                          {r.node}:{r.line}
                        </span>{' '}
                        {r.text}
                      </li>
                    ))}
                </ul>
              </div>
            )}
            {sticky && mode === 'ipvs' && <p className="affinity-note">{t('dist.affinityIpvs')}</p>}
          </section>
        );
      })}
    </div>
  );
}
