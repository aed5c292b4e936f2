import type { SimulationResult } from './result.ts';

/**
 * A result as JSON text, its Maps (sources) written as objects in insertion order: what the tests and the
 * benchmark compare when they check that two simulations gave the same result.
 */
export function resultText(result: SimulationResult): string {
  return JSON.stringify(result, (_key, v: unknown) =>
    v instanceof Map ? Object.fromEntries(v as Map<string, unknown>) : v,
  );
}
