import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useT } from '../../../i18n/react.ts';
import { usePlayground } from '../../../store/react.ts';
import { selectPodRequests } from '../../../store/selectors.ts';
import type { PodNode } from '../flow-types.ts';
import { Name } from './Name.tsx';
import { Ports } from './Ports.tsx';
import { useActive } from './use-active.ts';

export const PodCard = memo(function PodCard({ id, data }: NodeProps<PodNode>) {
  const { t, tc } = useT();
  const active = useActive(id);
  const requests = usePlayground(useMemo(() => selectPodRequests(id), [id]));
  const address = data.ip
    ? `${data.ip}${data.ports.length ? `:${data.ports.join(',')}` : ''}`
    : t('card.noIP');
  return (
    <div
      className="card card-pod"
      data-kind="pod"
      data-ready={data.ready}
      data-active={active}
      data-requests={requests}
    >
      <Ports />
      <div className="card-title">
        <span
          className={`ready-dot ${data.ready ? 'is-ready' : ''}`}
          title={data.ready ? t('card.ready') : t('card.notReady')}
          aria-hidden="true"
        />
        <Name text={data.name} />
      </div>
      <div className="line mono strong">{address}</div>
      <div className="line pod-footer">
        <span className="muted small">
          {data.ready ? t('card.ready') : `${t('card.notReady')} · ${data.phase}`}
        </span>
        <span className="counter" data-zero={requests === 0} aria-label={tc('card.requests', requests)}>
          {tc('card.requests', requests)}
        </span>
      </div>
    </div>
  );
});
