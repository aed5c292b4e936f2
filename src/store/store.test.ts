import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../platform/storage.ts';
import { createFakeEngine } from './__fixtures__/fake-engine.ts';
import {
  EXTERNALNAME_RESULT,
  FATAL_RESULT,
  LOADBALANCER_RESULT,
  NODEPORT_RESULT,
  WEB_PODS,
} from './__fixtures__/results.ts';
import { PERSIST_KEYS } from './engine-port.ts';
import { inProcessEngine } from './real-engine.ts';
import { MAX_PACKETS } from './traffic-slice.ts';
import { createPlaygroundStore, type StoreOptions } from './store.ts';

async function setup(opts: Partial<StoreOptions> = {}) {
  const { engine, calls } = createFakeEngine();
  const persist = opts.persist ?? createMemoryStorage();
  const store = await createPlaygroundStore({ engine, persist, ...opts });
  return { store, calls, persist };
}

/** Lets every answer the fake engine has queued arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('manifest slice', () => {
  it('starts from the default example, simulated once before the store exists', async () => {
    const { store, calls } = await setup();
    const s = store.getState();
    expect(s.exampleId).toBe('nodeport');
    expect(s.manifestText).toBe('kind: NodePort');
    expect(calls.simulate).toEqual(['kind: NodePort']);
    expect(s.result).toBe(NODEPORT_RESULT);
    expect(s.lastValidResult).toBe(NODEPORT_RESULT);
    expect(s.simStatus).toBe('idle');
  });

  it('restores the saved text, but a linked ?example= wins', async () => {
    const saved = createMemoryStorage({ [PERSIST_KEYS.manifest]: 'kind: LoadBalancer' });
    expect((await setup({ persist: saved })).store.getState()).toMatchObject({
      manifestText: 'kind: LoadBalancer',
      exampleId: 'loadbalancer',
    });
    const linked = (await setup({ persist: saved, exampleId: 'externalname' })).store.getState();
    expect(linked).toMatchObject({ manifestText: 'kind: ExternalName', exampleId: 'externalname' });
  });

  it('simulates on every text change (and only then), and saves the text at once', async () => {
    const { store, calls, persist } = await setup();
    store.getState().setManifestText('kind: LoadBalancer');
    expect(persist.get(PERSIST_KEYS.manifest)).toBe('kind: LoadBalancer');
    store.getState().setManifestText('kind: LoadBalancer');
    await settle();
    expect(calls.simulate).toEqual(['kind: NodePort', 'kind: LoadBalancer']);
    expect(store.getState().result).toBe(LOADBALANCER_RESULT);
  });

  it('keeps the last valid result while the YAML is broken, and moves on once fixed', async () => {
    const { store } = await setup();
    store.getState().setManifestText('not: [yaml');
    await settle();
    expect(store.getState().result).toBe(FATAL_RESULT);
    expect(store.getState().lastValidResult).toBe(NODEPORT_RESULT);
    store.getState().setManifestText('kind: LoadBalancer');
    await settle();
    expect(store.getState().lastValidResult).toBe(LOADBALANCER_RESULT);
  });

  it('switching examples replaces the text and clears traffic', async () => {
    const { store } = await setup();
    store.getState().sendRequest();
    store.getState().selectExample('loadbalancer');
    await settle();
    expect(store.getState()).toMatchObject({
      manifestText: 'kind: LoadBalancer',
      exampleId: 'loadbalancer',
      packets: [],
      podRequests: {},
    });
    store.getState().selectExample('no-such-example');
    expect(store.getState().exampleId).toBe('loadbalancer');
  });
});

describe('asynchronous simulation', () => {
  async function held(opts: Partial<StoreOptions> = {}) {
    const { engine, calls } = createFakeEngine({ hold: true });
    const persist = opts.persist ?? createMemoryStorage();
    const starting = createPlaygroundStore({ engine, persist, ...opts });
    calls.held[0]!.answer();
    const store = await starting;
    return { store, calls, persist };
  }

  it('stores the text at once and shows the last result until the answer comes', async () => {
    const { store, calls, persist } = await held();
    store.getState().setManifestText('kind: LoadBalancer');
    expect(store.getState()).toMatchObject({
      manifestText: 'kind: LoadBalancer',
      simStatus: 'pending',
      result: NODEPORT_RESULT,
      lastValidResult: NODEPORT_RESULT,
    });
    expect(persist.get(PERSIST_KEYS.manifest)).toBe('kind: LoadBalancer');
    calls.held[1]!.answer();
    await settle();
    expect(store.getState()).toMatchObject({ simStatus: 'idle', lastValidResult: LOADBALANCER_RESULT });
  });

  it('applies only the newest revision: a late answer for older text is dropped', async () => {
    const { store, calls } = await held();
    store.getState().setManifestText('kind: LoadBalancer');
    store.getState().setManifestText('kind: ExternalName');
    calls.held[2]!.answer(); // the newer text answers first
    await settle();
    expect(store.getState()).toMatchObject({ simStatus: 'idle', result: EXTERNALNAME_RESULT });
    calls.held[1]!.answer(); // the old answer arrives late
    await settle();
    expect(store.getState().result).toBe(EXTERNALNAME_RESULT);
    expect(store.getState().lastValidResult).toBe(EXTERNALNAME_RESULT);
  });

  it('stays pending through stale and skipped answers until the newest arrives', async () => {
    const { store, calls } = await held();
    store.getState().setManifestText('kind: LoadBalancer');
    store.getState().setManifestText('kind: ExternalName');
    calls.held[1]!.answer(); // stale
    await settle();
    expect(store.getState()).toMatchObject({ simStatus: 'pending', result: NODEPORT_RESULT });
    calls.held[2]!.answer(null); // skipped by the port: nothing to apply
    await settle();
    expect(store.getState()).toMatchObject({ simStatus: 'pending', result: NODEPORT_RESULT });
  });

  it('keeps the last valid canvas when the newest answer is broken', async () => {
    const { store, calls } = await held();
    store.getState().setManifestText('kind: LoadBalancer');
    store.getState().setManifestText('not: [yaml');
    calls.held[1]!.answer();
    calls.held[2]!.answer();
    await settle();
    expect(store.getState()).toMatchObject({
      result: FATAL_RESULT,
      lastValidResult: NODEPORT_RESULT,
      simStatus: 'idle',
    });
  });

  it('an engine failure becomes an error on line 1; the text and the canvas stay', async () => {
    const { store, calls } = await held();
    store.getState().setManifestText('kind: LoadBalancer');
    calls.held[1]!.fail(new Error('worker crashed'));
    await settle();
    const s = store.getState();
    expect(s.manifestText).toBe('kind: LoadBalancer');
    expect(s.lastValidResult).toBe(NODEPORT_RESULT);
    expect(s.simStatus).toBe('idle');
    expect(s.result.fatal).toBe(true);
    expect(s.result.diagnostics).toEqual([
      expect.objectContaining({ code: 'engine.failed', line: 1, params: { detail: 'worker crashed' } }),
    ]);
  });

  it('still starts when the engine fails on the saved text, keeping that text', async () => {
    const { engine, calls } = createFakeEngine({ hold: true });
    const persist = createMemoryStorage({ [PERSIST_KEYS.manifest]: 'kind: Crash' });
    const starting = createPlaygroundStore({ engine, persist });
    calls.held[0]!.fail(new Error('boom'));
    await settle();
    expect(calls.held[1]!.text).toBe('');
    calls.held[1]!.answer();
    const s = (await starting).getState();
    expect(s.manifestText).toBe('kind: Crash');
    expect(s.result.diagnostics[0]).toMatchObject({ code: 'engine.failed' });
  });

  it('a cluster too large to draw keeps the last canvas, with a warning that says why', async () => {
    const big = {
      ...LOADBALANCER_RESULT,
      cluster: { ...LOADBALANCER_RESULT.cluster, pods: Array.from({ length: 3001 }, () => WEB_PODS[0]!) },
    };
    const { store, calls } = await held();
    store.getState().setManifestText('kind: LoadBalancer');
    calls.held[1]!.answer(big);
    await settle();
    expect(store.getState().lastValidResult).toBe(NODEPORT_RESULT);
    expect(store.getState().result.diagnostics[0]).toMatchObject({
      code: 'canvas.tooLarge',
      severity: 'warning',
      params: { count: 3002, limit: 3000 },
    });

    // Saved text that large: the canvas starts from the cluster of an empty manifest.
    const fresh = createFakeEngine({ hold: true });
    const starting = createPlaygroundStore({
      engine: fresh.engine,
      persist: createMemoryStorage({ [PERSIST_KEYS.manifest]: 'kind: Huge' }),
    });
    fresh.calls.held[0]!.answer(big);
    await settle();
    expect(fresh.calls.held[1]!.text).toBe('');
    fresh.calls.held[1]!.answer(EXTERNALNAME_RESULT);
    const s = (await starting).getState();
    expect(s.lastValidResult).toBe(EXTERNALNAME_RESULT);
    expect(s.result.diagnostics[0]).toMatchObject({ code: 'canvas.tooLarge' });
  });

  it('an example opened while typing is pending starts a new scenario when it lands', async () => {
    const { store, calls } = await held();
    store.getState().sendRequest();
    store.getState().setManifestText('kind: NodePort\n# edited');
    store.getState().selectExample('loadbalancer');
    expect(store.getState().packets).toHaveLength(1); // the old scenario plays on until the answer
    calls.held[1]!.answer();
    calls.held[2]!.answer();
    await settle();
    expect(store.getState()).toMatchObject({
      exampleId: 'loadbalancer',
      lastValidResult: LOADBALANCER_RESULT,
      packets: [],
    });
  });
});

describe('with the real engine, in process', () => {
  it('starts from a simulated example and follows the text', async () => {
    const store = await createPlaygroundStore({
      engine: inProcessEngine,
      persist: createMemoryStorage(),
      exampleId: 'nodeport',
    });
    const pods = () =>
      store.getState().lastValidResult.cluster.pods.filter((p) => p.metadata?.namespace === 'default');
    expect(pods()).toHaveLength(3);
    expect(store.getState().target).toMatch(/:31001$/);
    store.getState().setManifestText(store.getState().manifestText.replace('replicas: 3', 'replicas: 2'));
    expect(store.getState().simStatus).toBe('pending');
    await settle();
    expect(store.getState().simStatus).toBe('idle');
    expect(pods()).toHaveLength(2);
    expect(store.getState().sendRequest()?.servedBy).toMatch(/^pod\/default\/deploy-test01-/);
  });
});

describe('nothing typed is lost', () => {
  it("opening an example keeps the learner's own text, and restoring swaps it back", async () => {
    const { store, persist } = await setup();
    store.getState().setManifestText('kind: NodePort\n# mine');
    store.getState().selectExample('loadbalancer');
    expect(store.getState().previousText).toBe('kind: NodePort\n# mine');
    expect(persist.get(PERSIST_KEYS.previousManifest)).toBe('kind: NodePort\n# mine');

    // Switching between untouched examples keeps the same text to restore.
    store.getState().selectExample('externalname');
    expect(store.getState().previousText).toBe('kind: NodePort\n# mine');

    store.getState().setManifestText('kind: ExternalName\n# also mine');
    store.getState().restorePreviousText();
    await settle();
    expect(store.getState()).toMatchObject({
      manifestText: 'kind: NodePort\n# mine',
      exampleId: null,
      previousText: 'kind: ExternalName\n# also mine',
    });
    expect(persist.get(PERSIST_KEYS.manifest)).toBe('kind: NodePort\n# mine');
  });

  it('restoring over an untouched example leaves nothing more to restore', async () => {
    const { store } = await setup();
    store.getState().setManifestText('kind: NodePort\n# mine');
    store.getState().selectExample('loadbalancer');
    store.getState().restorePreviousText();
    expect(store.getState()).toMatchObject({ manifestText: 'kind: NodePort\n# mine', previousText: null });
  });

  it('the text to restore survives a reload, and a shared ?example= link keeps the saved text', async () => {
    const persist = createMemoryStorage();
    const first = (await setup({ persist })).store;
    first.getState().setManifestText('kind: NodePort\n# mine');
    first.getState().selectExample('loadbalancer');
    expect((await setup({ persist })).store.getState().previousText).toBe('kind: NodePort\n# mine');

    const other = createMemoryStorage({ [PERSIST_KEYS.manifest]: 'kind: Service\n# written here' });
    const linked = (await setup({ persist: other, exampleId: 'nodeport' })).store.getState();
    expect(linked).toMatchObject({ exampleId: 'nodeport', previousText: 'kind: Service\n# written here' });
  });
});

describe('traffic slice', () => {
  it('defaults to the external client and a NodePort on a worker node', async () => {
    const { store } = await setup();
    expect(store.getState().client).toEqual({ kind: 'external' });
    expect(store.getState().target).toBe('192.168.56.12:31001');
  });

  it('prefers the LoadBalancer address when there is one', async () => {
    const { store } = await setup({ exampleId: 'loadbalancer' });
    expect(store.getState().target).toBe('192.168.56.240:80');
  });

  it('with no Service reachable from outside, a pod that backs no Service sends, by name', async () => {
    const { store } = await setup({ exampleId: 'externalname' });
    expect(store.getState().client).toEqual({ kind: 'pod', namespace: 'default', name: 'nginx01' });
    expect(store.getState().target).toBe('ext');
  });

  it('re-points the target when the client changes', async () => {
    const { store } = await setup();
    store.getState().setClient({ kind: 'pod', namespace: 'default', name: 'web-7d4b9-2xk4q' });
    expect(store.getState().target).toBe('web');
  });

  it('sends a request through the engine, threading the trace state', async () => {
    const { store, calls } = await setup();
    const first = store.getState().sendRequest();
    expect(first).toMatchObject({
      id: 'req/1',
      hopIndex: 0,
      status: 'moving',
      servedBy: 'pod/default/web-7d4b9-2xk4q',
    });
    expect(calls.trace[0]).toEqual({
      client: { kind: 'external', ip: '203.0.113.10' },
      target: '192.168.56.12:31001',
      time: 0, // virtual playback seconds (session affinity timeouts count in them)
    });
    store.getState().sendRequest();
    expect(store.getState().traceState).toMatchObject({ count: 2 });
    expect(store.getState().packets.map((p) => p.servedBy)).toEqual([
      'pod/default/web-7d4b9-2xk4q',
      'pod/default/web-7d4b9-8mz7p',
    ]);
  });

  it('hears hop changes and completion; the serving pod counts the request', async () => {
    const { store } = await setup();
    const ids = [1, 2, 3].map(() => store.getState().sendRequest()!.id);
    store.getState().advancePacket('req/1', 1);
    expect(store.getState().packets[0]).toMatchObject({ hopIndex: 1, status: 'moving' });
    for (const id of ids) store.getState().completePacket(id);
    store.getState().completePacket('req/1'); // a second completion is ignored
    const counts = store.getState().podRequests;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(3);
    expect(counts['pod/default/web-7d4b9-2xk4q']).toBe(1);
    expect(store.getState().packets.every((p) => p.status === 'done' && p.hopIndex === 2)).toBe(true);
    store.getState().advancePacket('req/1', 0); // finished packets stay finished
    expect(store.getState().packets[0]?.hopIndex).toBe(2);
  });

  it('keeps a bounded list of packets, dropping finished ones first', async () => {
    const { store } = await setup();
    for (let i = 0; i < 40; i++) {
      const p = store.getState().sendRequest()!;
      if (i < 35) store.getState().completePacket(p.id);
    }
    const packets = store.getState().packets;
    expect(packets).toHaveLength(MAX_PACKETS);
    expect(packets.filter((p) => p.status === 'moving')).toHaveLength(5);
    expect(store.getState().lastPacketId).toBe('req/40');
  });

  it('reset clears packets and counters', async () => {
    const { store } = await setup();
    const p = store.getState().sendRequest()!;
    store.getState().completePacket(p.id);
    store.getState().resetTraffic();
    expect(store.getState()).toMatchObject({ packets: [], podRequests: {}, lastPacketId: null });
  });
});

describe('playback and preferences', () => {
  it('plays, pauses and keeps the speed within 0.1× to 4×', async () => {
    const { store } = await setup();
    store.getState().togglePlaying();
    expect(store.getState().playing).toBe(false);
    store.getState().setSpeed(2);
    expect(store.getState().speed).toBe(2);
    store.getState().setSpeed(7);
    expect(store.getState().speed).toBe(4);
    store.getState().setSpeed(0.01);
    expect(store.getState().speed).toBe(0.1);
    store.getState().setSpeed(Number.NaN);
    expect(store.getState().speed).toBe(1);
  });

  it('picks the language from the browser on a first visit', async () => {
    const language = async (browserLanguages: string[]) =>
      (await setup({ browserLanguages })).store.getState().language;
    expect(await language(['ko-KR', 'en-US'])).toBe('ko');
    expect(await language(['fr-FR', 'en-GB', 'ko'])).toBe('en');
    expect(await language(['ja-JP'])).toBe('en');
  });

  it('persists language and theme, and a saved choice wins over the browser', async () => {
    const persist = createMemoryStorage();
    const { store } = await setup({ persist, browserLanguages: ['en-US'] });
    store.getState().setLanguage('ko');
    store.getState().setTheme('dark');
    const again = (await setup({ persist, browserLanguages: ['en-US'] })).store.getState();
    expect(again).toMatchObject({ language: 'ko', theme: 'dark' });
  });
});
