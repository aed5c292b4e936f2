import { describe, expect, it } from 'vitest';
import type { FrameListener, FrameSource } from '../../platform/raf.ts';
import { createMemoryStorage } from '../../platform/storage.ts';
import { createFakeEngine } from '../../store/__fixtures__/fake-engine.ts';
import { NODEPORT_RESULT } from '../../store/__fixtures__/results.ts';
import { createPlaygroundStore } from '../../store/store.ts';
import { toFlowElements } from '../canvas/to-flow-elements.ts';
import { PlaybackDriver } from './driver.ts';

/** A frame source the test advances by hand, 16 ms per frame. */
function manualFrames() {
  const listeners = new Set<FrameListener>();
  let now = 0;
  const source: FrameSource = {
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      now += 16;
      for (const l of [...listeners]) l(now);
    }
  };
  return { source, run, listening: () => listeners.size > 0 };
}

async function setup(reducedMotion = false) {
  const { engine } = createFakeEngine();
  const store = await createPlaygroundStore({ engine, persist: createMemoryStorage() });
  const frames = manualFrames();
  const driver = new PlaybackDriver(store, { frames: frames.source, reducedMotion: () => reducedMotion });
  driver.setBoxes(toFlowElements(NODEPORT_RESULT).boxes);
  driver.start();
  const hops: number[] = [];
  store.subscribe((s, prev) => {
    const p = s.packets[0];
    const before = prev.packets[0];
    if (p && before && p.hopIndex !== before.hopIndex) hops.push(p.hopIndex);
  });
  return { store, frames, driver, hops };
}

describe('PlaybackDriver', () => {
  it('walks a packet through every hop in order, then completes it', async () => {
    const { store, frames, hops } = await setup();
    store.getState().sendRequest();
    expect(frames.listening()).toBe(true);
    frames.run(10_000);
    expect(hops).toEqual([1, 2]);
    expect(store.getState().packets[0]?.status).toBe('done');
    expect(store.getState().podRequests).toEqual({ 'pod/default/web-7d4b9-2xk4q': 1 });
    expect(frames.listening()).toBe(false);
  });

  it('does not move while paused', async () => {
    const { store, frames } = await setup();
    store.getState().setPlaying(false);
    store.getState().sendRequest();
    frames.run(10_000);
    expect(store.getState().packets[0]).toMatchObject({ hopIndex: 0, status: 'moving' });
    store.getState().setPlaying(true);
    frames.run(10_000);
    expect(store.getState().packets[0]?.status).toBe('done');
  });

  it('moves a mounted element by writing transform', async () => {
    const { store, frames, driver } = await setup();
    const el = { style: {} as Record<string, string> } as unknown as HTMLElement;
    const p = store.getState().sendRequest()!;
    driver.attach(p.id, el);
    const first = el.style.transform;
    frames.run(900);
    expect(el.style.visibility).toBe('visible');
    expect(el.style.transform).toMatch(/^translate\(/);
    expect(el.style.transform).not.toBe(first);
  });

  it('runs faster at a higher speed', async () => {
    const slow = await setup();
    const fast = await setup();
    fast.store.getState().setSpeed(4);
    slow.store.getState().sendRequest();
    fast.store.getState().sendRequest();
    slow.frames.run(1500);
    fast.frames.run(1500);
    expect(fast.store.getState().packets[0]?.status).toBe('done');
    expect(slow.store.getState().packets[0]?.status).toBe('moving');
  });

  it('with reduced motion, jumps from hop to hop', async () => {
    const { store, frames, driver } = await setup(true);
    const el = { style: {} as Record<string, string> } as unknown as HTMLElement;
    const p = store.getState().sendRequest()!;
    driver.attach(p.id, el);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      frames.run(16);
      seen.add(el.style.transform ?? '');
    }
    expect(seen.size).toBeLessThanOrEqual(3); // one position per hop, nothing in between
    expect(store.getState().packets[0]?.status).toBe('done');
  });
});
