/**
 * `npm run bench`: builds bench/engine.bench.ts with Vite (the bundler and transform the playground ships
 * with) and runs it in Node, one process per group of cases. The engine is measured as it runs in the
 * browser: tsx, which `npm run sim` and the unit tests use, compiles with esbuild's keepNames, wrapping
 * every function it creates in a naming call; that made the engine about a third slower than the bundle.
 */
import { spawnSync } from 'node:child_process';
import { build } from 'vite';

const outDir = 'node_modules/.cache/bench';
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: 'bench/engine.bench.ts',
    outDir,
    emptyOutDir: true,
    minify: false,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'engine.bench.mjs' } },
  },
});
// --expose-gc: each case starts on a collected heap (bench/stats.ts timeRuns). One process per group, as
// the page keeps small and large manifests in different engines (see bench/engine.bench.ts), then the report.
for (const group of ['examples', 'cluster', 'report']) {
  const run = spawnSync(process.execPath, ['--expose-gc', `${outDir}/engine.bench.mjs`, group], {
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
