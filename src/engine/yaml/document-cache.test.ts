import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { documentStarts, parseSource } from './document-cache.ts';

function jsOf(d: { toJS(o: { maxAliasCount: number }): unknown }): string {
  try {
    return JSON.stringify(d.toJS({ maxAliasCount: 100 }));
  } catch (e) {
    return `throws ${String(e)}`;
  }
}

/** Everything parseManifests reads from a parse, with ranges made absolute. */
function dump(node: unknown, offset: number): unknown {
  const at = (r: readonly number[] | null | undefined) => r?.map((n) => n + offset);
  if (isPair(node)) return { key: dump(node.key, offset), value: dump(node.value, offset) };
  if (isMap(node) || isSeq(node))
    return { range: at(node.range), items: node.items.map((i) => dump(i, offset)) };
  if (isScalar(node)) return { range: at(node.range), value: node.value };
  return node === null || node === undefined ? null : String(node);
}

function describeParse(text: string) {
  const { pieces, lineCounter } = parseSource(text);
  const docs = pieces.flatMap(({ offset, docs }) =>
    docs.map((d) => ({
      range: d.range.map((n) => n + offset),
      contents: dump(d.contents, offset),
      errors: d.errors.map((e) => [e.code, e.message, e.pos.map((n) => n + offset)]),
      warnings: d.warnings.map((e) => [e.code, e.message, e.pos.map((n) => n + offset)]),
      value: jsOf(d),
    })),
  );
  return { docs, lineStarts: lineCounter.lineStarts };
}

/** The same, from one parse of the whole text (what parseManifests did before it reused pieces). */
function describeWhole(text: string) {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const docs = (Array.isArray(parsed) ? parsed : [parsed]).map((d) => ({
    range: d.range,
    contents: dump(d.contents, 0),
    errors: d.errors.map((e) => [e.code, e.message, e.pos]),
    warnings: d.warnings.map((e) => [e.code, e.message, e.pos]),
    value: jsOf(d),
  }));
  return { docs, lineStarts: lineCounter.lineStarts };
}

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(`examples/${f}`, 'utf8'));

const TRICKY = [
  '',
  '\n\n',
  '---\n',
  '---',
  '# only a comment\n',
  '# c\n---\na: 1\n',
  'a: 1\n---\n# only comment\n---\nb: 2',
  'a: 1\n---\n\n---\nb: 2\n',
  'a: 1\n...\n---\nb: 2\n',
  'a: |\n  x\n\n---\nb: 2\n',
  'a: |+\n  x\n\n---\nb: 2\n',
  'a: "x\n---\ny"\n',
  'a: [1,\n---\n2]\n',
  '--- # c\na: 1\n--- \t\nb: 2\n',
  '--- |\n  text\n---\na: 1\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\r\n---\r\nb: 2\r\n',
  'a: 1\r---\rb: 2\r',
  'a: b\n  c\n---\nd: e\n  f\n',
  'a: &x 1\n---\nb: *x\n',
  'a: 1\na: 2\n---\nb: 1\n',
  '---abc\n---\na: 1\n',
  '- a\n---\n- b\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: t\n---\na: 1\n',
];

const SNIPPETS = [
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n',
  'apiVersion: v1\nkind: Pod\nmetadata: { name: p, labels: { app: web } }\nspec:\n  containers: [{ name: c, image: nginx }]\n',
  '# a comment\n',
  '\n',
  'key: |\n  block\n  text\n',
  'key: >-\n  folded\n\n  text\n',
  'plain: multi\n  line\n',
  'q: "double\n  quoted"\n',
  "s: 'single\n\n  quoted'\n",
  'bad: [1, 2\n',
  'dup: 1\ndup: 2\n',
  'anchor: &a { x: 1 }\nuse: *a\n',
  'tab:\n\tx: 1\n',
  '- list\n- items\n',
  '{"json": true}\n',
  'x: 1 # trailing\n',
];
const MARKERS = ['---\n', '--- \n', '--- # note\n', '---\r\n', '...\n', ''];

describe('parseSource (documents parsed piece by piece)', () => {
  it('cuts at `---` lines only when that is plainly safe', () => {
    expect(documentStarts('a: 1\n---\nb: 2\n--- # c\n')).toEqual([5, 14]);
    expect(documentStarts('%YAML 1.2\n---\n')).toBeUndefined();
    expect(documentStarts('a\n...\n')).toBeUndefined();
    expect(documentStarts('--- |\n  x\n')).toBeUndefined();
    expect(documentStarts('a: 1\rb: 2')).toBeUndefined();
  });

  it.each([...examples, ...TRICKY])('gives what one parse of the whole text gives: %#', (text) => {
    expect(describeParse(text)).toEqual(describeWhole(text));
    // Again, now from the pieces parsed by the previous call.
    expect(describeParse(text)).toEqual(describeWhole(text));
  });

  it('gives what one parse of the whole text gives, for any mix of documents and markers', () => {
    const part = fc.tuple(
      fc.constantFrom(...MARKERS),
      fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), fc.boolean(), (parts, edit) => {
        const text = parts.map(([m, body]) => m + body.join('')).join('');
        expect(describeParse(text)).toEqual(describeWhole(text));
        // An edit of one piece reuses the others.
        const edited = edit ? text.replace('web', 'web2') : text;
        expect(describeParse(edited)).toEqual(describeWhole(edited));
      }),
      { numRuns: 300 },
    );
  });
});
