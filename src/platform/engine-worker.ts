/**
 * The engine's Web Worker: simulate() off the main thread. The page (worker-engine-port.ts) sends one
 * request at a time and drops answers it no longer wants; the engine never throws for user input, so an
 * error answer means an engine bug, reported as such.
 */
import { Simulator } from '../engine/index.ts';
import type { SimulateRequest, SimulateResponse } from './worker-engine-port.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<SimulateRequest>) => void) | null;
  postMessage(message: SimulateResponse): void;
}

const scope = self as unknown as WorkerScope;
// One simulator for the worker's life: each keystroke re-simulates what the edit changed, not everything.
const simulator = new Simulator();

scope.onmessage = ({ data }) => {
  const t0 = performance.now();
  let response: SimulateResponse;
  try {
    const result = simulator.simulate(data.text, { seed: data.seed });
    response = { id: data.id, result, ms: performance.now() - t0 };
  } catch (error) {
    response = { id: data.id, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response);
};
