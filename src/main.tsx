// First: evaluating this module starts the engine's worker, which then loads alongside everything below.
import { createBrowserEngine } from './platform/browser-engine.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/styles/index.css';
import { EXAMPLES } from './examples/catalog.ts';
import { t } from './i18n/t.ts';
import { browserLanguages } from './platform/locale.ts';
import { markLatest, markWhenShown } from './platform/perf-marks.ts';
import { afterNextPaint, createRafFrameSource, prefersReducedMotion } from './platform/raf.ts';
import { createLocalStorage } from './platform/storage.ts';
import { exposeForTests } from './platform/test-hook.ts';
import { readUrlState, writeExampleParam } from './platform/url.ts';
import { PlaygroundStoreProvider } from './store/react.ts';
import { languageFromBrowser } from './store/prefs-slice.ts';
import { createPlaygroundStore } from './store/store.ts';
import { App } from './ui/app/App.tsx';
import { crashPanelForTests } from './ui/app/crash-for-tests.ts';
import type { LoadTest } from './ui/app/load-test.ts';
import { DriverContext } from './ui/playback/driver-context.ts';
import { PlaybackDriver } from './ui/playback/driver.ts';

async function start(root: HTMLElement) {
  const url = readUrlState();
  // The worker and the tracer chunk start loading now; the store is made once the start text is simulated.
  const engine = createBrowserEngine(EXAMPLES);
  const store = await createPlaygroundStore({
    engine,
    persist: createLocalStorage(),
    exampleId: url.example,
    seed: url.seed,
    browserLanguages: browserLanguages(),
    afterPaint: (job) => afterNextPaint(job),
  });
  markLatest('result-applied');
  store.subscribe((s, prev) => {
    if (s.result !== prev.result) markLatest('result-applied');
  });
  // `?example=` names a scenario only while the text is that scenario. It is dropped in the same keystroke
  // that first edits it (once: later keystrokes find it gone), so a reload right after typing brings back
  // the typed text rather than re-opening the linked example over it.
  let linkedExample = url.example ?? null;
  const syncExampleParam = (s: ReturnType<typeof store.getState>) => {
    const next =
      EXAMPLES.find((e) => e.id === s.exampleId)?.yaml === s.manifestText ? (s.exampleId ?? null) : null;
    if (next === linkedExample) return;
    linkedExample = next;
    writeExampleParam(next);
  };
  syncExampleParam(store.getState());
  store.subscribe((s, prev) => {
    if (s.manifestText !== prev.manifestText || s.exampleId !== prev.exampleId) syncExampleParam(s);
  });

  const frames = createRafFrameSource();
  const driver = new PlaybackDriver(store, {
    frames,
    reducedMotion: () => prefersReducedMotion(),
  });
  driver.start();

  let loadTest: LoadTest | null = null;
  exposeForTests({
    crashPanel: crashPanelForTests,
    async loadTest(packets) {
      const { startLoadTest } = await import('./ui/app/load-test.ts');
      loadTest?.stop();
      const started = await startLoadTest({ store, engine, frames, packets });
      loadTest = started;
      return { pods: started.pods, packets };
    },
    stopLoadTest: () => loadTest?.stop(),
    state: () => {
      const s = store.getState();
      return {
        sentCount: s.sentCount,
        podRequests: s.podRequests,
        packets: s.packets.map((p) => ({
          id: p.id,
          hopIndex: p.hopIndex,
          status: p.status,
          servedBy: p.servedBy,
          hops: p.trace.hops.map((h) => h.at),
        })),
      };
    },
  });

  markWhenShown('canvas-ready', root, '.react-flow__node');
  createRoot(root).render(
    <StrictMode>
      <PlaygroundStoreProvider store={store}>
        <DriverContext.Provider value={driver}>
          <App />
        </DriverContext.Provider>
      </PlaygroundStoreProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root')!;
start(root).catch((error: unknown) => {
  // Only if the engine's chunks could not load at all: say so instead of leaving a blank page.
  console.error(error);
  const message = error instanceof Error ? error.message : String(error);
  root.textContent = t(languageFromBrowser(browserLanguages()), 'error.start', { message });
});
