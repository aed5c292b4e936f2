import { idOf, objectId, type KubeObject } from '../api/objects.ts';

/**
 * etcd, reduced to what the simulation needs: objects keyed by `kind/namespace/name`. The apiserver writes
 * user objects here after defaulting, validation and allocation; controllers write what they generate.
 *
 * The controllers list a kind many times while they write to it (a ReplicaSet sync lists the pods after the
 * previous one created its pods), so each kind keeps its ids in `kubectl get` order and only sorts the ids
 * added since the last list (an etcd range read is ordered by key too).
 */
export class ObjectStore {
  private readonly byId = new Map<string, KubeObject>();
  private readonly kinds = new Map<string, KindIndex>();
  /**
   * When each stored object was created (etcd's create revision, as a sequence; see creationIndex), by
   * object: exactly the stored ones. A Map, not a WeakMap: it holds only what the store holds anyway, and
   * weak tables cost the garbage collector.
   */
  private readonly createdOf = new Map<KubeObject, number>();
  /** Each stored object's id, by object (see idOfStored). */
  private readonly ids = new Map<KubeObject, string>();
  private creations = 0;
  /** While set, every access is appended to it (see record()). */
  private log: StoreAccess[] | undefined;
  /** etcd's revision: the number of the last write. Each write() or remove() takes the next one. */
  private revision = 1000;

  /** The current revision (the resourceVersion the last write got). */
  get currentRevision(): number {
    return this.revision;
  }

  /** Continues from `revision`: after a snapshot or a replay that brought the writes it stands for. */
  setRevision(revision: number): void {
    this.revision = revision;
  }

  /**
   * A write through the API (create or update): the object gets the next resourceVersion, as an etcd
   * write's revision, and is stored. put() stores without a write (restoring objects already written).
   */
  write(obj: KubeObject): void {
    this.revision += 1;
    (obj.metadata as { resourceVersion?: string }).resourceVersion = String(this.revision);
    this.put(obj);
  }

  /** A delete through the API: like any etcd write, it takes a revision. */
  remove(kind: string, namespace: string | undefined, name: string): boolean {
    const removed = this.delete(kind, namespace, name);
    if (removed) this.revision += 1;
    return removed;
  }

  /**
   * Appends every get, list, put and delete to `log` until record(undefined): what one controller sync read
   * and wrote, so that it can be replayed (sim/sync-memo.ts).
   */
  record(log: StoreAccess[] | undefined): void {
    this.log = log;
  }

  get<T = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const obj = this.byId.get(objectId(kind, namespace, name));
    this.log?.push({ op: 'get', kind, namespace, name, found: obj });
    return obj as T | undefined;
  }

  put(obj: KubeObject): void {
    this.log?.push({ op: 'put', obj });
    // Written again (a pod when bound, then started): already where it belongs.
    if (this.createdOf.has(obj)) return;
    const id = this.idOfStored(obj);
    const prev = this.byId.get(id);
    this.byId.set(id, obj);
    if (prev === obj) return;
    // A replaced object keeps its place in the creation order.
    const created = prev ? this.createdOf.get(prev)! : ++this.creations;
    if (prev) this.createdOf.delete(prev);
    this.createdOf.set(obj, created);
    // Ids lowercase the kind: a differently spelled kind replaces the object under the other spelling.
    if (prev && prev.kind !== obj.kind) this.kinds.get(prev.kind)?.remove(id);
    let index = this.kinds.get(obj.kind);
    if (!index) this.kinds.set(obj.kind, (index = new KindIndex(this.byId)));
    if (prev && prev.kind === obj.kind) index.replaced();
    else index.add(id);
  }

  delete(kind: string, namespace: string | undefined, name: string): boolean {
    this.log?.push({ op: 'delete', kind, namespace, name });
    const id = objectId(kind, namespace, name);
    const prev = this.byId.get(id);
    if (prev) {
      this.kinds.get(prev.kind)?.remove(id);
      this.createdOf.delete(prev);
    }
    return this.byId.delete(id);
  }

  /**
   * Makes `objects` all there is of `kind`, in place of what the store held of it. They must be one kind's
   * objects in list() order, e.g. what list() returned in an earlier simulation (sim/workload-memo.ts).
   */
  replaceKind(kind: string, objects: readonly KubeObject[]): void {
    const old = this.kinds.get(kind);
    // An id stored before keeps its place in the creation order.
    const createdBefore = new Map<string, number>();
    if (old)
      for (const id of old.ids()) {
        const prev = this.byId.get(id);
        if (prev) {
          createdBefore.set(id, this.createdOf.get(prev)!);
          this.createdOf.delete(prev);
        }
        this.byId.delete(id);
      }
    const ids = objects.map(idOf);
    for (let i = 0; i < ids.length; i++) {
      this.byId.set(ids[i]!, objects[i]!);
      this.createdOf.set(objects[i]!, createdBefore.get(ids[i]!) ?? ++this.creations);
    }
    this.kinds.set(kind, new KindIndex(this.byId, ids, objects.slice()));
  }

  /**
   * idOf(obj), remembered per object: a pod is written when it is created, bound and started, and its id
   * would be built and hashed anew each time. Objects keep their kind, namespace and name once written (a
   * new name is a new object: the apiserver names a generateName object before its first write).
   */
  idOfStored(obj: KubeObject): string {
    let id = this.ids.get(obj);
    if (id === undefined) this.ids.set(obj, (id = idOf(obj)));
    return id;
  }

  /**
   * The order objects were created in (a later creation, a larger number; 0 for an object not stored). A
   * stored object that is replaced keeps its place; one deleted and created again is new.
   */
  creationIndex(obj: KubeObject): number {
    const stored = this.createdOf.has(obj) ? obj : this.byId.get(idOf(obj));
    return (stored && this.createdOf.get(stored)) ?? 0;
  }

  /** Objects of one kind, sorted by namespace then name (as `kubectl get -A` lists them). */
  list<T = KubeObject>(kind: string, namespace?: string): T[] {
    this.log?.push({ op: 'list', kind });
    const objects = this.kinds.get(kind)?.sorted() ?? [];
    if (namespace === undefined) return objects.slice() as T[];
    return objects.filter((o) => o.metadata.namespace === namespace) as T[];
  }

  all(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const kind of [...this.kinds.keys()].sort()) out.push(...this.kinds.get(kind)!.sorted());
    return out;
  }
}

/** One access to the store while it records. */
export type StoreAccess =
  | { op: 'get'; kind: string; namespace: string | undefined; name: string; found: KubeObject | undefined }
  | { op: 'list'; kind: string }
  | { op: 'put'; obj: KubeObject }
  | { op: 'delete'; kind: string; namespace: string | undefined; name: string };

/** The ids of one kind in (namespace, name) order, plus the ids added since that order was computed. */
interface Entry {
  id: string;
  obj: KubeObject;
}

class KindIndex {
  private added: string[] = [];

  /** `order` are ids in list() order and `objects` their objects (both empty for a new kind). */
  constructor(
    private readonly byId: ReadonlyMap<string, KubeObject>,
    private order: string[] = [],
    private objects: KubeObject[] | undefined = [],
  ) {}

  ids(): string[] {
    return [...this.order, ...this.added];
  }

  add(id: string): void {
    this.added.push(id);
    this.objects = undefined;
  }

  /** An object was replaced by another with the same id: same place, new value. */
  replaced(): void {
    this.objects = undefined;
  }

  remove(id: string): void {
    const i = this.order.indexOf(id);
    if (i >= 0) this.order.splice(i, 1);
    else this.added.splice(this.added.indexOf(id), 1);
    this.objects = undefined;
  }

  /** The objects in order; callers get this array read-only (ObjectStore.list copies it). */
  sorted(): readonly KubeObject[] {
    if (this.objects) return this.objects;
    if (this.added.length > 0) {
      // Sorted as objects, not ids: a comparison then looks up no id (thousands of new pods at once).
      const entry = (id: string): Entry => ({ id, obj: this.byId.get(id)! });
      const byObject = (a: Entry, b: Entry) => compareObjects(a.obj, b.obj);
      const merged = mergeSorted(this.order.map(entry), this.added.map(entry).sort(byObject), byObject);
      this.order = merged.map((e) => e.id);
      this.objects = merged.map((e) => e.obj);
      this.added = [];
      return this.objects;
    }
    this.objects = this.order.map((id) => this.byId.get(id)!);
    return this.objects;
  }
}

function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  if (a.length === 0) return b.slice();
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

export function compareObjects(a: KubeObject, b: KubeObject): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
