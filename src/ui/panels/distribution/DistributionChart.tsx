import { useT } from '../../../i18n/react.ts';
import type { SimulationResult } from '../../../engine/index.ts';
import type { ServiceTally } from '../../../store/traffic-types.ts';

const ROW = 40;
const WIDTH = 380;
const VALUE = 84;
const BAR = WIDTH - VALUE;
const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** The `--probability` of the statistic rule that jumps to `chain` (iptables' conditional probabilities). */
function ruleProbability(result: SimulationResult, chain: string | undefined): number | undefined {
  if (!chain) return undefined;
  for (const proxy of Object.values(result.proxy)) {
    const rule = proxy.iptables.nat.rules.find(
      (r) => r.target === chain && r.match.probability !== undefined,
    );
    if (rule) return rule.match.probability;
  }
  return undefined;
}

/** SVG bars: requests served per endpoint; a tick marks the share the rules give it. */
export function DistributionChart({
  tally,
  result,
  total,
}: {
  tally: ServiceTally;
  result: SimulationResult;
  total: number;
}) {
  const { t } = useT();
  const keys = [
    ...tally.candidates.map((c) => `${c.ip}:${c.port}`),
    ...Object.keys(tally.counts).filter((k) => !tally.candidates.some((c) => `${c.ip}:${c.port}` === k)),
  ];
  const height = keys.length * ROW + 22;
  return (
    <svg
      className="dist-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={keys.map((k) => `${k}: ${tally.counts[k] ?? 0}`).join(', ')}
    >
      {keys.map((k, i) => {
        const c = tally.candidates.find((x) => `${x.ip}:${x.port}` === k);
        const n = tally.counts[k] ?? 0;
        const share = total ? n / total : 0;
        const y = i * ROW + 4;
        const p = tally.mode === 'iptables' ? ruleProbability(result, c?.chain) : undefined;
        return (
          <g key={k} data-endpoint={k} data-count={n} data-expected={c?.probability ?? 0}>
            <text x={0} y={y + 11} className="dist-label">
              <tspan className="mono">{k}</tspan>
              <tspan className="dist-sub" dx={8}>
                {c?.podId?.split('/').pop() ?? ''}
                {p !== undefined ? ` · --probability ${p.toFixed(4)}` : ''}
              </tspan>
            </text>
            <rect x={0} y={y + 16} width={BAR} height={16} rx={4} className="dist-track" />
            <rect x={0} y={y + 16} width={BAR * share} height={16} rx={4} className="dist-bar" />
            {c && (
              <line
                x1={BAR * c.probability}
                x2={BAR * c.probability}
                y1={y + 13}
                y2={y + 35}
                className="dist-expected"
              />
            )}
            <text x={BAR + 8} y={y + 29} className="dist-value mono">
              {t('dist.actual', { count: n, share: pct(share) })}
            </text>
          </g>
        );
      })}
      <g transform={`translate(0, ${height - 8})`} className="dist-legend">
        <rect x={0} y={-8} width={10} height={8} className="dist-bar" />
        <text x={14} y={0}>
          {t('dist.legendActual')}
        </text>
        <line x1={120} x2={120} y1={-10} y2={0} className="dist-expected" />
        <text x={126} y={0}>
          {t('dist.legendExpected')}
        </text>
      </g>
    </svg>
  );
}
