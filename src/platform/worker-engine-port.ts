/**
 * The app's EnginePort: simulate() runs in a Web Worker (engine-worker.ts), so a 5 MB paste never
 * freezes typing; tracePacket() and initialTraceState() stay synchronous on the main thread, from a
 * lazily loaded chunk that the port awaits before it answers the first time.
 *
 * Small manifests (the examples and anything like them) are simulated on the main thread instead, once
 * that engine has loaded after the first answer: re-simulating them takes a few milliseconds, while a
 * worker's answer waits behind the editor's own keystroke work and a frame before the page can take it.
 * Simulated in the keystroke's own task, the new canvas shows in the next frame. Small means a short text
 * whose last cluster was small and quick: `replicas: 3000` is short too, and goes to the worker once
 * the main thread has been slow with it once.
 *
 * One request runs at a time and only the newest waiting one is kept: a request superseded while it
 * waited resolves to null without running. A request that has already run for `abandonAfterMs` when
 * newer text arrives is abandoned: the worker is terminated and a fresh one takes the newest text.
 */
import type { SimulationResult, Trace, TraceRequest, TraceState } from '../engine/index.ts';
import type { Example } from '../examples/catalog.ts';
import type { EnginePort } from '../store/engine-port.ts';
import { markLatest } from './perf-marks.ts';

/** Page → worker. */
export interface SimulateRequest {
  id: number;
  text: string;
  seed: number;
}

/** Worker → page: the result and how long simulate() took there, or the message of an exception. */
export type SimulateResponse =
  { id: number; result: SimulationResult; ms?: number } | { id: number; error: string };

/** The part of a Worker the port uses (a fake one stands in for it in Node tests). */
export interface EngineWorker {
  onmessage: ((event: MessageEvent<SimulateResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: SimulateRequest): void;
  terminate(): void;
}

export interface TraceModule {
  initialTraceState(seed: number): TraceState;
  tracePacket(
    result: SimulationResult,
    req: TraceRequest,
    state: TraceState,
  ): { trace: Trace; state: TraceState };
}

export type SimulateFn = (text: string, seed: number) => SimulationResult;

export interface WorkerPortOptions {
  spawn(): EngineWorker;
  loadTrace(): Promise<TraceModule>;
  /**
   * Simulation on the main thread: for when no worker can start at all (blocked or failing to load), and
   * for texts of at most `inlineMaxChars` once the worker has answered the first time.
   */
  loadFallback?(): Promise<SimulateFn>;
  /**
   * Default 16,000 characters (0: never on the main thread). The examples are 1 to 2 KB and re-simulate in
   * under a millisecond; a 16 KB manifest (some 40 Deployments and Services) in a few.
   */
  inlineMaxChars?: number;
  /** Default 400: the last result had more objects than this, so the next text goes to the worker. */
  inlineMaxObjects?: number;
  /** Default 12 ms: the last simulation on the main thread took longer, so the next goes to the worker. */
  inlineMaxMs?: number;
  examples: readonly Example[];
  /**
   * Default 250 ms: far longer than an example takes (a few ms) and than starting a fresh worker, far
   * shorter than a 10,000-object paste (seconds).
   */
  abandonAfterMs?: number;
  now?(): number;
}

interface Job {
  id: number;
  text: string;
  seed: number;
  startedAt: number;
  resolve(result: SimulationResult | null): void;
  reject(error: unknown): void;
}

export interface WorkerEnginePort extends EnginePort {
  /** Stops the worker; whatever is still waiting resolves to null. */
  dispose(): void;
}

export function createWorkerEnginePort(opts: WorkerPortOptions): WorkerEnginePort {
  const now = opts.now ?? (() => performance.now());
  const abandonAfterMs = opts.abandonAfterMs ?? 250;

  let trace: TraceModule | null = null;
  const traceReady = opts.loadTrace().then((m) => {
    trace = m;
  });
  traceReady.catch(() => {}); // reported through every simulate() call instead

  let worker: EngineWorker | null = null;
  /** The worker has answered at least once: a later failure is a crash, not "workers cannot run here". */
  let workerAnswered = false;
  let fallback: Promise<SimulateFn> | null = null;
  const inlineMaxChars = opts.loadFallback ? (opts.inlineMaxChars ?? 16_000) : 0;
  /** The main-thread engine for small texts, once loaded (see inlineMaxChars). */
  let inline: SimulateFn | null = null;
  const inlineMaxObjects = opts.inlineMaxObjects ?? 400;
  const inlineMaxMs = opts.inlineMaxMs ?? 12;
  /** What the last answer said about the cluster's size and the main thread's speed with it. */
  let lastObjects = 0;
  let lastInlineMs = 0;
  const small = (text: string) =>
    text.length <= inlineMaxChars && lastObjects <= inlineMaxObjects && lastInlineMs <= inlineMaxMs;
  /** The text asked for last, for the warm-up run. */
  let latest: { text: string; seed: number } | undefined;
  const loadInline = () => {
    if (inlineMaxChars <= 0 || fallback) return;
    fallback = opts.loadFallback!();
    fallback.then(
      (simulate) => {
        inline = simulate;
        // One run of the current text, unasked, while nothing waits on it: the first simulation on the main
        // thread compiles the engine and is several times slower than the ones after it.
        setTimeout(() => {
          if (latest && small(latest.text))
            try {
              simulate(latest.text, latest.seed);
            } catch {
              // An engine failure is reported when the text is really asked for.
            }
        }, 0);
      },
      () => {}, // the worker keeps simulating everything
    );
  };
  let running: Job | null = null;
  let waiting: Job | null = null;
  let nextId = 0;

  const spawn = (): EngineWorker => {
    const w = opts.spawn();
    w.onmessage = ({ data }) => {
      const job = running;
      if (w !== worker || !job || data.id !== job.id) return;
      markLatest('sim-answered', 'ms' in data ? { workerMs: data.ms } : undefined);
      if (!workerAnswered) loadInline();
      workerAnswered = true;
      running = null;
      if ('error' in data) job.reject(new Error(data.error));
      else {
        // A small cluster again (the replicas came down): the main thread may take the next text.
        lastObjects = data.result.objects.length;
        if (lastObjects <= inlineMaxObjects) lastInlineMs = 0;
        job.resolve(data.result);
      }
      pump();
    };
    w.onerror = (event) => {
      event.preventDefault();
      if (w !== worker) return;
      w.terminate();
      worker = null;
      const job = running;
      running = null;
      if (!workerAnswered && opts.loadFallback) {
        // The worker never ran (blocked by policy, or its script failed): simulate here instead.
        fallback ??= opts.loadFallback();
        if (job && !waiting) waiting = job;
        else job?.resolve(null);
      } else job?.reject(new Error(event.message || 'the engine worker stopped'));
      pump();
    };
    return w;
  };

  const runInProcess = (job: Job, load: Promise<SimulateFn>) => {
    load.then(
      (simulate) => {
        if (running !== job) return;
        running = null;
        try {
          job.resolve(simulate(job.text, job.seed));
        } catch (error) {
          job.reject(error);
        }
        pump();
      },
      (error: unknown) => {
        if (running !== job) return;
        running = null;
        job.reject(error);
        pump();
      },
    );
  };

  /** A small text simulated at once on the main thread, timed for the next choice of thread. */
  const runInline = (
    simulate: SimulateFn,
    text: string,
    seed: number,
    resolve: (result: SimulationResult) => void,
    reject: (error: unknown) => void,
  ) => {
    markLatest('sim-posted');
    const t0 = now();
    try {
      const result = simulate(text, seed);
      lastInlineMs = now() - t0;
      lastObjects = result.objects.length;
      markLatest('sim-answered', { inlineMs: lastInlineMs });
      resolve(result);
    } catch (error) {
      reject(error);
    }
  };

  function pump(): void {
    if (running || !waiting) return;
    const job = waiting;
    waiting = null;
    running = job;
    job.startedAt = now();
    if (fallback && !workerAnswered) {
      runInProcess(job, fallback);
      return;
    }
    worker ??= spawn();
    markLatest('sim-posted');
    worker.postMessage({ id: job.id, text: job.text, seed: job.seed });
  }

  /** Newer text arrived while a long request runs: its answer would be dropped anyway, so stop it. */
  const abandonLongRunning = () => {
    if (!running || !worker || now() - running.startedAt < abandonAfterMs) return;
    worker.terminate();
    worker = null;
    const job = running;
    running = null;
    job.resolve(null);
  };

  const afterTrace = <T>(answer: Promise<T>): Promise<T> =>
    answer.then(
      async (value) => {
        await traceReady;
        return value;
      },
      async (error: unknown) => {
        await traceReady;
        throw error;
      },
    );

  const tracer = (): TraceModule => {
    if (!trace) throw new Error('The tracer is not loaded yet: wait for the first simulate() answer.');
    return trace;
  };

  return {
    examples: opts.examples,

    simulate(text, options = {}) {
      latest = { text, seed: options.seed ?? 1 };
      const answer = new Promise<SimulationResult | null>((resolve, reject) => {
        waiting?.resolve(null);
        waiting = null;
        if (inline && small(text)) {
          // A worker job still running is for older text: its answer is not wanted (a long one is stopped).
          abandonLongRunning();
          runInline(inline, text, options.seed ?? 1, resolve, reject);
          return;
        }
        waiting = { id: ++nextId, text, seed: options.seed ?? 1, startedAt: 0, resolve, reject };
        abandonLongRunning();
        pump();
      });
      return afterTrace(answer);
    },

    initialTraceState: (seed) => tracer().initialTraceState(seed),
    tracePacket: (result, req, state) => tracer().tracePacket(result, req, state),

    dispose() {
      worker?.terminate();
      worker = null;
      running?.resolve(null);
      waiting?.resolve(null);
      running = waiting = null;
    },
  };
}
