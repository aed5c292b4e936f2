import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../../i18n/react.ts';
import type { LoadBalancerNode } from '../flow-types.ts';
import { Name } from './Name.tsx';
import { Ports } from './Ports.tsx';
import { useActive } from './use-active.ts';

export const LoadBalancerCard = memo(function LoadBalancerCard({ id, data }: NodeProps<LoadBalancerNode>) {
  const { t } = useT();
  const active = useActive(id);
  return (
    <div className="card card-lb" data-kind="loadBalancer" data-active={active}>
      <Ports />
      <div className="card-title">
        <span className="icon" aria-hidden="true">
          ⇶
        </span>
        <Name text={data.name} />
      </div>
      <div className="line">
        <span className="badge badge-lb">LoadBalancer</span>
      </div>
      {data.addresses.length ? (
        data.addresses.map((a) => (
          <div key={a} className="line mono strong">
            {a}
          </div>
        ))
      ) : (
        <div className="line muted">{t('card.pending')}</div>
      )}
      {data.ports.map((p) => (
        <div key={`${p.port}/${p.protocol}`} className="line mono muted">
          :{p.port}/{p.protocol}
          {p.nodePort ? ` → :${p.nodePort}` : ''}
        </div>
      ))}
    </div>
  );
});
