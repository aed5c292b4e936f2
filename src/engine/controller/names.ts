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
  // Character codes joined once (appending 64 times made 64 intermediate strings per container ID), in a
  // scratch list kept per length rather than a new one per ID.
  let codes = hexScratch.get(n);
  if (!codes) hexScratch.set(n, (codes = new Array<number>(n).fill(0)));
  // rng.int(16) is the top 4 of 32 random bits.
  for (let i = 0; i < n; i++) codes[i] = HEX_DIGITS.charCodeAt(rng.uint32() >>> 28);
  return String.fromCharCode(...codes);
}

const hexScratch = new Map<number, number[]>();

const HEX_DIGITS = '0123456789abcdef';

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

/** The UTF-8 bytes of `s`: its char codes when it is ASCII (no array to build), else utf8Bytes. */
function bytesOf(s: string): string | number[] {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return utf8Bytes(s);
  return s;
}

/** hash/fnv New32a over the UTF-8 bytes of `s`. */
export function fnv32a(s: string): number {
  const bytes = bytesOf(s);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= typeof bytes === 'string' ? bytes.charCodeAt(i) : bytes[i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** hash/fnv New32 (multiply, then xor) over the UTF-8 bytes of `s`. */
export function fnv32(s: string): number {
  const bytes = bytesOf(s);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ (typeof bytes === 'string' ? bytes.charCodeAt(i) : bytes[i]!)) >>> 0;
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
    if (isPlainJSONString(value)) return `"${value}"`;
    const json = JSON.stringify(value);
    if (!GO_ESCAPED.test(json)) return json;
    return json.replace(GO_ESCAPED_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => goJSON(v)).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Default sort order is UTF-16 code unit order, as `<` compares.
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    let out = '';
    for (const k of keys) out += `${out === '' ? '' : ','}${goJSON(k)}:${goJSON(record[k])}`;
    return `{${out}}`;
  }
  return 'null';
}

/** Printable ASCII that neither JSON nor Go escapes (no `"`, `\\`, `<`, `>`, `&`): written as it is. */
function isPlainJSONString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26)
      return false;
  }
  return true;
}

const GO_ESCAPED = /[<>&\u2028\u2029]/;
const GO_ESCAPED_ALL = /[<>&\u2028\u2029]/g;

/**
 * Mirrors controller.ComputeHash (pkg/controller/controller_utils.go): FNV-32a over the pod template,
 * written through rand.SafeEncodeString. Kubernetes feeds the hasher spew's dump of the Go struct, which
 * we cannot reproduce byte for byte, so we hash the canonical JSON of the template instead: the hash has
 * the real shape (digits mapped to `4-9bcdf`, up to 10 characters) and changes exactly when the template
 * changes, but differs from the value a real cluster prints for the same YAML.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  // By the template's plain JSON (several times cheaper to make than goJSON, and equal JSON means equal
  // goJSON): each re-simulation hashes every Deployment's template again.
  const key = `${collisionCount ?? 0}#${JSON.stringify(template)}`;
  let hash = hashes.get(key);
  if (hash === undefined) {
    let s = goJSON(template);
    if (collisionCount !== undefined && collisionCount !== 0) s += `#${collisionCount}`;
    hash = safeEncodeString(String(fnv32a(s)));
    if (hashes.size >= HASH_CACHE_LIMIT) hashes.clear();
    hashes.set(key, hash);
  }
  return hash;
}

const hashes = new Map<string, string>();
const HASH_CACHE_LIMIT = 10_000;
