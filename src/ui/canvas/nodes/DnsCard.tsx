import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../../i18n/react.ts';
import type { DnsNode } from '../flow-types.ts';
import { Ports } from './Ports.tsx';
import { useActive } from './use-active.ts';

/** CoreDNS, drawn only while a request asks it (its kube-system Service and pods stay hidden). */
export const DnsCard = memo(function DnsCard({ data }: NodeProps<DnsNode>) {
  const { t } = useT();
  const active = useActive('service/kube-system/kube-dns');
  return (
    <div className="card card-dns" data-kind="dns" data-active={active}>
      <Ports />
      <div className="card-title">
        <span className="icon" aria-hidden="true">
          ⌕
        </span>
        <span className="name">CoreDNS</span>
      </div>
      <div className="line mono strong">{data.clusterIP ? `${data.clusterIP}:53` : 'kube-dns'}</div>
      <div className="line muted">{t('card.dnsZone', { domain: data.domain })}</div>
    </div>
  );
});
