import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifests, splitFieldPath } from './parse.ts';

const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 80
`;

describe('parseManifests', () => {
  it('reads multi-document text in order with ranges', () => {
    const r = parseManifests(`${svc}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n`);
    expect(r.documents.map((d) => d.object?.kind)).toEqual(['Service', 'Pod']);
    expect(r.documents[1]!.range.line).toBe(11);
    expect(r.diagnostics).toEqual([]);
    expect(r.fatal).toBe(false);
  });

  it('locates a field path at its value, 1-based', () => {
    const doc = parseManifests(svc).documents[0]!;
    expect(doc.locate('spec.ports[0].nodePort')).toMatchObject({ line: 9, column: 17 });
    expect(doc.locate('metadata.name')).toMatchObject({ line: 4, column: 9 });
    // a missing leaf points at its nearest existing parent's key
    expect(doc.locate('spec.ports[0].targetPort')).toMatchObject({ line: 8 });
  });

  it('reports syntax errors at their line and column and keeps good documents', () => {
    const r = parseManifests(`${svc}---\napiVersion: v1\nkind: Pod\nmetadata: [\n`);
    expect(r.documents[0]!.object?.kind).toBe('Service');
    const err = r.diagnostics.find((d) => d.severity === 'error');
    expect(err).toMatchObject({ source: 'yaml', document: 1 });
    expect(err!.line).toBeGreaterThanOrEqual(13);
  });

  it('rejects duplicate keys, as kubectl does', () => {
    const r = parseManifests('apiVersion: v1\nkind: Pod\nkind: Service\nmetadata:\n  name: x\n');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 3, column: 1 });
  });

  it('tells what a manifest lacks', () => {
    const r = parseManifests('apiVersion: v1\nmetadata:\n  name: x\n');
    expect(r.diagnostics[0]!.message).toContain("'Kind' is missing");
  });

  it('refuses alias bombs instead of expanding them', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const r = parseManifests(
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: bomb}',
        'data:',
        ...lines.map((l) => `  ${l}`),
      ].join('\n'),
    );
    expect(r.documents[0]!.object).toBeUndefined();
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('accepts JSON, a BOM and flags tabs', () => {
    expect(
      parseManifests('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j"}}').documents[0]!.object?.kind,
    ).toBe('Pod');
    expect(
      parseManifests('\ufeffapiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n').documents[0]!.object?.kind,
    ).toBe('Pod');
    const tabs = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: t\n');
    expect(tabs.diagnostics.some((d) => d.severity === 'error' && d.line === 4)).toBe(true);
  });

  it('marks text that is not YAML at all as fatal', () => {
    expect(parseManifests('key: [unclosed\n  : : :').fatal).toBe(true);
    expect(parseManifests('').fatal).toBe(false);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        parseManifests(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('splitFieldPath', () => {
  it('splits indexes and bracketed keys', () => {
    expect(splitFieldPath('spec.ports[0].nodePort')).toEqual(['spec', 'ports', 0, 'nodePort']);
    expect(splitFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
  });
});
