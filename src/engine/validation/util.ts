/** Small, total helpers for JSON-like values: never throw, safe against `__proto__` keys. */

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Own property, or undefined (never an inherited one such as `toString`). */
export function own(o: unknown, k: string): unknown {
  return isRecord(o) && hasOwn(o, k) ? o[k] : undefined;
}

/** Sets a property without ever touching the prototype chain (a `__proto__` key stays a plain key). */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  // Only `__proto__` has a setter on Object.prototype; a plain assignment (much faster than
  // defineProperty, which every decoded and cloned field goes through) creates the same data property.
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** Deep copy of arrays and plain records; other values are copied by reference. */
export function deepClone<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = deepClone(v[i] as unknown); // holes stay holes
    return out as T;
  }
  const record = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(record)) setOwn(out, k, deepClone(record[k]));
  return out as T;
}

/** Structural equality for JSON-like values (key order ignored); `undefined` members equal missing ones. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export function asString(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function asNumber(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function asArray<T = unknown>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

export function asRecord(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}
