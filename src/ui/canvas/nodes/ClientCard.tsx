import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../../i18n/react.ts';
import type { ClientNode } from '../flow-types.ts';
import { Name } from './Name.tsx';
import { Ports } from './Ports.tsx';
import { useActive } from './use-active.ts';

export const ClientCard = memo(function ClientCard({ id, data }: NodeProps<ClientNode>) {
  const { t } = useT();
  const active = useActive(id === 'client/external' ? id : id.slice('client/'.length));
  return (
    <div className="card card-client" data-kind="client" data-active={active}>
      <Ports />
      <div className="card-title">
        <span className="icon" aria-hidden="true">
          {data.kind === 'external' ? '◎' : '◉'}
        </span>
        <Name text={data.kind === 'external' ? t('card.externalClient') : data.name} />
      </div>
      {data.kind === 'external' ? (
        <div className="line mono">{data.ip}</div>
      ) : (
        <>
          <div className="line mono">{data.ip ?? t('card.noIP')}</div>
          <div className="line muted">
            {data.nodeName ? t('card.onNode', { node: data.nodeName }) : t('card.clientPod')}
          </div>
        </>
      )}
    </div>
  );
});
