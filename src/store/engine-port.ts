/**
 * What the store needs from the engine, as one injectable port. The app passes the real engine; store
 * tests may pass the real one too or a recording fake. The store never decides Kubernetes behaviour.
 */
import type { SimulationResult, Trace, TraceRequest, TraceState } from '../engine/index.ts';
import type { Example } from '../examples/catalog.ts';

export interface EnginePort {
  simulate(text: string, options?: { seed?: number }): SimulationResult;
  initialTraceState(seed: number): TraceState;
  tracePacket(
    result: SimulationResult,
    req: TraceRequest,
    state: TraceState,
  ): { trace: Trace; state: TraceState };
  examples: readonly Example[];
}

/** Key-value persistence (localStorage in the browser); the store writes, main.tsx reads at start. */
export interface PersistPort {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export const PERSIST_KEYS = {
  manifest: 'manifest',
  language: 'language',
  theme: 'theme',
  split: 'split',
} as const;
