import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largeClusterYaml } from '../../../bench/large-cluster.ts';
import type { KubeObject } from '../api/objects.ts';
import { newControllerContext, runWorkloadControllers, WORKLOAD_KINDS } from '../controller/index.ts';
import { createClock } from './clock.ts';
import { DEFAULT_CLUSTER_CONFIG } from './config.ts';
import { ObjectStore, type StoreAccess } from './object-store.ts';
import { createRng } from './rng.ts';
import { simulate, Simulator } from './simulate.ts';
import { resultText } from './result-text.ts';
import type { SimulationResult } from './result.ts';

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(`examples/${f}`, 'utf8'));

/** An edit a learner makes: a number, a word or a line changes, a line goes, a line comes back. */
const edit = fc.oneof(
  fc.record({ op: fc.constant('number' as const), at: fc.nat(), value: fc.nat({ max: 40000 }) }),
  fc.record({ op: fc.constant('word' as const), at: fc.nat(), value: fc.constantFrom('web', 'api', 'db') }),
  fc.record({ op: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.nat() }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function apply(text: string, e: Edit): string {
  if (e.op === 'number' || e.op === 'word') {
    const re = e.op === 'number' ? /\b\d+\b/g : /\b(web|nginx|app|test|api|db)[\w-]*\b/g;
    const hits = [...text.matchAll(re)];
    const hit = hits[e.at % Math.max(1, hits.length)];
    if (!hit) return text;
    return text.slice(0, hit.index) + String(e.value) + text.slice(hit.index + hit[0].length);
  }
  const lines = text.split('\n');
  const i = e.at % lines.length;
  if (e.op === 'deleteLine') lines.splice(i, 1);
  else lines.splice(i, 0, lines[i]!);
  return lines.join('\n');
}

describe('Simulator: re-simulating an edited manifest', () => {
  it('gives exactly what a fresh simulate() gives, and leaves earlier results as they were', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...examples, largeClusterYaml(6, 20)),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        (start, edits, seed) => {
          const sim = new Simulator();
          let text = start;
          let earlier: { result: SimulationResult; json: string } | undefined;
          // Each text twice: the second run reuses everything, the first whatever the edit left alone.
          for (const e of [undefined, ...edits]) {
            if (e) text = apply(text, e);
            for (let again = 0; again < 2; again++) {
              const result = sim.simulate(text, { seed });
              const json = resultText(result);
              expect(json).toBe(resultText(simulate(text, { seed })));
              if (earlier) expect(resultText(earlier.result)).toBe(earlier.json);
              earlier = { result, json };
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);

  it('sees two documents swapped: the same objects created in another order are scheduled anew', () => {
    const pod = (name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name} }\nspec: { containers: [{ name: c, image: nginx }] }`;
    const sim = new Simulator();
    for (const t of [`${pod('a')}\n---\n${pod('b')}`, `${pod('b')}\n---\n${pod('a')}`])
      expect(resultText(sim.simulate(t))).toBe(resultText(simulate(t)));
  });

  it('follows a change of seed and of cluster settings', () => {
    const sim = new Simulator();
    const text = examples[0]!;
    const settings = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ipvs
---
${text}`;
    for (const [t, seed] of [
      [text, 1],
      [text, 2],
      [settings, 2],
      [text, 2],
    ] as const)
      expect(resultText(sim.simulate(t, { seed }))).toBe(resultText(simulate(t, { seed })));
  });
});

describe('the workload controllers', () => {
  // The reuse in workload-memo.ts is sound only if they touch nothing but WORKLOAD_KINDS.
  it.each(examples.map((t, i) => [i, t] as const))(
    'read and write only workload kinds (example %i)',
    (_, t) => {
      const store = new ObjectStore();
      for (const o of simulate(t).objects as KubeObject[]) store.put(structuredClone(o));
      const log: StoreAccess[] = [];
      store.record(log);
      const ctx = { rng: createRng(1), clock: createClock(5 * 86400), config: DEFAULT_CLUSTER_CONFIG };
      runWorkloadControllers(newControllerContext(store, ctx));
      store.record(undefined);
      expect(log.length).toBeGreaterThan(0);
      const kinds = new Set(log.map((a) => (a.op === 'put' ? a.obj.kind : a.kind)));
      for (const k of kinds) expect(WORKLOAD_KINDS as readonly string[]).toContain(k);
    },
  );
});
