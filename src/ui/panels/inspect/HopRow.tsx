import { memo } from 'react';
import type { Hop, Packet } from '../../../engine/index.ts';
import { useT } from '../../../i18n/react.ts';
import { hopText } from '../../../i18n/t.ts';
import { usePlayground } from '../../../store/react.ts';
import { selectSelectHop, selectShowRules } from '../../../store/selectors.ts';
import { addr, hopChange } from '../../playback/hop-change.ts';

function PacketHeaders({ p, changed }: { p: Packet; changed?: { src: boolean; dst: boolean } }) {
  return (
    <span className="headers mono">
      <span data-changed={changed?.src ?? false}>{addr(p.src, p.srcPort)}</span>
      {' → '}
      <span data-changed={changed?.dst ?? false}>{addr(p.dst, p.dstPort)}</span>
      <span className="muted"> {p.protocol}</span>
    </span>
  );
}

/** One hop: what happened, the headers before → after (changed fields marked), its rules and object. */
export const HopRow = memo(function HopRow({
  hop,
  state,
  moving,
  focused,
  node,
}: {
  hop: Hop;
  state: 'past' | 'current' | 'future';
  moving: boolean;
  focused: boolean;
  node: string;
}) {
  const { t, lang } = useT();
  const selectHop = usePlayground(selectSelectHop);
  const showRules = usePlayground(selectShowRules);
  const change = hopChange(hop);
  const altered = change.changed.src || change.changed.dst;
  const ruleNode = hop.rules[0]?.node ?? node;
  return (
    <li
      data-state={state}
      data-focused={focused}
      aria-current={state === 'current' && moving ? 'step' : undefined}
      data-hop-index={hop.index}
      data-hop-at={hop.at}
      data-hop-code={hop.code}
      data-change={change.kind}
    >
      <button
        type="button"
        className="hop-index"
        onClick={() => selectHop(hop.index)}
        aria-label={t('trace.hop', { index: hop.index + 1 })}
      >
        {hop.index + 1}
      </button>
      <div className="hop-body">
        <div className="hop-head">
          <span className={`change-tag change-${change.kind}`} data-testid="hop-change">
            {t(`change.${change.kind}`, change.params)}
          </span>
          <span className="hop-text">{hopText(lang, hop)}</span>
        </div>
        <div className="hop-packet">
          {altered ? (
            <>
              <span className="muted small">{t('inspect.before')}</span> <PacketHeaders p={hop.before} />
              <br />
              <span className="muted small">{t('inspect.after')}</span>{' '}
              <PacketHeaders p={hop.after} changed={change.changed} />
            </>
          ) : (
            <PacketHeaders p={hop.after} />
          )}
        </div>
        {focused && hop.rules.length > 0 && (
          <div className="hop-rules">
            <div className="muted small">{t('inspect.rules')}</div>
            <ul>
              {hop.rules.map((r) => (
                <li key={`${r.node}:${r.table}:${r.line}`} className="mono" data-rule-line={r.line}>
                  <span className="rule-line-no">{r.line}</span> {r.text}
                </li>
              ))}
            </ul>
          </div>
        )}
        {hop.rules.length > 0 && (
          <button
            type="button"
            className="link-button"
            data-testid="show-rules"
            onClick={() => {
              selectHop(hop.index);
              showRules(
                ruleNode,
                hop.rules.filter((r) => r.node === ruleNode).map((r) => r.line),
              );
            }}
          >
            {t('inspect.showRules')} ({hop.rules.length})
          </button>
        )}
        {hop.objectId && !focused && (
          <button type="button" className="link-button" onClick={() => selectHop(hop.index)}>
            {t('inspect.showYaml')}
          </button>
        )}
      </div>
    </li>
  );
});
