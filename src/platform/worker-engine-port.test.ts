import { describe, expect, it } from 'vitest';
import { FATAL_RESULT, NODEPORT_RESULT } from '../store/__fixtures__/results.ts';
import {
  createWorkerEnginePort,
  type EngineWorker,
  type SimulateRequest,
  type SimulateResponse,
  type TraceModule,
} from './worker-engine-port.ts';

/** A Worker stand-in: records what it was sent; the test answers, crashes or fails to load it. */
class FakeWorker implements EngineWorker {
  onmessage: EngineWorker['onmessage'] = null;
  onerror: EngineWorker['onerror'] = null;
  sent: SimulateRequest[] = [];
  terminated = false;

  postMessage(message: SimulateRequest) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer(response: Partial<SimulateResponse> = {}) {
    const id = this.sent[this.sent.length - 1]!.id;
    const data = { id, result: NODEPORT_RESULT, ...response } as SimulateResponse;
    this.onmessage?.({ data } as MessageEvent<SimulateResponse>);
  }
  fail(message = '') {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

const tracer: TraceModule = {
  initialTraceState: (seed) => ({ seed, count: 0, time: 0, runtime: { recent: {}, ipvs: {} } }),
  tracePacket: () => {
    throw new Error('not used');
  },
};

function setup(opts: { fallback?: boolean; inlineMaxChars?: number; inlineTakesMs?: number } = {}) {
  const workers: FakeWorker[] = [];
  let clock = 0;
  let loadTrace!: () => void;
  const traceLoaded = new Promise<TraceModule>((resolve) => (loadTrace = () => resolve(tracer)));
  const port = createWorkerEnginePort({
    spawn: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    loadTrace: () => traceLoaded,
    loadFallback: opts.fallback
      ? async () => () => {
          clock += opts.inlineTakesMs ?? 0;
          return FATAL_RESULT;
        }
      : undefined,
    inlineMaxChars: opts.inlineMaxChars ?? 0,
    examples: [],
    abandonAfterMs: 100,
    now: () => clock,
  });
  return {
    port,
    workers,
    loadTrace,
    tick: (ms: number) => (clock += ms),
    worker: () => workers[workers.length - 1]!,
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Records how a promise settled, without awaiting it. */
function watch<T>(p: Promise<T>) {
  const seen: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  p.then(
    (value) => Object.assign(seen, { value, settled: true }),
    (error: unknown) => Object.assign(seen, { error, settled: true }),
  );
  return seen;
}

describe('worker engine port', () => {
  it('answers the first time only once the tracer is loaded too', async () => {
    const { port, worker, loadTrace } = setup();
    const first = watch(port.simulate('a', { seed: 7 }));
    expect(worker().sent).toEqual([{ id: 1, text: 'a', seed: 7 }]);
    expect(() => port.initialTraceState(7)).toThrow(/not loaded/);
    worker().answer();
    await flush();
    expect(first.settled).toBe(false);
    loadTrace();
    await flush();
    expect(first.value).toBe(NODEPORT_RESULT);
    expect(port.initialTraceState(7)).toMatchObject({ seed: 7, count: 0 });
  });

  it('runs one request at a time and skips text superseded while it waited', async () => {
    const { port, worker, loadTrace } = setup();
    loadTrace();
    const a = watch(port.simulate('a'));
    const b = watch(port.simulate('b'));
    const c = watch(port.simulate('c'));
    expect(worker().sent.map((m) => m.text)).toEqual(['a']);
    await flush();
    expect(b).toMatchObject({ settled: true, value: null });
    worker().answer();
    expect(worker().sent.map((m) => m.text)).toEqual(['a', 'c']);
    worker().answer({ result: FATAL_RESULT });
    await flush();
    expect(a.value).toBe(NODEPORT_RESULT);
    expect(c.value).toBe(FATAL_RESULT);
  });

  it('abandons a long-running request when newer text arrives: a fresh worker takes it', async () => {
    const { port, workers, loadTrace, tick } = setup();
    loadTrace();
    const big = watch(port.simulate('10,000 objects'));
    tick(150);
    const next = watch(port.simulate('fixed'));
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.sent.map((m) => m.text)).toEqual(['fixed']);
    workers[0]!.answer(); // a late answer from the stopped worker is ignored
    workers[1]!.answer();
    await flush();
    expect(big.value).toBeNull();
    expect(next.value).toBe(NODEPORT_RESULT);
  });

  it('does not abandon a short request: the newer text waits its turn', () => {
    const { port, workers, loadTrace, tick } = setup();
    loadTrace();
    void port.simulate('a');
    tick(20);
    void port.simulate('b');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.terminated).toBe(false);
  });

  it('an engine exception rejects that request; the next one still runs', async () => {
    const { port, worker, loadTrace } = setup();
    loadTrace();
    const bad = watch(port.simulate('a'));
    worker().answer({ error: 'RangeError: Maximum call stack size exceeded' } as never);
    const good = watch(port.simulate('b'));
    worker().answer();
    await flush();
    expect((bad.error as Error).message).toMatch(/call stack/);
    expect(good.value).toBe(NODEPORT_RESULT);
  });

  it('a worker that crashes after working rejects its request and is replaced', async () => {
    const { port, workers, loadTrace } = setup({ fallback: true });
    loadTrace();
    void port.simulate('a');
    workers[0]!.answer();
    const crashed = watch(port.simulate('b'));
    workers[0]!.fail('out of memory');
    const after = watch(port.simulate('c'));
    expect(workers).toHaveLength(2);
    workers[1]!.answer();
    await flush();
    expect((crashed.error as Error).message).toBe('out of memory');
    expect(after.value).toBe(NODEPORT_RESULT);
  });

  it('a worker that cannot start at all falls back to simulating in process', async () => {
    const { port, workers, loadTrace } = setup({ fallback: true });
    loadTrace();
    const first = watch(port.simulate('a'));
    workers[0]!.fail();
    await flush();
    expect(first.value).toBe(FATAL_RESULT);
    const second = watch(port.simulate('b'));
    await flush();
    expect(second.value).toBe(FATAL_RESULT);
    expect(workers).toHaveLength(1);
  });

  it('simulates small text on the main thread once the worker has answered; large text in the worker', async () => {
    const { port, worker, loadTrace } = setup({ fallback: true, inlineMaxChars: 5 });
    loadTrace();
    const first = watch(port.simulate('small'));
    expect(worker().sent.map((r) => r.text)).toEqual(['small']); // the main-thread engine is not loaded yet
    worker().answer();
    await flush();
    expect(first.value).toBe(NODEPORT_RESULT);

    const small = watch(port.simulate('tiny'));
    await flush();
    expect(small.value).toBe(FATAL_RESULT); // the in-process engine's answer
    const large = watch(port.simulate('larger text'));
    await flush();
    expect(large.settled).toBe(false);
    expect(worker().sent.map((r) => r.text)).toEqual(['small', 'larger text']);
    // Small text typed while the worker still runs large text: answered at once; the worker's answer,
    // for older text, still settles its own request.
    const again = watch(port.simulate('tiny'));
    await flush();
    expect(again.value).toBe(FATAL_RESULT);
    worker().answer();
    await flush();
    expect(large.value).toBe(NODEPORT_RESULT);
  });

  it('sends short text to the worker after the main thread was slow with it, until a small cluster returns', async () => {
    const { port, worker, loadTrace, tick } = setup({
      fallback: true,
      inlineMaxChars: 100,
      inlineTakesMs: 30,
    });
    loadTrace();
    void port.simulate('a');
    worker().answer();
    await flush();
    const slow = watch(port.simulate('replicas: 3000'));
    await flush();
    expect(slow.value).toBe(FATAL_RESULT); // on the main thread, and it took 30 ms
    const next = watch(port.simulate('replicas: 30000'));
    expect(worker().sent.map((r) => r.text)).toEqual(['a', 'replicas: 30000']);
    tick(1);
    worker().answer({
      result: { ...NODEPORT_RESULT, objects: new Array(5000).fill(NODEPORT_RESULT.objects[0]) },
    });
    await flush();
    expect(next.settled).toBe(true);
    void port.simulate('replicas: 3');
    expect(worker().sent.map((r) => r.text)).toEqual(['a', 'replicas: 30000', 'replicas: 3']); // still large
    worker().answer(); // a small cluster again
    await flush();
    const back = watch(port.simulate('replicas: 2'));
    await flush();
    expect(back.value).toBe(FATAL_RESULT);
    expect(worker().sent).toHaveLength(3);
  });

  it('dispose stops the worker and settles what waits', async () => {
    const { port, worker, loadTrace } = setup();
    loadTrace();
    const a = watch(port.simulate('a'));
    const b = watch(port.simulate('b'));
    port.dispose();
    await flush();
    expect(worker().terminated).toBe(true);
    expect([a.value, b.value]).toEqual([null, null]);
  });
});
