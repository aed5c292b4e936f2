/**
 * The text kubectl prints for a rejected object, built from the apiserver's StatusError
 * (k8s.io/apimachinery/pkg/api/errors NewInvalid, NewAlreadyExists, NewConflict, NewInternalError) and
 * kubectl's StandardErrorMessage/MultilineError: one cause on the same line, several as `* ` bullets.
 */
import { formatFieldError, type FieldError } from '../api/field-error.ts';

/** The REST resource of a kind, as the messages name it (`services "web" already exists`). */
export function resourceOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === 'endpoints') return 'endpoints';
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** `The Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive`. */
export function invalidMessage(kind: string, name: string, errors: FieldError[]): string {
  const msgs = [...new Set(errors.map(formatFieldError))];
  const head = `The ${kind} "${name}" is invalid`;
  if (msgs.length === 0) return head;
  if (msgs.length === 1) return `${head}: ${msgs[0]}`;
  return `${head}: \n${msgs.map((m) => `* ${m}`).join('\n')}`;
}

export function alreadyExistsMessage(kind: string, name: string): string {
  return `${resourceOf(kind)} "${name}" already exists`;
}

export function conflictMessage(kind: string, name: string): string {
  return (
    `Operation cannot be fulfilled on ${resourceOf(kind)} "${name}": ` +
    'the object has been modified; please apply your changes to the latest version and try again'
  );
}

export function internalErrorMessage(errors: FieldError[]): string {
  return `Internal error occurred: ${errors.map((e) => e.detail).join('; ')}`;
}

/** The decoder's BadRequest: `Service in version "v1" cannot be handled as a Service: <first problems>`. */
export function decodeErrorMessage(kind: string, apiVersion: string, errors: FieldError[]): string {
  return `${kind} in version "${apiVersion}" cannot be handled as a ${kind}: ${[
    ...new Set(errors.map(formatFieldError)),
  ].join('; ')}`;
}
