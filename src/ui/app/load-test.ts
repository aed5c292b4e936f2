/**
 * Test-only load for the UI benchmark (bench/ui.bench.ts), reached through window.__playground.loadTest
 * (installed only under navigator.webdriver, and this module is fetched only when called). It loads a
 * generated 100-pod scenario into the app, then keeps N packets looping through it with a second
 * PlaybackDriver on the app's one frame source: the same driver code, path lookup tables and DOM writes
 * as real packets, minus the store's cap on packets in flight (a person sends at most a few dozen).
 */
import { createStore } from 'zustand/vanilla';
import type { Trace } from '../../engine/index.ts';
import type { FrameSource } from '../../platform/raf.ts';
import type { EnginePort } from '../../store/engine-port.ts';
import { entryPoints } from '../../store/entry-points.ts';
import type { PlaygroundStore } from '../../store/store.ts';
import { toTraceClient } from '../../store/traffic-defaults.ts';
import type { PacketRun } from '../../store/types.ts';
import { toFlowElements } from '../canvas/to-flow-elements.ts';
import { PlaybackDriver } from '../playback/driver.ts';

export interface LoadTestOptions {
  store: PlaygroundStore;
  engine: EnginePort;
  frames: FrameSource;
  packets: number;
  pods?: number;
}

export interface LoadTest {
  pods: number;
  packets: number;
  stop(): void;
}

/** `pods` pods in Deployments of 10, each behind a NodePort Service, on the default 3 nodes. */
export function loadTestManifest(pods: number): string {
  const docs: string[] = [];
  for (let i = 0; i < Math.ceil(pods / 10); i++) {
    const name = `load-${String(i).padStart(2, '0')}`;
    const replicas = Math.min(10, pods - i * 10);
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: NodePort
  selector: { app: ${name} }
  ports: [{ port: 80, targetPort: 80 }]`);
  }
  return docs.join('\n---\n');
}

function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (performance.now() - t0 > timeoutMs) reject(new Error('load test: timed out'));
      else requestAnimationFrame(poll);
    };
    poll();
  });
}

function packetElement(layer: HTMLElement): HTMLElement {
  const el = document.createElement('div');
  el.className = 'packet';
  el.dataset.status = 'moving';
  el.dataset.newest = 'false';
  el.dataset.loadTest = 'true';
  const dot = document.createElement('span');
  dot.className = 'packet-dot';
  el.append(dot);
  layer.append(el);
  return el;
}

export async function startLoadTest(opts: LoadTestOptions): Promise<LoadTest> {
  const { store, engine } = opts;
  const pods = opts.pods ?? 100;
  store.getState().setManifestText(loadTestManifest(pods));
  await until(() => store.getState().simStatus === 'idle');
  const result = store.getState().lastValidResult;
  await until(() => document.querySelectorAll('.react-flow__node-pod').length >= pods);

  // Requests from outside to every NodePort on every node, traced by the engine as the app would.
  const targets = entryPoints(result, { kind: 'external' }).filter((e) => e.kind === 'nodePort');
  let traceState = engine.initialTraceState(store.getState().seed);
  const traces: Trace[] = [];
  for (let i = 0; i < Math.min(opts.packets, 300); i++) {
    const target = targets[i % targets.length]!.target;
    const next = engine.tracePacket(
      result,
      { client: toTraceClient({ kind: 'external' }), target },
      traceState,
    );
    traceState = next.state;
    traces.push(next.trace);
  }

  const viewport = document.querySelector<HTMLElement>('[data-testid="canvas"] .react-flow__viewport');
  if (!viewport) throw new Error('load test: no canvas viewport');
  const layer = document.createElement('div');
  layer.className = 'packet-layer';
  viewport.append(layer);

  let generation = 0;
  const elements = new Map<string, HTMLElement>();
  // Spread the starts over a second, so the packets are everywhere along their paths, not in one clump.
  const packet = (i: number, delayMs: number): PacketRun => ({
    id: `load/${i}/${generation++}`,
    trace: traces[i % traces.length]!,
    hopIndex: 0,
    status: 'moving',
    delayMs,
  });
  const initial = Array.from({ length: opts.packets }, (_, i) => packet(i, (i % 60) * 17));

  // The slice of the store the driver reads and reports to; a finished packet starts over as a new one.
  const loopStore = createStore(() => ({
    packets: initial,
    playing: true,
    continuous: false,
    speed: 1,
    clockMs: 0,
    rate: 1,
    target: null,
    sendRequests: () => [],
    reportProgress({ completes }: { completes: string[] }) {
      if (!completes.length) return;
      const done = new Set(completes);
      const packets = loopStore.getState().packets.map((p) => {
        if (!done.has(p.id)) return p;
        const index = Number(p.id.split('/')[1]);
        const fresh = packet(index, 0);
        const el = elements.get(p.id)!;
        elements.delete(p.id);
        elements.set(fresh.id, el);
        driver.attach(p.id, null);
        driver.attach(fresh.id, el);
        return fresh;
      });
      loopStore.setState({ packets });
    },
  }));
  const driver = new PlaybackDriver(loopStore as unknown as PlaygroundStore, {
    frames: opts.frames,
    reducedMotion: () => false,
  });
  driver.setBoxes(toFlowElements(result).boxes);
  for (const p of initial) {
    const el = packetElement(layer);
    elements.set(p.id, el);
    driver.attach(p.id, el);
  }
  driver.start();

  return {
    pods: result.cluster.pods.filter((p) => p.metadata?.namespace === 'default').length,
    packets: opts.packets,
    stop() {
      driver.stop();
      layer.remove();
    },
  };
}
