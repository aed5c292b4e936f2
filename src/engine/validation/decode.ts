/**
 * The type-robustness layer: what the apiserver's JSON decoder does before defaulting and validation.
 * A value of the wrong JSON type (`port: "eighty"`, `ports: {}`, a numeric label value) makes the real
 * apiserver answer `... cannot be handled as a Service: json: cannot unmarshal string into Go struct field
 * ServicePort.spec.ports.port of type int32`. We report the same failure as a FieldError on the exact path,
 * `spec.ports[0].port: Invalid value: "eighty": must be an integer`, and collect all of them instead of
 * stopping at the first. `null` is accepted everywhere (Go leaves the zero value), as is any unknown field.
 */
import { FieldPath, fieldInvalid, type FieldError } from '../api/field-error.ts';
import { GENERIC_SCHEMA, KIND_API_VERSIONS, KIND_SCHEMAS, type Schema } from './schema.ts';
import { isRecord, setOwn } from './util.ts';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export interface Decoded {
  /** A copy holding only well-typed values for the typed fields (nulls dropped); never throws. */
  value: Record<string, unknown>;
  errors: FieldError[];
}

function scalarError(path: FieldPath, v: unknown, expected: Schema): FieldError | undefined {
  switch (expected) {
    case 'string':
      return typeof v === 'string' ? undefined : fieldInvalid(path, v, 'must be a string');
    case 'boolean':
      return typeof v === 'boolean' ? undefined : fieldInvalid(path, v, 'must be a boolean');
    case 'int32':
    case 'int64': {
      if (typeof v !== 'number' || !Number.isInteger(v)) return fieldInvalid(path, v, 'must be an integer');
      if (expected === 'int32' && (v < INT32_MIN || v > INT32_MAX)) {
        return fieldInvalid(path, v, 'must be a 32-bit integer');
      }
      if (!Number.isSafeInteger(v)) return fieldInvalid(path, v, 'must be a 64-bit integer');
      return undefined;
    }
    case 'intOrString':
      if (typeof v === 'string') return undefined;
      if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) return undefined;
      return fieldInvalid(path, v, 'must be an integer or a string');
    case 'quantity':
      return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))
        ? undefined
        : fieldInvalid(path, v, 'must be a quantity (a string or a number)');
    default:
      return undefined;
  }
}

function badValueOf(v: unknown): unknown {
  // Keep the reported value small and JSON-safe.
  if (Array.isArray(v)) return '[...]';
  if (isRecord(v)) return '{...}';
  return v;
}

/** What walk() returns for a value that decodes to nothing (null, or a wrongly typed value). */
const DROPPED = Symbol('dropped');

/**
 * The path of the value being walked, built only when an error needs it: a walk over a valid object (the
 * usual case, every keystroke) then makes no path strings at all.
 */
interface PathStep {
  parent: PathStep | undefined;
  /** A field name, or an index or map key (both printed in brackets). */
  step: string | number;
  bracket: boolean;
}

function pathOf(at: PathStep | undefined): FieldPath {
  if (!at) return FieldPath.root('');
  const parent = pathOf(at.parent);
  if (!at.bracket) return parent.child(at.step as string);
  return typeof at.step === 'number' ? parent.index(at.step) : parent.key(at.step);
}

function walk(v: unknown, schema: Schema, at: PathStep | undefined, errs: FieldError[]): unknown {
  if (v === null || v === undefined) return DROPPED;
  if (typeof schema === 'string') {
    if (schema === 'any') return v;
    if (scalarOk(v, schema)) return v;
    const e = scalarError(pathOf(at), v, schema)!;
    e.badValue = badValueOf(v);
    errs.push(e);
    return DROPPED;
  }
  if ('list' in schema) {
    if (!Array.isArray(v)) {
      errs.push(fieldInvalid(pathOf(at), badValueOf(v), 'must be a list'));
      return DROPPED;
    }
    const out: unknown[] = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const r = walk(v[i], schema.list, { parent: at, step: i, bracket: true }, errs);
      // A null list item decodes to the zero value of the item type.
      out[i] = r !== DROPPED ? r : typeof schema.list === 'string' ? zeroOf(schema.list) : {};
    }
    return out;
  }
  if (!isRecord(v)) {
    errs.push(fieldInvalid(pathOf(at), badValueOf(v), 'must be an object'));
    return DROPPED;
  }
  const out: Record<string, unknown> = {};
  if ('map' in schema) {
    for (const k of Object.keys(v)) {
      const item = v[k];
      if (item === null && schema.map === 'string') {
        setOwn(out, k, '');
        continue;
      }
      const r = walk(item, schema.map, { parent: at, step: k, bracket: true }, errs);
      if (r !== DROPPED) setOwn(out, k, r);
    }
    return out;
  }
  for (const k of Object.keys(v)) {
    const sub = Object.prototype.hasOwnProperty.call(schema.fields, k) ? schema.fields[k] : undefined;
    if (sub === undefined) {
      setOwn(out, k, v[k]);
      continue;
    }
    const r = walk(v[k], sub, { parent: at, step: k, bracket: false }, errs);
    if (r !== DROPPED) setOwn(out, k, r);
  }
  return out;
}

/** scalarError() === undefined, without building the path it would need for an error. */
function scalarOk(v: unknown, expected: Schema): boolean {
  switch (expected) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'int32':
      return typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX;
    case 'int64':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'intOrString':
      return (
        typeof v === 'string' ||
        (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX)
      );
    case 'quantity':
      return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
    default:
      return true;
  }
}

function zeroOf(s: Schema): unknown {
  switch (s) {
    case 'string':
      return '';
    case 'boolean':
      return false;
    case 'int32':
    case 'int64':
    case 'intOrString':
      return 0;
    default:
      return undefined;
  }
}

/** `no matches for kind "Deployment" in version "v1"` when kind and apiVersion do not belong together. */
export function checkKindVersion(obj: Record<string, unknown>): FieldError[] {
  const kind = obj.kind;
  const apiVersion = obj.apiVersion;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return [];
  const want = Object.prototype.hasOwnProperty.call(KIND_API_VERSIONS, kind)
    ? KIND_API_VERSIONS[kind]
    : undefined;
  if (want === undefined || want === apiVersion) return [];
  return [fieldInvalid('apiVersion', apiVersion, `no matches for kind "${kind}" in version "${apiVersion}"`)];
}

/** Decodes one object against its kind's schema; wrongly typed values become FieldErrors. */
export function decodeObject(input: unknown): Decoded {
  const errs: FieldError[] = [];
  if (!isRecord(input)) {
    return { value: {}, errors: [fieldInvalid(FieldPath.root(''), badValueOf(input), 'must be an object')] };
  }
  const kind = typeof input.kind === 'string' ? input.kind : '';
  const schema = Object.prototype.hasOwnProperty.call(KIND_SCHEMAS, kind)
    ? KIND_SCHEMAS[kind]!
    : GENERIC_SCHEMA;
  const r = walk(input, schema, undefined, errs);
  errs.push(...checkKindVersion(input));
  return { value: isRecord(r) ? r : {}, errors: errs };
}
