import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/styles/index.css';
import { browserLanguages } from './platform/locale.ts';
import { createRafFrameSource, prefersReducedMotion } from './platform/raf.ts';
import { createLocalStorage } from './platform/storage.ts';
import { exposeForTests } from './platform/test-hook.ts';
import { readUrlState } from './platform/url.ts';
import { PlaygroundStoreProvider } from './store/react.ts';
import { realEngine } from './store/real-engine.ts';
import { createPlaygroundStore } from './store/store.ts';
import { App } from './ui/app/App.tsx';
import { DriverContext } from './ui/playback/driver-context.ts';
import { PlaybackDriver } from './ui/playback/driver.ts';

const url = readUrlState();
const store = createPlaygroundStore({
  engine: realEngine,
  persist: createLocalStorage(),
  exampleId: url.example,
  seed: url.seed,
  browserLanguages: browserLanguages(),
});
const driver = new PlaybackDriver(store, {
  frames: createRafFrameSource(),
  reducedMotion: () => prefersReducedMotion(),
});
driver.start();

exposeForTests({
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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PlaygroundStoreProvider store={store}>
      <DriverContext.Provider value={driver}>
        <App />
      </DriverContext.Provider>
    </PlaygroundStoreProvider>
  </StrictMode>,
);
