/**
 * Bad input never breaks the engine: every case gives diagnostics at a line and column, never a throw,
 * and the valid documents around it still simulate.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';

const nodeport = readFileSync('examples/nodeport.yaml', 'utf8');
const userPods = (r: ReturnType<typeof simulate>) =>
  r.cluster.pods.filter((p) => p.metadata?.namespace === 'default');

describe('bad input', () => {
  it('a YAML syntax error is reported at its line and the other documents still run', () => {
    const r = simulate(`${nodeport}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\n spec: {\n`);
    const err = r.diagnostics.find((d) => d.source === 'yaml' && d.severity === 'error')!;
    expect(err.line).toBeGreaterThan(nodeport.split('\n').length);
    expect(userPods(r)).toHaveLength(3);
  });

  it('wrong types in fields are rejected with the field path, not thrown', () => {
    const r = simulate(`apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  ports:
    - port: eighty
`);
    expect(r.errors[0]).toMatchObject({ field: 'spec.ports[0].port', line: 6 });
    expect(r.errors[0]!.message).toContain('eighty');
  });

  it('wrong types anywhere in a valid object never throw (fuzzed from the example)', () => {
    const docs = nodeport.split('\n---\n');
    const paths = [
      ['spec', 'replicas'],
      ['spec', 'selector'],
      ['spec', 'template', 'spec', 'containers'],
      ['spec', 'ports'],
      ['spec', 'type'],
      ['metadata', 'labels'],
      ['metadata', 'name'],
      ['spec'],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: docs.length - 1 }),
        fc.constantFrom(...paths),
        fc.oneof(
          fc.string(),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.integer()),
          fc.dictionary(fc.string(), fc.string()),
        ),
        (i, path, value) => {
          const json = JSON.parse(JSON.stringify(docs.map((d) => d))) as string[];
          const obj = simulateDocToObject(json[i]!);
          setPath(obj, path, value);
          json[i] = JSON.stringify(obj);
          const r = simulate(json.join('\n---\n'));
          for (const e of r.errors) expect(e.line).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('unknown kinds and apiVersions are a warning; the rest still works', () => {
    const r = simulate(`apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n---\n${nodeport}`);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'manifest.notSimulated' });
    expect(userPods(r)).toHaveLength(3);
  });

  it('an alias bomb is refused quickly', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) {
      const p = String.fromCharCode(96 + i);
      const c = String.fromCharCode(97 + i);
      lines.push(`${c}: &${c} [${Array(9).fill(`*${p}`).join(', ')}]`);
    }
    const r = simulate(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: bomb }',
        'spec:',
        ...lines.map((l) => `  ${l}`),
      ].join('\n'),
    );
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.source === 'yaml')).toBe(true);
  });

  it('deep nesting, binary garbage, JSON, tabs and a BOM all give answers', () => {
    expect(() => simulate(`a: ${'['.repeat(5000)}`)).not.toThrow();
    const garbage = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65535)).join('');
    expect(() => simulate(garbage)).not.toThrow();
    expect(
      simulate(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'j' },
          spec: { containers: [{ name: 'c', image: 'i' }] },
        }),
      ).errors,
    ).toEqual([]);
    const tabs = simulate('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: t\n');
    expect(tabs.diagnostics[0]).toMatchObject({ severity: 'error', line: 4 });
    expect(userPods(simulate(`\ufeff${nodeport}`))).toHaveLength(3);
  });

  it('duplicate keys are an error at the second key', () => {
    const r = simulate('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 5, column: 3 });
  });

  it('a 5 MB document and 10,000 objects are simulated without throwing', () => {
    const arg = 'x'.repeat(1000);
    const big = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n    - name: c\n      image: nginx\n      args:\n${Array.from({ length: 5200 }, () => `        - ${arg}\n`).join('')}`;
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(userPods(simulate(big))).toHaveLength(1);
    const many = Array.from(
      { length: 10_000 },
      (_, i) => `apiVersion: v1\nkind: Service\nmetadata: { name: s${i} }\nspec: { ports: [{ port: 80 }] }`,
    ).join('\n---\n');
    const r = simulate(many);
    expect(r.cluster.services.length).toBeGreaterThanOrEqual(10_000);
  }, 120_000);

  it('a huge replica count gives a warning, not an out-of-memory crash', () => {
    const r = simulate(nodeport.replace('replicas: 3', 'replicas: 100000000'));
    expect(userPods(r)).toHaveLength(5000);
    expect(r.diagnostics.find((d) => d.code === 'controller.SimulationLimit')?.message).toContain(
      '100000000',
    );
  }, 60_000);

  it('annotations over 256 KiB are rejected as the apiserver does', () => {
    const r = simulate(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    blob: "${'x'.repeat(300_000)}"\nspec:\n  containers: [{ name: c, image: nginx }]\n`,
    );
    expect(r.errors[0]).toMatchObject({ field: 'metadata.annotations', type: 'Too long' });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        simulate(s);
      }),
      { numRuns: 200 },
    );
  });
});

function simulateDocToObject(yamlDoc: string): Record<string, unknown> {
  // The example documents are simple enough to round-trip through the engine's own parser.
  const r = simulate(yamlDoc);
  const kind = /kind: (\w+)/.exec(yamlDoc)![1]!;
  const name = /name: ([\w-]+)/.exec(yamlDoc)![1]!;
  const stored = r.objects.find((o) => o.kind === kind && o.metadata.name === name)!;
  return { apiVersion: stored.apiVersion, kind, metadata: { name }, spec: structuredClone(stored.spec) };
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur: Record<string, unknown> = obj;
  for (const key of path.slice(0, -1)) {
    if (typeof cur[key] !== 'object' || cur[key] === null) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}
