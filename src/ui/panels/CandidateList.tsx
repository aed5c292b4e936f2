import { useT } from '../../i18n/react.ts';
import type { PacketRun } from '../../store/types.ts';

const percent = (p: number) => `${(p * 100).toFixed(p === 1 || p === 0 ? 0 : 1)}%`;

/** Every endpoint the rules could pick, with its probability; the sampled one is marked. */
export function CandidateList({ packet }: { packet: PacketRun }) {
  const { t } = useT();
  const { candidates, chosen } = packet.trace;
  if (candidates.length === 0) return null;
  return (
    <div className="candidates">
      <h3>{t('trace.candidates')}</h3>
      <ul>
        {candidates.map((c) => {
          const isChosen = chosen !== undefined && chosen.ip === c.ip && chosen.port === c.port;
          return (
            <li key={`${c.ip}:${c.port}`} data-chosen={isChosen}>
              <span className="mono">
                {c.ip}:{c.port}
              </span>
              <span className="muted">{c.podId?.split('/').pop() ?? ''}</span>
              <span className="bar" style={{ ['--p' as string]: c.probability }} aria-hidden="true" />
              <span className="mono">{percent(c.probability)}</span>
              {isChosen && <span className="chosen-tag">{t('trace.chosen')}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
