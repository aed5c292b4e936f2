import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../../i18n/react.ts';
import type { PodGroupNode } from '../flow-types.ts';

export const PodGroupCard = memo(function PodGroupCard({ data }: NodeProps<PodGroupNode>) {
  const { t } = useT();
  const g = data.group;
  const title =
    g.kind === 'node'
      ? t('group.node', { node: g.name })
      : g.kind === 'external'
        ? t('group.external')
        : t('group.unscheduled');
  return (
    <div className="pod-group" data-group={g.kind}>
      <div className="pod-group-title">{title}</div>
      {data.count === 0 && <div className="pod-group-empty">{t('group.empty')}</div>}
    </div>
  );
});
