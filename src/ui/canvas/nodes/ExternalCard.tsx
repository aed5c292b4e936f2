import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../../i18n/react.ts';
import type { ExternalNode } from '../flow-types.ts';
import { Name } from './Name.tsx';
import { Ports } from './Ports.tsx';
import { useActive } from './use-active.ts';

export const ExternalCard = memo(function ExternalCard({ id, data }: NodeProps<ExternalNode>) {
  const { t } = useT();
  const active = useActive(id);
  return (
    <div className="card card-external" data-kind="external" data-active={active}>
      <Ports />
      <div className="card-title">
        <span className="icon" aria-hidden="true">
          ☁
        </span>
        <Name
          text={`${data.host}${data.ports.length ? `:${data.ports.join(',')}` : ''}`}
          className="name mono"
        />
      </div>
      <div className="line muted">
        {data.via === 'externalName' ? t('external.viaExternalName') : t('external.viaEndpoint')}
      </div>
      <div className="line" />
    </div>
  );
});
