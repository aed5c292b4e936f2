/** The engine as the browser app runs it: simulate() in a module Web Worker, the tracer loaded lazily. */
import type { Example } from '../examples/catalog.ts';
import { createWorkerEnginePort, type WorkerEnginePort } from './worker-engine-port.ts';

const spawnEngineWorker = () =>
  new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'engine' });

// Started when this module is evaluated, which main.tsx makes the first thing the page does: the worker
// and the tracer chunk load while React and the canvas code still evaluate (the first canvas comes sooner).
let prestarted: Worker | null = spawnEngineWorker();
const tracer = import('./engine-trace.ts');

export function createBrowserEngine(examples: readonly Example[]): WorkerEnginePort {
  return createWorkerEnginePort({
    spawn: () => {
      const worker = prestarted ?? spawnEngineWorker();
      prestarted = null;
      return worker;
    },
    loadTrace: () => tracer,
    loadFallback: () => import('./engine-in-process.ts').then((m) => m.simulateInProcess),
    examples,
  });
}
