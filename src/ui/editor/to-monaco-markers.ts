/**
 * Engine diagnostics → Monaco marker data. Pure: no monaco import, so it runs in Vitest; the numbers are
 * monaco.MarkerSeverity's values (Hint 1, Info 2, Warning 4, Error 8).
 */
import type { Diagnostic } from '../../engine/index.ts';

export const MarkerSeverity = { Hint: 1, Info: 2, Warning: 4, Error: 8 } as const;

export interface MarkerData {
  severity: number;
  message: string;
  source: string;
  code: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

const SEVERITY: Record<Diagnostic['severity'], number> = {
  error: MarkerSeverity.Error,
  warning: MarkerSeverity.Warning,
  info: MarkerSeverity.Info,
};

/** `translate` turns a diagnostic into the UI language; by default the engine's English message. */
export function toMonacoMarkers(
  diagnostics: readonly Diagnostic[],
  translate: (d: Diagnostic) => string = (d) => d.message,
): MarkerData[] {
  return diagnostics.map((d) => {
    const startLineNumber = Math.max(1, d.line);
    const startColumn = Math.max(1, d.column);
    let endLineNumber = Math.max(startLineNumber, d.endLine);
    let endColumn = d.endColumn;
    // An empty range would draw no squiggle: widen it to at least one character.
    if (endLineNumber === startLineNumber && endColumn <= startColumn) {
      endLineNumber = startLineNumber;
      endColumn = startColumn + 1;
    }
    return {
      severity: SEVERITY[d.severity],
      message: translate(d),
      source: d.source,
      code: d.code,
      startLineNumber,
      startColumn,
      endLineNumber,
      endColumn,
    };
  });
}
