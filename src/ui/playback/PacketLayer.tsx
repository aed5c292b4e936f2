import { memo, useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/react.ts';
import { usePlayground } from '../../store/react.ts';
import {
  selectPacket,
  selectPacketIds,
  selectSelectPacket,
  selectSetDockTab,
} from '../../store/selectors.ts';
import type { PlaygroundState } from '../../store/types.ts';
import { useDriver } from './driver-context.ts';
import { addr, hopChange } from './hop-change.ts';

/**
 * Packet elements, rendered inside React Flow's viewport (flow coordinates). React renders only their
 * existence and label; the driver writes their `transform` every frame. A click selects the packet for
 * the inspector (the event list offers the same for keyboard and screen-reader users).
 */
export function PacketLayer() {
  const ids = usePlayground(useShallow(selectPacketIds));
  return (
    <div className="packet-layer">
      {ids.map((id) => (
        <PacketDot key={id} id={id} />
      ))}
    </div>
  );
}

/** The labelled packet: the selected one, else the newest. */
const selectLabelled = (s: PlaygroundState) =>
  s.selectedPacketId && s.packets.some((p) => p.id === s.selectedPacketId)
    ? s.selectedPacketId
    : s.lastPacketId;

const PacketDot = memo(function PacketDot({ id }: { id: string }) {
  const { t } = useT();
  const driver = useDriver();
  const packet = usePlayground(useMemo(() => selectPacket(id), [id]));
  const labelled = usePlayground((s) => selectLabelled(s) === id);
  const selected = usePlayground((s) => s.selectedPacketId === id);
  const selectPacket_ = usePlayground(selectSelectPacket);
  const setDockTab = usePlayground(selectSetDockTab);
  const ref = useCallback((el: HTMLDivElement | null) => driver.attach(id, el), [driver, id]);
  if (!packet) return null;
  const hop = packet.trace.hops[packet.hopIndex];
  const change = hop ? hopChange(hop) : null;
  return (
    <div
      ref={ref}
      className="packet nodrag nopan"
      data-packet-id={id}
      data-hop-index={packet.hopIndex}
      data-status={packet.status}
      data-newest={labelled}
      data-selected={selected}
      data-at={hop?.at ?? ''}
      data-reply={hop?.reply ? 'true' : 'false'}
      data-change={change?.kind ?? ''}
    >
      <button
        type="button"
        className="packet-dot"
        tabIndex={-1}
        aria-hidden="true"
        onClick={() => {
          selectPacket_(id);
          setDockTab('trace');
        }}
      />
      {labelled && hop && change && (
        <span className="packet-label" aria-hidden="true">
          <span className={`packet-change change-${change.kind}`}>
            {t(`change.${change.kind}`, change.params)}
          </span>
          <span className="packet-addr">
            {addr(hop.after.src, hop.after.srcPort)} → {addr(hop.after.dst, hop.after.dstPort)}
          </span>
        </span>
      )}
    </div>
  );
});
