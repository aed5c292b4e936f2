/** simulate() on the main thread: loaded with import() only when no Web Worker can run the engine. */
import { Simulator } from '../engine/index.ts';

const simulator = new Simulator();

export const simulateInProcess = (text: string, seed: number) => simulator.simulate(text, { seed });
