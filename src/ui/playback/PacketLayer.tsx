import { memo, useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePlayground } from '../../store/react.ts';
import { selectPacket, selectPacketIds } from '../../store/selectors.ts';
import { useDriver } from './driver-context.ts';

/**
 * Packet elements, rendered inside React Flow's viewport (flow coordinates). React renders only their
 * existence and label; the driver writes their `transform` every frame.
 */
export function PacketLayer() {
  const ids = usePlayground(useShallow(selectPacketIds));
  return (
    <div className="packet-layer" aria-hidden="true">
      {ids.map((id) => (
        <PacketDot key={id} id={id} />
      ))}
    </div>
  );
}

const PacketDot = memo(function PacketDot({ id }: { id: string }) {
  const driver = useDriver();
  const packet = usePlayground(useMemo(() => selectPacket(id), [id]));
  // Only the newest packet (the one the trace panel lists) carries a label; older ones are just dots.
  const newest = usePlayground((s) => s.lastPacketId === id);
  const ref = useCallback((el: HTMLDivElement | null) => driver.attach(id, el), [driver, id]);
  if (!packet) return null;
  const hop = packet.trace.hops[packet.hopIndex];
  const label = hop ? `${hop.after.src}:${hop.after.srcPort} → ${hop.after.dst}:${hop.after.dstPort}` : '';
  return (
    <div
      ref={ref}
      className="packet"
      data-packet-id={id}
      data-hop-index={packet.hopIndex}
      data-status={packet.status}
      data-newest={newest}
      data-at={hop?.at ?? ''}
      data-reply={hop?.reply ? 'true' : 'false'}
    >
      <span className="packet-dot" />
      <span className="packet-label">{label}</span>
    </div>
  );
});
