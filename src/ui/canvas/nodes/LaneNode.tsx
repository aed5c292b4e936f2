import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../../i18n/react.ts';
import type { LaneNode as LaneNodeType } from '../flow-types.ts';

export const LaneNode = memo(function LaneNode({ data }: NodeProps<LaneNodeType>) {
  const { t } = useT();
  return (
    <div className="lane" data-lane={data.lane}>
      <h2 className="lane-title">{t(`lane.${data.lane}`)}</h2>
    </div>
  );
});
