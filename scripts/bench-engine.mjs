/**
 * `npm run bench`: builds bench/engine.bench.ts with Vite (the bundler and transform the playground ships
 * with) and runs it in Node. The engine is measured as it runs in the browser: tsx, which `npm run sim` and
 * the unit tests use, compiles with esbuild's keepNames, wrapping every function it creates in a naming
 * call; that made the engine about a third slower than the shipped bundle.
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
// --expose-gc: each case starts on a collected heap (bench/stats.ts timeRuns).
const run = spawnSync(
  process.execPath,
  ['--expose-gc', `${outDir}/engine.bench.mjs`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
