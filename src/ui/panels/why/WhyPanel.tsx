import { useId, useMemo, useState } from 'react';
import { explainServiceEndpoints } from '../../../engine/index.ts';
import { useT } from '../../../i18n/react.ts';
import { serviceId, visibleServices } from '../../../store/cluster-view.ts';
import { usePlayground } from '../../../store/react.ts';
import { selectLastValidResult, selectSelectedServiceId } from '../../../store/selectors.ts';
import { PodCheckRow } from './PodCheckRow.tsx';

/**
 * "Why no endpoints?": for the chosen Service, every pod of the cluster against its selector — labels,
 * namespace, readiness, named ports — with one-click fixes that edit the YAML.
 */
export function WhyPanel() {
  const { t, tc } = useT();
  const pickId = useId();
  const result = usePlayground(selectLastValidResult);
  const selected = usePlayground(selectSelectedServiceId);
  const [choice, setChoice] = useState<string | null>(null);
  const services = useMemo(() => visibleServices(result).map(serviceId), [result]);
  const explanations = useMemo(
    () => new Map(services.map((id) => [id, explainServiceEndpoints(result, id)])),
    [result, services],
  );
  const broken = services.find((id) => {
    const e = explanations.get(id);
    return e && e.selector && e.type !== 'ExternalName' && e.readyEndpoints === 0;
  });
  const id = [choice, selected, broken, services[0]].find((x) => x && services.includes(x)) ?? null;
  const e = id ? explanations.get(id) : undefined;
  if (!id || !e) return <p className="muted">{t('traffic.noTarget')}</p>;
  const name = e.namespace === 'default' ? e.name : `${e.namespace}/${e.name}`;
  const pods = e.pods.filter((p) => p.namespace !== 'kube-system');
  const summary =
    e.type === 'ExternalName'
      ? t('why.externalName', { service: name })
      : !e.selector
        ? t('why.noSelector', { service: name })
        : e.readyEndpoints === 0
          ? t('why.none', { service: name })
          : tc('why.ok', e.readyEndpoints, { service: name });

  return (
    <div
      className="why-panel"
      data-testid="why-panel"
      data-service-id={id}
      data-ready-endpoints={e.readyEndpoints}
    >
      <div className="why-toolbar">
        <label htmlFor={pickId}>{t('why.service')}</label>
        <select
          id={pickId}
          data-testid="why-service"
          value={id}
          onChange={(ev) => setChoice(ev.target.value)}
        >
          {services.map((s) => {
            const n = explanations.get(s)?.readyEndpoints ?? 0;
            return (
              <option key={s} value={s}>
                {s.split('/').slice(1).join('/')} ({n})
              </option>
            );
          })}
        </select>
      </div>
      <p
        className={`why-summary ${e.selector && e.readyEndpoints === 0 ? 'is-bad' : ''}`}
        data-testid="why-summary"
      >
        {summary}
      </p>
      {e.selector && (
        <p className="why-selector">
          <span className="muted small">{t('why.selector')}</span>{' '}
          {Object.entries(e.selector).map(([k, v]) => (
            <code key={k} className="chip">
              {k}={v}
            </code>
          ))}
        </p>
      )}
      {pods.length > 0 && (
        <ul className="why-pods" data-testid="why-pods">
          {pods.map((p) => (
            <PodCheckRow
              key={p.podId}
              check={p}
              serviceId={id}
              serviceNamespace={e.namespace}
              offerFixes={e.readyEndpoints === 0}
            />
          ))}
        </ul>
      )}
      {e.pods.length > pods.length && <p className="muted small">{t('why.systemPods')}</p>}
    </div>
  );
}
