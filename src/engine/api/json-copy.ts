/**
 * `JSON.parse(JSON.stringify(v))` for the plain data the engine holds, without writing and reading the
 * text: undefined members are dropped, undefined array items and non-finite numbers become null and -0
 * becomes 0, exactly as the round trip makes them. (Every generated pod copies its template this way, and
 * the tracer copies the kernel state once per request.)
 */
export function jsonCopy<T>(v: T): T {
  return copy(v) as T;
}

function copy(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null;
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      out[i] =
        item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : copy(item);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  const record = v as Record<string, unknown>;
  for (const k of Object.keys(record)) {
    const item = record[k];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    // JSON.parse makes `__proto__` an own key, never the prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: copy(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = copy(item);
  }
  return out;
}
