import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * A strict Content-Security-Policy for the built page (not the dev server, whose React Refresh preamble is
 * an inline script). Everything is served from 'self': scripts, workers (Monaco's and the YAML worker),
 * fonts; styles allow inline because Monaco and React Flow set element styles at run time.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'playground-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// See ../shared/TOOLCHAIN.md for why each of these settings exists.
export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  resolve: {
    // monaco-editor >= 0.56 has an exports map; monaco-worker-manager (used by monaco-yaml's worker)
    // still imports the old esm/vs/... paths, which would otherwise resolve to a doubled path.
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' }],
  },
  worker: { format: 'es' },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  build: {
    // The lazily loaded Monaco chunk is ~4 MB by design; the initial bundle has its own budget check.
    chunkSizeWarningLimit: 4500,
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // The engine is pure (no import-time side effects; see STYLE.md §2 and §4), so the bundler may split
      // off whatever the page does not use. Without this, the UI's imports through src/engine/index.ts
      // (HOP_MESSAGES, diffResults) pull simulate() into the initial chunk, though it runs in the worker.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]engine[\\/]/.test(id) },
    },
  },
});
