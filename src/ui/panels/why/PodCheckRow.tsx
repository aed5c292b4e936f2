import { memo, useMemo } from 'react';
import type { EndpointReason, PodEndpointCheck } from '../../../engine/index.ts';
import { useT } from '../../../i18n/react.ts';
import { endpointFixes, type EndpointFix } from '../../../store/endpoint-fixes.ts';
import { usePlayground, usePlaygroundStore } from '../../../store/react.ts';
import { selectLastValidResult } from '../../../store/selectors.ts';

const shortId = (id: string) => id.split('/').pop() ?? id;

/** One pod against the Service: label diff, namespace, readiness, ports; and the fixes on offer. */
export const PodCheckRow = memo(function PodCheckRow({
  check: p,
  serviceId,
  serviceNamespace,
  offerFixes,
}: {
  check: PodEndpointCheck;
  serviceId: string;
  serviceNamespace: string;
  offerFixes: boolean;
}) {
  const { t } = useT();
  const store = usePlaygroundStore();
  const result = usePlayground(selectLastValidResult);
  const fixes = useMemo(
    () => (offerFixes ? endpointFixes(result, serviceId, p) : []),
    [offerFixes, result, serviceId, p],
  );
  const apply = async (fix: EndpointFix) => {
    // Loaded on first use: the YAML editing code brings the `yaml` parser, which the first paint does not need.
    const { applyYamlEdits } = await import('../../../store/yaml-edit.ts');
    const s = store.getState();
    const next = applyYamlEdits(s.manifestText, fix.edits);
    if (next !== null) s.applyTextEdit(next);
  };
  const reason = (r: EndpointReason) => {
    switch (r) {
      case 'namespace':
        return t('why.reason.namespace', { ns: p.namespace, want: serviceNamespace });
      case 'terminal':
        return t('why.reason.terminal', { phase: p.phase });
      case 'portName': {
        const bad = p.ports.find((x) => !x.ok);
        const ports = bad?.available
          .map((a) => (a.name ? `${a.name}:${a.containerPort}` : a.containerPort))
          .join(', ');
        return t('why.reason.portName', {
          name: String(bad?.targetPort ?? ''),
          ports: ports || t('why.noPorts'),
        });
      }
      default:
        return t(`why.reason.${r}`);
    }
  };
  return (
    <li className="why-pod" data-pod-id={p.podId} data-endpoint={p.endpoint}>
      <div className="why-pod-head">
        <span className={`ready-dot ${p.ready ? 'is-ready' : ''}`} aria-hidden="true" />
        <strong>{p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`}</strong>
        <span className={`endpoint-badge endpoint-${p.endpoint}`}>{t(`why.endpoint.${p.endpoint}`)}</span>
      </div>
      <div className="why-labels">
        {p.labels.map((l) => (
          <code
            key={l.key}
            className={`chip ${l.ok ? 'chip-ok' : 'chip-bad'}`}
            data-label-key={l.key}
            data-ok={l.ok}
          >
            {l.key}:{' '}
            {l.ok ? (
              l.have
            ) : (
              <>
                <s>{l.have ?? t('why.missing')}</s> → {l.want}
              </>
            )}
          </code>
        ))}
      </div>
      {p.reasons.length > 0 && (
        <ul className="why-reasons">
          {p.reasons.map((r) => (
            <li key={r} data-reason={r}>
              {reason(r)}
            </li>
          ))}
        </ul>
      )}
      {fixes.length > 0 && (
        <div className="why-fixes">
          {fixes.map((f, i) => (
            <button
              key={i}
              type="button"
              className="fix-button"
              data-testid="why-fix"
              data-fix={f.kind}
              title={t('why.fixHint')}
              onClick={() => apply(f)}
            >
              {t(`why.fix.${f.kind}`, { key: f.key, to: f.to, object: shortId(f.objectId) })}
            </button>
          ))}
        </div>
      )}
    </li>
  );
});
