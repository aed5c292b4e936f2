import { idOf, objectId, type KubeObject } from '../api/objects.ts';

/**
 * etcd, reduced to what the simulation needs: objects keyed by `kind/namespace/name`. The apiserver writes
 * user objects here after defaulting, validation and allocation; controllers write what they generate.
 */
export class ObjectStore {
  private readonly byId = new Map<string, KubeObject>();

  get<T = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.byId.get(objectId(kind, namespace, name)) as T | undefined;
  }

  put(obj: KubeObject): void {
    this.byId.set(idOf(obj), obj);
  }

  delete(kind: string, namespace: string | undefined, name: string): boolean {
    return this.byId.delete(objectId(kind, namespace, name));
  }

  /** Objects of one kind, sorted by namespace then name (as `kubectl get -A` lists them). */
  list<T = KubeObject>(kind: string, namespace?: string): T[] {
    const out: KubeObject[] = [];
    for (const o of this.byId.values()) {
      if (o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace)) out.push(o);
    }
    out.sort(compareObjects);
    return out as T[];
  }

  all(): KubeObject[] {
    return [...this.byId.values()].sort((a, b) =>
      a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : compareObjects(a, b),
    );
  }
}

export function compareObjects(a: KubeObject, b: KubeObject): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
