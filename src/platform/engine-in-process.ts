/** simulate() on the main thread: loaded with import() only when no Web Worker can run the engine. */
import { simulate } from '../engine/index.ts';

export const simulateInProcess = (text: string, seed: number) => simulate(text, { seed });
