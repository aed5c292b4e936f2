import { useT } from '../../i18n/react.ts';
import { hopText } from '../../i18n/t.ts';
import { usePlayground } from '../../store/react.ts';
import { selectLastPacket } from '../../store/selectors.ts';
import type { PacketRun } from '../../store/types.ts';
import { CandidateList } from './CandidateList.tsx';

const clientLabel = (p: PacketRun) => {
  const c = p.trace.request.client;
  return c.kind === 'external' ? c.ip : c.kind === 'pod' ? c.name : c.name;
};

/** The last request as text: every hop in order, the current one marked — what the packet animation shows. */
export function TracePanel() {
  const { t, lang } = useT();
  const packet = usePlayground(selectLastPacket);

  return (
    <section className="trace-panel" aria-labelledby="trace-title" data-testid="trace-panel">
      <h2 id="trace-title">{t('trace.title')}</h2>
      {!packet ? (
        <p className="muted">{t('trace.empty')}</p>
      ) : (
        <>
          <p className="trace-summary" aria-live="polite">
            <span className="mono">
              {t('trace.summary', { client: clientLabel(packet), target: packet.trace.request.target })}
            </span>
            <span className={`trace-outcome outcome-${packet.status}`} data-status={packet.status}>
              {packet.status === 'moving'
                ? t('trace.inFlight')
                : packet.servedBy
                  ? t('trace.servedBy', { pod: packet.servedBy.split('/').pop() ?? '' })
                  : t('trace.notServed', { verdict: packet.trace.verdict })}
            </span>
          </p>
          {packet.trace.dns && (
            <p className="trace-dns mono">
              {t('trace.dns', {
                query: packet.trace.dns.query,
                answers: packet.trace.dns.answers.join(', ') || packet.trace.dns.rcode,
              })}
            </p>
          )}
          <ol className="hop-list" data-testid="hop-list">
            {packet.trace.hops.map((hop, i) => {
              const state =
                i < packet.hopIndex || packet.status !== 'moving'
                  ? 'past'
                  : i === packet.hopIndex
                    ? 'current'
                    : 'future';
              return (
                <li
                  key={i}
                  data-state={state}
                  aria-current={state === 'current' && packet.status === 'moving' ? 'step' : undefined}
                  data-hop-at={hop.at}
                >
                  <span className="hop-index" aria-hidden="true">
                    {i + 1}
                  </span>
                  <div className="hop-body">
                    <div className="hop-text">{hopText(lang, hop)}</div>
                    <div className="hop-packet mono">
                      <span className="hop-at">{hop.at}</span> ·{' '}
                      {t('trace.packet', {
                        src: `${hop.after.src}:${hop.after.srcPort}`,
                        dst: `${hop.after.dst}:${hop.after.dstPort}`,
                      })}
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
          {packet.trace.masquerade && <p className="muted small">{t('trace.masquerade')}</p>}
          <CandidateList packet={packet} />
        </>
      )}
    </section>
  );
}
