import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runServiceControllers } from '../controller/index.ts';
import { controllerContext, node, service, storeWith, testPod } from '../controller/fixtures.ts';
import type { RecordedSync } from './sync-memo.ts';
import { ReplayingSyncMemo, serialize } from './sync-memo.ts';

/** serialize as first written: every value through the replacer. */
const withReplacer = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `\u0000${String(v)}` : v,
  );

describe('serialize', () => {
  it('keeps non-finite numbers apart from null and from each other', () => {
    const texts = [null, NaN, Infinity, -Infinity, undefined].map((v) => serialize([1, v, { v }]));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('is the text the replacer gives, for any JSON-like value (nulls, holes, toJSON, non-finite numbers)', () => {
    const leaf = fc.oneof(
      fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, -0, 'null', { toJSON: () => Infinity }),
      fc.double(),
      fc.string(),
      fc.boolean(),
    );
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 3 }), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(serialize(v)).toBe(withReplacer(v));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ReplayingSyncMemo with the Service controllers', () => {
  // The same pod and node objects each time, as when the workload controllers' result is reused.
  const nodes = [node('n1', '10.0.0.1'), node('n2', '10.0.0.2')];
  const pods = [0, 1, 2].map((i) => testPod('default', i, 1, i > 0, { nodeName: `n${1 + (i % 2)}` }));
  const run = (previous?: ReadonlyMap<string, RecordedSync>, recording = true) => {
    // A uid, as the apiserver gives every Service (a controllerRef would set one otherwise, unrecorded).
    const svc = service('default', 'web', {
      clusterIP: '10.96.0.10',
      selector: { foo: 'bar' },
      ports: [{ name: 'http', port: 80, targetPort: 'port0' }],
    });
    const store = storeWith({ ...svc, metadata: { ...svc.metadata, uid: 'uid-web' } }, ...nodes, ...pods);
    const memo = new ReplayingSyncMemo(previous, recording);
    runServiceControllers(controllerContext(store), memo);
    return { memo, objects: JSON.stringify(store.all()) };
  };

  it('replays every sync of an unchanged cluster: no recorded sync lists the pods', () => {
    const first = run();
    expect([...first.memo.recorded.keys()].sort()).toEqual([
      'endpoints/service/default/web',
      'endpointslices/service/default/web',
    ]);
    for (const r of first.memo.recorded.values()) expect(r.store.some((a) => a.op === 'list')).toBe(false);
    const second = run(first.memo.recorded);
    for (const [id, r] of second.memo.recorded) expect(r).toBe(first.memo.recorded.get(id));
    expect(second.objects).toBe(first.objects);
  });

  it('records nothing when told not to, and makes the same objects', () => {
    const unrecorded = run(undefined, false);
    expect(unrecorded.memo.recorded.size).toBe(0);
    expect(unrecorded.objects).toBe(run().objects);
  });
});
