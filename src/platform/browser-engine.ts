/** The engine as the browser app runs it: simulate() in a module Web Worker, the tracer loaded lazily. */
import type { Example } from '../examples/catalog.ts';
import { createWorkerEnginePort, type WorkerEnginePort } from './worker-engine-port.ts';

export function createBrowserEngine(examples: readonly Example[]): WorkerEnginePort {
  return createWorkerEnginePort({
    spawn: () =>
      new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'engine' }),
    loadTrace: () => import('./engine-trace.ts'),
    loadFallback: () => import('./engine-in-process.ts').then((m) => m.simulateInProcess),
    examples,
  });
}
