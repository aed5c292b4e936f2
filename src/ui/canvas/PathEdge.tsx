import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { cubicPathD } from '../playback/cubic.ts';
import type { PathEdge as PathEdgeType } from './flow-types.ts';

/** Drawn with the same curve the packets follow (playback/cubic.ts), so a packet rides its edge exactly. */
export const PathEdge = memo(function PathEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
}: EdgeProps<PathEdgeType>) {
  const d = cubicPathD(sourceX, sourceY, targetX, targetY);
  return (
    <BaseEdge
      id={id}
      path={d}
      className={`path path-${data?.kind ?? 'entry'}${data?.ready === false ? ' path-not-ready' : ''}`}
    />
  );
});
