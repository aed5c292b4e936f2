/**
 * The engine in process: src/engine's one import surface behind the async port, plus the scenario catalog.
 * Store tests and the CLI-like tools use it; the app simulates in a Web Worker instead
 * (src/platform/worker-engine-port.ts) and loads this only if no worker can start.
 */
import { initialTraceState, simulate, tracePacket } from '../engine/index.ts';
import { EXAMPLES } from '../examples/catalog.ts';
import type { EnginePort } from './engine-port.ts';

export const inProcessEngine: EnginePort = {
  simulate: async (text, options) => simulate(text, options),
  initialTraceState,
  tracePacket,
  examples: EXAMPLES,
};
