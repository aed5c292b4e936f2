import { memo, useId, useMemo, useState } from 'react';
import { useT } from '../../../i18n/react.ts';
import { hopText } from '../../../i18n/t.ts';
import { usePlayground } from '../../../store/react.ts';
import {
  selectEvents,
  selectSelectPacket,
  selectSelectedPacketId,
  selectSetDockTab,
} from '../../../store/selectors.ts';
import type { TrafficEvent } from '../../../store/traffic-types.ts';
import type { PlaygroundState } from '../../../store/types.ts';
import { hopChange } from '../../playback/hop-change.ts';

/** Rows shown at most (the store keeps a few more). */
const SHOWN = 150;

const selectKeptIds = (s: PlaygroundState) => s.packets.map((p) => p.id).join(' ');

/**
 * Every hop of every request as it happens, newest first, stamped with virtual playback time: packets in
 * flight and the latest finished. A row selects its packet (and hop) for the inspector.
 */
export function EventList() {
  const { t } = useT();
  const onlyId = useId();
  const events = usePlayground(selectEvents);
  const selected = usePlayground(selectSelectedPacketId);
  const kept = usePlayground(selectKeptIds);
  const [only, setOnly] = useState(false);
  const rows = useMemo(() => {
    const list = only && selected ? events.filter((e) => e.packetId === selected) : events;
    return list.slice(-SHOWN).reverse();
  }, [events, only, selected]);
  const keptSet = useMemo(() => new Set(kept.split(' ')), [kept]);

  return (
    <div className="events-panel" data-testid="events-panel">
      <div className="events-toolbar">
        <input id={onlyId} type="checkbox" checked={only} onChange={(e) => setOnly(e.target.checked)} />
        <label htmlFor={onlyId}>{t('events.onlySelected')}</label>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('events.empty')}</p>
      ) : (
        <table className="events-table">
          <thead>
            <tr>
              <th scope="col">{t('events.time')}</th>
              <th scope="col">{t('events.packet')}</th>
              <th scope="col">{t('events.hop')}</th>
              <th scope="col">{t('events.what')}</th>
            </tr>
          </thead>
          <tbody data-testid="event-rows">
            {rows.map((e) => (
              <EventRow
                key={e.seq}
                event={e}
                selected={e.packetId === selected}
                inspectable={keptSet.has(e.packetId)}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const EventRow = memo(function EventRow({
  event: e,
  selected,
  inspectable,
}: {
  event: TrafficEvent;
  selected: boolean;
  inspectable: boolean;
}) {
  const { t, lang } = useT();
  const selectPacket = usePlayground(selectSelectPacket);
  const setTab = usePlayground(selectSetDockTab);
  const change = e.code
    ? hopChange({
        index: e.hopIndex,
        kind: 'node',
        at: e.at,
        before: e.after ?? EMPTY,
        after: e.after ?? EMPTY,
        action: 'route',
        code: e.code,
        params: e.params,
        rules: [],
      })
    : null;
  const open = () => {
    if (!inspectable) return;
    selectPacket(e.packetId, e.hopIndex);
    setTab('trace');
  };
  return (
    <tr
      data-packet-id={e.packetId}
      data-hop-index={e.hopIndex}
      data-kind={e.kind}
      data-selected={selected}
      tabIndex={inspectable ? 0 : undefined}
      onClick={open}
      onKeyDown={(k) => (k.key === 'Enter' || k.key === ' ') && (k.preventDefault(), open())}
    >
      <td className="mono">{(e.t / 1000).toFixed(2)}s</td>
      <td className="mono">{e.packetId.replace('req/', '#')}</td>
      <td className="mono">{e.hopIndex + 1}</td>
      <td>
        {change && change.kind !== 'forward' && (
          <span className={`change-tag change-${change.kind}`}>
            {t(`change.${change.kind}`, change.params)}
          </span>
        )}{' '}
        {e.kind !== 'hop' && (
          <strong>{e.kind === 'done' ? t('events.finished') : t('events.dropped')} · </strong>
        )}
        {e.code ? hopText(lang, { code: e.code, params: e.params }) : ''}
        {e.instant && <span className="muted small"> ({t('events.instant')})</span>}
      </td>
    </tr>
  );
});

const EMPTY = { src: '', srcPort: 0, dst: '', dstPort: 0, protocol: 'TCP' as const };
