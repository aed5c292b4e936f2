import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../../i18n/react.ts';
import type { ClusterNodeNode } from '../flow-types.ts';
import { Name } from './Name.tsx';
import { Ports } from './Ports.tsx';
import { useActive } from './use-active.ts';

export const NodeCard = memo(function NodeCard({ id, data }: NodeProps<ClusterNodeNode>) {
  const { t } = useT();
  const active = useActive(id);
  return (
    <div className="card card-node" data-kind="node" data-active={active}>
      <Ports />
      <div className="card-title">
        <span className="icon" aria-hidden="true">
          ▣
        </span>
        <Name text={data.name} />
      </div>
      <div className="line mono strong">{data.ip ?? t('card.noIP')}</div>
      <div className="line">
        <span className={`role ${data.controlPlane ? 'role-cp' : ''}`}>
          {data.controlPlane ? t('card.controlPlane') : t('card.worker')}
        </span>
      </div>
      <div className="line mono muted">{data.podCIDR ? t('card.podCIDR', { cidr: data.podCIDR }) : ''}</div>
      {data.nodePorts.map((p) => (
        <div key={`${p.nodePort}/${p.service}`} className="line mono nodeport" title={p.service}>
          {t('card.nodePortFor', { port: p.nodePort, service: p.service })}
        </div>
      ))}
    </div>
  );
});
