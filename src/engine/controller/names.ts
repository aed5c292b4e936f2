/**
 * Names, hashes and ids the control plane makes up: generateName suffixes, pod-template-hash,
 * controller-revision-hash and metadata.uid. Everything random comes from a forked `ctx.rng`, so one
 * object's names do not change when an unrelated object is added to the YAML.
 */
import type { Rng } from '../sim/rng.ts';

/** k8s.io/apimachinery/pkg/util/rand alphanums: no vowels (no words) and no confusable 0/1/3. */
export const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Mirrors rand.SafeEncodeString: each rune of `s` mapped through SAFE_ALPHANUMS by code point. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHANUMS[ch.codePointAt(0)! % SAFE_ALPHANUMS.length];
  return out;
}

/** Mirrors rand.String(n): n characters drawn from SAFE_ALPHANUMS. */
export function randomString(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += SAFE_ALPHANUMS[rng.int(SAFE_ALPHANUMS.length)];
  return out;
}

const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;

/**
 * Mirrors names.SimpleNameGenerator.GenerateName (k8s.io/apiserver/pkg/storage/names): the base, cut to
 * 58 characters, plus 5 random characters. `taken` lets the caller retry on AlreadyExists, as the
 * controllers do.
 */
export function generateName(rng: Rng, base: string, taken: (name: string) => boolean = () => false): string {
  const prefix =
    base.length > MAX_NAME_LENGTH - RANDOM_LENGTH ? base.slice(0, MAX_NAME_LENGTH - RANDOM_LENGTH) : base;
  for (;;) {
    const name = prefix + randomString(rng, RANDOM_LENGTH);
    if (!taken(name)) return name;
  }
}

export function randomHex(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += '0123456789abcdef'[rng.int(16)];
  return out;
}

function utf8Bytes(s: string): number[] {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** hash/fnv New32a over the UTF-8 bytes of `s`. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of utf8Bytes(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** hash/fnv New32 (multiply, then xor) over the UTF-8 bytes of `s`. */
export function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (const b of utf8Bytes(s)) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/**
 * JSON as Go's encoding/json writes a map[string]interface{}: keys sorted, `<`, `>`, `&`, U+2028 and
 * U+2029 escaped. `undefined` members are dropped.
 */
export function goJSON(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(
      /[<>&\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => goJSON(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${goJSON(k)}:${goJSON(v)}`).join(',')}}`;
  }
  return 'null';
}

/**
 * Mirrors controller.ComputeHash (pkg/controller/controller_utils.go): FNV-32a over the pod template,
 * written through rand.SafeEncodeString. Kubernetes feeds the hasher spew's dump of the Go struct, which
 * we cannot reproduce byte for byte, so we hash the canonical JSON of the template instead: the hash has
 * the real shape (digits mapped to `4-9bcdf`, up to 10 characters) and changes exactly when the template
 * changes, but differs from the value a real cluster prints for the same YAML.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let s = goJSON(template);
  if (collisionCount !== undefined && collisionCount !== 0) s += `#${collisionCount}`;
  return safeEncodeString(String(fnv32a(s)));
}
