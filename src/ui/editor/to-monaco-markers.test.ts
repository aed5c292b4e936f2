import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../engine/index.ts';
import { MarkerSeverity, toMonacoMarkers } from './to-monaco-markers.ts';

const diag = (over: Partial<Diagnostic>): Diagnostic => ({
  severity: 'error',
  source: 'apiserver',
  code: 'apiserver.rejected',
  message:
    'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
  line: 12,
  column: 17,
  endLine: 12,
  endColumn: 19,
  document: 1,
  ...over,
});

describe('toMonacoMarkers', () => {
  it('keeps the exact 1-based line and column range', () => {
    const [m] = toMonacoMarkers([diag({})]);
    expect(m).toMatchObject({ startLineNumber: 12, startColumn: 17, endLineNumber: 12, endColumn: 19 });
  });

  it('maps severities to monaco.MarkerSeverity values', () => {
    const sev = toMonacoMarkers([
      diag({ severity: 'error' }),
      diag({ severity: 'warning' }),
      diag({ severity: 'info' }),
    ]).map((m) => m.severity);
    expect(sev).toEqual([MarkerSeverity.Error, MarkerSeverity.Warning, MarkerSeverity.Info]);
    expect(sev).toEqual([8, 4, 2]);
  });

  it('widens an empty range to one character so the squiggle shows', () => {
    const [m] = toMonacoMarkers([diag({ line: 3, column: 5, endLine: 3, endColumn: 5 })]);
    expect(m).toMatchObject({ startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 6 });
  });

  it('clamps positions to the first line and column', () => {
    const [m] = toMonacoMarkers([diag({ line: 0, column: 0, endLine: 0, endColumn: 0 })]);
    expect(m).toMatchObject({ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 });
  });

  it('uses the translation it is given, and carries source and code', () => {
    const [m] = toMonacoMarkers([diag({})], (d) => `번역: ${d.code}`);
    expect(m).toMatchObject({
      message: '번역: apiserver.rejected',
      source: 'apiserver',
      code: 'apiserver.rejected',
    });
  });
});
