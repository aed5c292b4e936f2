/**
 * An index of objects by namespace and label, as a shared informer's indexer serves the controllers: the
 * endpoints and EndpointSlice controllers ask it for the pods a Service selects instead of matching the
 * selector against every pod of the cluster.
 */
import { labelSelectorMatches } from './label-selector.ts';
import { namespaceOf, type HasMeta } from './meta.ts';

export class SelectorIndex<T extends HasMeta> {
  private readonly byNamespace = new Map<string, T[]>();
  /** `namespace`, label key and label value -> objects, each list in the order the objects were given. */
  private readonly byLabel = new Map<string, Map<string, Map<unknown, T[]>>>();

  constructor(objects: readonly T[]) {
    for (const o of objects) {
      const ns = namespaceOf(o);
      append(this.byNamespace, ns, o);
      let keys = this.byLabel.get(ns);
      if (!keys) this.byLabel.set(ns, (keys = new Map()));
      const labels = o.metadata?.labels;
      // for…in rather than Object.entries: no pair arrays for thousands of pods' labels.
      for (const k in labels) {
        if (!Object.hasOwn(labels, k)) continue;
        const v = labels[k];
        let values = keys.get(k);
        if (!values) keys.set(k, (values = new Map()));
        append(values, v, o);
      }
    }
  }

  /**
   * The objects of `namespace` whose labels match the plain label map `selector` (labels.SelectorFromSet),
   * in the order they were given. Only the objects carrying the selector's first label are matched.
   */
  select(namespace: string, selector: Record<string, string>): T[] {
    const pairs = Object.entries(selector);
    const first = pairs[0];
    // A non-string value (never valid, but possible in a hand-written object) is matched the slow way.
    const candidates =
      first !== undefined && pairs.every(([, v]) => typeof v === 'string')
        ? (this.byLabel.get(namespace)?.get(first[0])?.get(first[1]) ?? [])
        : (this.byNamespace.get(namespace) ?? []);
    return candidates.filter((o) => labelSelectorMatches(selector, o.metadata?.labels));
  }
}

function append<K, T>(m: Map<K, T[]>, k: K, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
