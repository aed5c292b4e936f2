import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../platform/storage.ts';
import { createFakeEngine } from './__fixtures__/fake-engine.ts';
import { FATAL_RESULT, LOADBALANCER_RESULT, NODEPORT_RESULT } from './__fixtures__/results.ts';
import { PERSIST_KEYS } from './engine-port.ts';
import { createPlaygroundStore, type StoreOptions } from './store.ts';

function setup(opts: Partial<StoreOptions> = {}) {
  const { engine, calls } = createFakeEngine();
  const persist = opts.persist ?? createMemoryStorage();
  const store = createPlaygroundStore({ engine, persist, ...opts });
  return { store, calls, persist };
}

describe('manifest slice', () => {
  it('starts from the default example and simulates it once', () => {
    const { store, calls } = setup();
    const s = store.getState();
    expect(s.exampleId).toBe('nodeport');
    expect(s.manifestText).toBe('kind: NodePort');
    expect(calls.simulate).toEqual(['kind: NodePort']);
    expect(s.result).toBe(NODEPORT_RESULT);
    expect(s.lastValidResult).toBe(NODEPORT_RESULT);
  });

  it('restores the saved text, but a linked ?example= wins', () => {
    const saved = createMemoryStorage({ [PERSIST_KEYS.manifest]: 'kind: LoadBalancer' });
    expect(setup({ persist: saved }).store.getState()).toMatchObject({
      manifestText: 'kind: LoadBalancer',
      exampleId: 'loadbalancer',
    });
    const linked = setup({ persist: saved, exampleId: 'externalname' }).store.getState();
    expect(linked).toMatchObject({ manifestText: 'kind: ExternalName', exampleId: 'externalname' });
  });

  it('simulates on every text change (and only then), and saves the text', () => {
    const { store, calls, persist } = setup();
    store.getState().setManifestText('kind: LoadBalancer');
    store.getState().setManifestText('kind: LoadBalancer');
    expect(calls.simulate).toEqual(['kind: NodePort', 'kind: LoadBalancer']);
    expect(store.getState().result).toBe(LOADBALANCER_RESULT);
    expect(persist.get(PERSIST_KEYS.manifest)).toBe('kind: LoadBalancer');
  });

  it('keeps the last valid result while the YAML is broken, and moves on once fixed', () => {
    const { store } = setup();
    store.getState().setManifestText('not: [yaml');
    expect(store.getState().result).toBe(FATAL_RESULT);
    expect(store.getState().lastValidResult).toBe(NODEPORT_RESULT);
    store.getState().setManifestText('kind: LoadBalancer');
    expect(store.getState().lastValidResult).toBe(LOADBALANCER_RESULT);
  });

  it('switching examples replaces the text and clears traffic', () => {
    const { store } = setup();
    store.getState().sendRequest();
    store.getState().selectExample('loadbalancer');
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

describe('traffic slice', () => {
  it('defaults to the external client and a NodePort on a worker node', () => {
    const { store } = setup();
    expect(store.getState().client).toEqual({ kind: 'external' });
    expect(store.getState().target).toBe('192.168.56.12:31001');
  });

  it('prefers the LoadBalancer address when there is one', () => {
    const { store } = setup({ exampleId: 'loadbalancer' });
    expect(store.getState().target).toBe('192.168.56.240:80');
  });

  it('with no Service reachable from outside, a pod that backs no Service sends, by name', () => {
    const { store } = setup({ exampleId: 'externalname' });
    expect(store.getState().client).toEqual({ kind: 'pod', namespace: 'default', name: 'nginx01' });
    expect(store.getState().target).toBe('ext');
  });

  it('re-points the target when the client changes', () => {
    const { store } = setup();
    store.getState().setClient({ kind: 'pod', namespace: 'default', name: 'web-7d4b9-2xk4q' });
    expect(store.getState().target).toBe('web');
  });

  it('sends a request through the engine, threading the trace state', () => {
    const { store, calls } = setup();
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
    });
    store.getState().sendRequest();
    expect(store.getState().traceState).toMatchObject({ count: 2 });
    expect(store.getState().packets.map((p) => p.servedBy)).toEqual([
      'pod/default/web-7d4b9-2xk4q',
      'pod/default/web-7d4b9-8mz7p',
    ]);
  });

  it('hears hop changes and completion; the serving pod counts the request', () => {
    const { store } = setup();
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

  it('keeps a bounded list of packets, dropping finished ones first', () => {
    const { store } = setup();
    for (let i = 0; i < 20; i++) {
      const p = store.getState().sendRequest()!;
      if (i < 15) store.getState().completePacket(p.id);
    }
    const packets = store.getState().packets;
    expect(packets).toHaveLength(12);
    expect(packets.filter((p) => p.status === 'moving')).toHaveLength(5);
    expect(store.getState().lastPacketId).toBe('req/20');
  });

  it('reset clears packets and counters', () => {
    const { store } = setup();
    const p = store.getState().sendRequest()!;
    store.getState().completePacket(p.id);
    store.getState().resetTraffic();
    expect(store.getState()).toMatchObject({ packets: [], podRequests: {}, lastPacketId: null });
  });
});

describe('playback and preferences', () => {
  it('plays, pauses and accepts only the offered speeds', () => {
    const { store } = setup();
    store.getState().togglePlaying();
    expect(store.getState().playing).toBe(false);
    store.getState().setSpeed(2);
    expect(store.getState().speed).toBe(2);
    store.getState().setSpeed(7);
    expect(store.getState().speed).toBe(1);
  });

  it('picks the language from the browser on a first visit', () => {
    expect(setup({ browserLanguages: ['ko-KR', 'en-US'] }).store.getState().language).toBe('ko');
    expect(setup({ browserLanguages: ['fr-FR', 'en-GB', 'ko'] }).store.getState().language).toBe('en');
    expect(setup({ browserLanguages: ['ja-JP'] }).store.getState().language).toBe('en');
  });

  it('persists language and theme, and a saved choice wins over the browser', () => {
    const persist = createMemoryStorage();
    const { store } = setup({ persist, browserLanguages: ['en-US'] });
    store.getState().setLanguage('ko');
    store.getState().setTheme('dark');
    const again = setup({ persist, browserLanguages: ['en-US'] }).store.getState();
    expect(again).toMatchObject({ language: 'ko', theme: 'dark' });
  });
});
