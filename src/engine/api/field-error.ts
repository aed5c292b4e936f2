/**
 * Mirrors k8s.io/apimachinery/pkg/util/validation/field: errors are collected into a list, never thrown,
 * and printed as the apiserver prints them: `spec.ports[0].nodePort: Invalid value: 80: <detail>`.
 */
export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Forbidden'
  | 'Too many'
  | 'Too long'
  | 'Not found'
  | 'Internal error';

export interface FieldError {
  type: FieldErrorType;
  /** Field path as the apiserver writes it: `spec.ports[0].nodePort`, `metadata.labels`. */
  field: string;
  badValue?: unknown;
  /**
   * The bad value as the apiserver prints it when Go's `%#v` differs from JSON, e.g.
   * `map[string]string{"app":"web"}` or `[]string{"10.96.0.10"}`. formatFieldError prefers it.
   */
  badValueText?: string;
  detail: string;
}

/** A field path builder in the style of field.NewPath("spec").Child("ports").Index(0). */
export class FieldPath {
  private constructor(private readonly parts: string) {}
  static root(name: string): FieldPath {
    return new FieldPath(name);
  }
  child(name: string): FieldPath {
    return new FieldPath(this.parts ? `${this.parts}.${name}` : name);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.parts}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.parts}[${k}]`);
  }
  toString(): string {
    return this.parts;
  }
}

const at = (p: FieldPath | string) => p.toString();

export const fieldRequired = (p: FieldPath | string, detail = ''): FieldError => ({
  type: 'Required value',
  field: at(p),
  detail,
});
export const fieldInvalid = (p: FieldPath | string, badValue: unknown, detail: string): FieldError => ({
  type: 'Invalid value',
  field: at(p),
  badValue,
  detail,
});
export const fieldNotSupported = (
  p: FieldPath | string,
  badValue: unknown,
  valid: readonly string[],
): FieldError => ({
  type: 'Unsupported value',
  field: at(p),
  badValue,
  detail: valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : '',
});
export const fieldDuplicate = (p: FieldPath | string, badValue: unknown): FieldError => ({
  type: 'Duplicate value',
  field: at(p),
  badValue,
  detail: '',
});
export const fieldForbidden = (p: FieldPath | string, detail: string): FieldError => ({
  type: 'Forbidden',
  field: at(p),
  detail,
});
export const fieldTooMany = (p: FieldPath | string, actual: number, max: number): FieldError => ({
  type: 'Too many',
  field: at(p),
  badValue: actual,
  detail: `must have at most ${max} items`,
});
export const fieldTooLong = (p: FieldPath | string, badValue: unknown, max: number): FieldError => ({
  type: 'Too long',
  field: at(p),
  badValue,
  detail: `may not be more than ${max} bytes`,
});

/** Formats one error as field.Error.Error() does: `field: Type: value: detail`. */
export function formatFieldError(e: FieldError): string {
  let s = `${e.field}: ${e.type}`;
  if (e.type !== 'Required value' && e.type !== 'Forbidden' && e.type !== 'Too long') {
    if (e.badValueText !== undefined) s += `: ${e.badValueText}`;
    else if (e.badValue !== undefined) s += `: ${formatBadValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

function formatBadValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return JSON.stringify(v);
}
