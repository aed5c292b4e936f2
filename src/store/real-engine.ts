/** The engine the app runs with: src/engine's one import surface, plus the scenario catalog. */
import { initialTraceState, simulate, tracePacket } from '../engine/index.ts';
import { EXAMPLES } from '../examples/catalog.ts';
import type { EnginePort } from './engine-port.ts';

export const realEngine: EnginePort = { simulate, initialTraceState, tracePacket, examples: EXAMPLES };
