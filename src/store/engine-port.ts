/**
 * What the store needs from the engine, as one injectable port. The app passes an engine that simulates in
 * a Web Worker (src/platform/worker-engine-port.ts); store tests pass the in-process one (real-engine.ts) or
 * a recording fake. The store never decides Kubernetes behaviour.
 */
import type { SimulationResult, Trace, TraceRequest, TraceState } from '../engine/index.ts';
import type { Example } from '../examples/catalog.ts';

export interface EnginePort {
  /**
   * Simulates `text`, off the main thread where the port can. Resolves with the result, or with `null`
   * when a later call superseded this one before its answer was worth computing (the port may skip or
   * abandon such work). Rejects only when the engine itself failed (a bug or a crashed worker).
   *
   * The first call settles only once `initialTraceState` and `tracePacket` are usable too, so the store
   * sees the whole engine ready at once.
   */
  simulate(text: string, options?: { seed?: number }): Promise<SimulationResult | null>;
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
  /** The custom text a learner had before opening an example, so "restore my text" can bring it back. */
  previousManifest: 'previous-manifest',
  language: 'language',
  theme: 'theme',
  split: 'split',
} as const;
