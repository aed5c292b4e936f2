import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/objects.ts';
import { compareObjects, ObjectStore } from './object-store.ts';

const obj = (kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: namespace === undefined ? { name } : { name, namespace },
});

/** The order the store promised before it kept an index: every object of the kind, sorted on each call. */
function naiveList(objects: Map<string, KubeObject>, kind: string, namespace?: string): KubeObject[] {
  return [...objects.values()]
    .filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace))
    .sort(compareObjects);
}

describe('ObjectStore', () => {
  it('lists a kind in (namespace, name) order while objects are added, replaced and deleted', () => {
    const op = fc.record({
      action: fc.constantFrom('put', 'put', 'put', 'replace', 'delete', 'list'),
      kind: fc.constantFrom('Pod', 'Service', 'Node'),
      name: fc.constantFrom('a', 'b', 'web', 'web-1', 'web-10', 'web-2', 'z'),
      namespace: fc.constantFrom(undefined, 'default', 'kube-system', 'a-b', 'a'),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const store = new ObjectStore();
        const model = new Map<string, KubeObject>();
        const key = (k: string, ns: string | undefined, n: string) => `${k.toLowerCase()}/${ns ?? ''}/${n}`;
        for (const o of ops) {
          const k = key(o.kind, o.namespace, o.name);
          if (o.action === 'put' || o.action === 'replace') {
            const x = obj(o.kind, o.name, o.namespace);
            store.put(x);
            model.set(k, x);
          } else if (o.action === 'delete') {
            expect(store.delete(o.kind, o.namespace, o.name)).toBe(model.delete(k));
          } else {
            expect(store.list(o.kind)).toEqual(naiveList(model, o.kind));
            expect(store.list(o.kind, o.namespace)).toEqual(naiveList(model, o.kind, o.namespace));
          }
          expect(store.get(o.kind, o.namespace, o.name)).toBe(model.get(k));
        }
        for (const kind of ['Node', 'Pod', 'Service']) {
          const listed = store.list(kind);
          const want = naiveList(model, kind);
          expect(listed).toEqual(want);
          listed.forEach((o, i) => expect(o).toBe(want[i]));
        }
        expect(store.all()).toEqual(['Node', 'Pod', 'Service'].flatMap((k) => naiveList(model, k)));
      }),
      { numRuns: 300 },
    );
  });

  it('hands out lists the caller may change without changing the store', () => {
    const store = new ObjectStore();
    store.put(obj('Pod', 'a', 'default'));
    store.list('Pod').pop();
    expect(store.list('Pod')).toHaveLength(1);
  });
});
