import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// See ../shared/TOOLCHAIN.md for why each of these settings exists.
export default defineConfig({
  plugins: [react()],
  resolve: {
    // monaco-editor >= 0.56 has an exports map; monaco-worker-manager (used by monaco-yaml's worker)
    // still imports the old esm/vs/... paths, which would otherwise resolve to a doubled path.
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' }],
  },
  worker: { format: 'es' },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  build: {
    // The lazily loaded Monaco chunk is ~4 MB by design; the initial bundle has its own budget test.
    chunkSizeWarningLimit: 4500,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});
