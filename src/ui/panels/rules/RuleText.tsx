import { memo } from 'react';
import type { RuleLine } from './rule-lines.ts';

/** Numbered rule lines; `hits` matched the focused hop, `soft` other hops of the packet, `svc` the Service. */
export const RuleText = memo(function RuleText({
  lines,
  hits,
  soft,
  svc,
}: {
  lines: readonly RuleLine[];
  hits: ReadonlySet<number>;
  soft: ReadonlySet<number>;
  svc: ReadonlySet<number>;
}) {
  return (
    <ol className="rule-lines mono">
      {lines.map((l) => (
        <li
          key={l.line}
          data-line={l.line}
          data-hit={hits.has(l.line) ? 'true' : soft.has(l.line) ? 'soft' : undefined}
          data-service={svc.has(l.line) || undefined}
        >
          <span className="rule-no" aria-hidden="true">
            {l.line}
          </span>
          <span className="rule-src">{l.text}</span>
        </li>
      ))}
    </ol>
  );
});
