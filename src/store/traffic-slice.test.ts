import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../platform/storage.ts';
import { createFakeEngine } from './__fixtures__/fake-engine.ts';
import { inProcessEngine } from './real-engine.ts';
import { createPlaygroundStore } from './store.ts';
import { MAX_IN_FLIGHT } from './traffic-slice.ts';

const setup = async () => {
  const { engine, calls } = createFakeEngine();
  const store = await createPlaygroundStore({ engine, persist: createMemoryStorage() });
  return { store, calls };
};

const example = (id: string) => readFileSync(new URL(`../../examples/${id}.yaml`, import.meta.url), 'utf8');

describe('sending many requests', () => {
  it('animates up to the in-flight cap, staggered; the rest are traced and counted at once', async () => {
    const { store, calls } = await setup();
    const animated = store.getState().sendRequests({ count: MAX_IN_FLIGHT + 5, stagger: 100 });
    expect(animated).toHaveLength(MAX_IN_FLIGHT);
    expect(animated.map((p) => p.delayMs ?? 0).slice(0, 3)).toEqual([0, 100, 200]);
    expect(calls.trace).toHaveLength(MAX_IN_FLIGHT + 5);
    const s = store.getState();
    expect(s.sentCount).toBe(MAX_IN_FLIGHT + 5);
    expect(Object.values(s.podRequests).reduce((a, b) => a + b, 0)).toBe(5);
    expect(s.events.filter((e) => e.instant)).toHaveLength(5);
    expect(s.events.filter((e) => !e.instant && e.hopIndex === 0)).toHaveLength(MAX_IN_FLIGHT);
  });

  it('logs every hop with the virtual time the driver reports, and finishes once', async () => {
    const { store } = await setup();
    const p = store.getState().sendRequest()!;
    store.getState().reportProgress({ advances: [{ id: p.id, hopIndex: 1 }], completes: [], clockMs: 500 });
    store
      .getState()
      .reportProgress({ advances: [{ id: p.id, hopIndex: 2 }], completes: [p.id], clockMs: 1200 });
    store.getState().reportProgress({ advances: [], completes: [p.id], clockMs: 1300 });
    const s = store.getState();
    expect(s.events.map((e) => [e.t, e.hopIndex, e.kind])).toEqual([
      [0, 0, 'hop'],
      [500, 1, 'hop'],
      [1200, 2, 'hop'],
      [1200, 2, 'done'],
    ]);
    expect(s.clockMs).toBe(1300);
    expect(Object.values(s.podRequests)).toEqual([1]);
  });

  it('steps a packet in flight one hop at a time; forward from the last hop finishes it', async () => {
    const { store } = await setup();
    const p = store.getState().sendRequest()!;
    const hop = () => store.getState().packets[0]!;
    store.getState().stepPacket(p.id, -1);
    expect(hop().hopIndex).toBe(0);
    store.getState().stepPacket(p.id, 1);
    store.getState().stepPacket(p.id, 1);
    expect(hop()).toMatchObject({ hopIndex: 2, status: 'moving' });
    store.getState().stepPacket(p.id, -1);
    expect(hop().hopIndex).toBe(1);
    store.getState().stepPacket(p.id, 1);
    store.getState().stepPacket(p.id, 1);
    expect(hop().status).toBe('done');
  });
});

describe('tallies, affinity and the control plane (real engine)', () => {
  it('counts requests per endpoint with the rules’ share, and remembers the recent rule that sticks', async () => {
    const store = await createPlaygroundStore({
      engine: inProcessEngine,
      persist: createMemoryStorage(),
      exampleId: 'session-affinity',
    });
    store.getState().sendRequests({ count: MAX_IN_FLIGHT + 10 });
    const tally = store.getState().tallies['service/default/web-service']!;
    expect(tally.candidates).toHaveLength(3);
    expect(tally.candidates.every((c) => Math.abs(c.probability - 1 / 3) < 1e-6)).toBe(true);
    expect(Object.values(tally.counts)).toEqual([10]); // the 10 not animated, all on one endpoint
    expect(tally.affinity?.rules.some((r) => r.text.includes('--rcheck'))).toBe(true);
  });

  it('records a diff when an edit changes the cluster, and switches kube-proxy to ipvs in the text', async () => {
    const store = await createPlaygroundStore({ engine: inProcessEngine, persist: createMemoryStorage() });
    const changed = new Promise<void>((resolve) => {
      const off = store.subscribe((s) => s.changes.length > 0 && (off(), resolve()));
    });
    store.getState().setManifestText(example('nodeport').replace('replicas: 3', 'replicas: 2'));
    await changed;
    const diff = store.getState().changes[0]!.diff;
    expect(diff.byKind['Pod']?.map((c) => c.change)).toEqual(['removed']);

    const ipvs = new Promise<void>((resolve) => {
      const off = store.subscribe(
        (s) => s.lastValidResult.cluster.config.proxyMode === 'ipvs' && (off(), resolve()),
      );
    });
    await store.getState().setProxyMode('ipvs');
    expect(store.getState().manifestText).toContain('kind: KubeProxyConfiguration\nmode: ipvs');
    await ipvs;
    expect(store.getState().changes.at(-1)?.diff.proxyModeChanged).toBe(true);
  });

  it('works out the diff only after the new canvas is drawn, one pair of results at a time', async () => {
    const later: (() => void)[] = [];
    const store = await createPlaygroundStore({
      engine: inProcessEngine,
      persist: createMemoryStorage(),
      afterPaint: (job) => later.push(job),
    });
    const drawn = () =>
      new Promise<void>((resolve) => {
        const off = store.subscribe(
          (s, prev) => s.lastValidResult !== prev.lastValidResult && (off(), resolve()),
        );
      });
    const first = drawn();
    store.getState().setManifestText(example('nodeport').replace('replicas: 3', 'replicas: 2'));
    await first;
    const second = drawn();
    store.getState().setManifestText(example('nodeport').replace('replicas: 3', 'replicas: 1'));
    await second;
    expect(store.getState().changes).toEqual([]); // nothing computed while the canvas is being drawn
    expect(later).toHaveLength(2);
    for (const job of later) job();
    const pods = store.getState().changes.map((c) => c.diff.byKind['Pod']?.map((p) => p.change));
    expect(pods).toEqual([['removed'], ['removed']]);
  });
});
