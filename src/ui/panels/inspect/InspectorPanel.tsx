import { useT } from '../../../i18n/react.ts';
import { hopText } from '../../../i18n/t.ts';
import { usePlayground } from '../../../store/react.ts';
import { selectInspectedHopIndex, selectInspectedPacket } from '../../../store/selectors.ts';
import type { PacketRun } from '../../../store/types.ts';
import { CandidateList } from '../CandidateList.tsx';
import { HopRow } from './HopRow.tsx';

const clientLabel = (p: PacketRun) => {
  const c = p.trace.request.client;
  return c.kind === 'external' ? c.ip : c.name;
};

/**
 * The packet inspector (and the screen-reader view of the animation): the selected packet — else the
 * newest — hop by hop, each with its packet before → after, the rule that matched and the YAML object.
 */
export function InspectorPanel() {
  const { t, lang } = useT();
  const packet = usePlayground(selectInspectedPacket);
  const focus = usePlayground(selectInspectedHopIndex);

  if (!packet) {
    return (
      <div className="trace-panel" data-testid="trace-panel">
        <p className="muted">{t('inspect.empty')}</p>
      </div>
    );
  }
  const { trace } = packet;
  const current = trace.hops[packet.hopIndex];
  return (
    <div className="trace-panel" data-testid="trace-panel" data-packet-id={packet.id}>
      <p className="trace-summary">
        <span className="packet-id mono">{t('inspect.title', { id: packet.id })}</span>
        <span className="mono">
          {t('trace.summary', { client: clientLabel(packet), target: trace.request.target })}
        </span>
        <span className={`trace-outcome outcome-${packet.status}`} data-status={packet.status}>
          {packet.status === 'moving'
            ? t('trace.inFlight')
            : packet.servedBy
              ? t('trace.servedBy', { pod: packet.servedBy.split('/').pop() ?? '' })
              : t('trace.notServed', { verdict: trace.verdict })}
        </span>
      </p>
      {trace.dns && (
        <p className="trace-dns mono" data-testid="dns-answer" data-rcode={trace.dns.rcode}>
          {t('trace.dns', {
            query: trace.dns.resolvedName ?? trace.dns.query,
            answers: trace.dns.answers.join(', ') || trace.dns.rcode,
          })}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite" data-testid="hop-live">
        {current && packet.status === 'moving'
          ? t('inspect.live', { index: packet.hopIndex + 1, text: hopText(lang, current) })
          : ''}
      </p>
      <ol className="hop-list" data-testid="hop-list">
        {trace.hops.map((hop, i) => (
          <HopRow
            key={i}
            hop={hop}
            state={
              i < packet.hopIndex || packet.status !== 'moving'
                ? 'past'
                : i === packet.hopIndex
                  ? 'current'
                  : 'future'
            }
            moving={packet.status === 'moving'}
            focused={i === focus}
            node={hop.node ?? trace.node}
          />
        ))}
      </ol>
      {trace.masquerade && <p className="muted small">{t('trace.masquerade')}</p>}
      <CandidateList packet={packet} />
    </div>
  );
}
