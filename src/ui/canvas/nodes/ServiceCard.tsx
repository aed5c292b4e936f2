import type { NodeProps } from '@xyflow/react';
import { Fragment, memo } from 'react';
import { useT } from '../../../i18n/react.ts';
import type { ServiceNode } from '../flow-types.ts';
import { Name } from './Name.tsx';
import { Ports } from './Ports.tsx';
import { useActive } from './use-active.ts';

export const ServiceCard = memo(function ServiceCard({ id, data }: NodeProps<ServiceNode>) {
  const { t, tc } = useT();
  const active = useActive(id);
  return (
    <div className="card card-service" data-kind="service" data-type={data.type} data-active={active}>
      <Ports />
      <div className="card-title">
        <span className="icon" aria-hidden="true">
          ◆
        </span>
        <Name text={data.name} />
      </div>
      <div className="line">
        <span className={`badge badge-${data.type.toLowerCase()}`}>{data.type}</span>
        <span className="muted small">
          {data.endpointCount
            ? tc('card.endpoints', data.endpointCount)
            : data.type === 'ExternalName'
              ? ''
              : t('card.noEndpoints')}
        </span>
      </div>
      <div className="line mono strong">
        {data.externalName
          ? t('card.externalName', { host: data.externalName })
          : data.headless
            ? t('card.headless')
            : data.clusterIP}
      </div>
      {data.ports.map((p) => (
        <Fragment key={`${p.port}/${p.protocol}`}>
          <div className="line mono">
            :{p.port} → {p.targetPort}/{p.protocol}
          </div>
          {p.nodePort ? (
            <div className="line mono nodeport">{t('card.viaNodePort', { port: p.nodePort })}</div>
          ) : null}
        </Fragment>
      ))}
      {data.sessionAffinity && (
        <div className="line mono muted">{t('card.affinity', { value: data.sessionAffinity })}</div>
      )}
    </div>
  );
});
