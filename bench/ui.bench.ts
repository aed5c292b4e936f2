/**
 * `npm run bench:ui`: the page in Debian's Chromium, measured. Not a test: it prints a table of medians and
 * writes bench/results/ui.json.
 *
 * - load → canvas / editor: performance marks `canvas-ready` (first cards shown) and `monaco-ready`.
 * - keystroke → canvas, per example: one character typed into a value the canvas shows (a Service
 *   selector's label value, or where an example has none, the ExternalName host or the Endpoints IP),
 *   timed from the keydown event to the first frame after the canvas DOM changed.
 * - fps with N packets looping over a 100-pod graph (window.__playground.loadTest, test-only): rAF
 *   callbacks counted over 3 s after a 1 s settle, with a check that the packets really move.
 *
 * It builds into a temporary directory, serves that with `vite preview` on a free 127.0.0.1 port, uses no
 * other network, and stops the server and the browser (and removes the build) by itself.
 * Targets: ≥ 55 fps median at 1,000 packets; keystroke → canvas < 50 ms for every example.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config.ts';
import type {} from '../src/platform/test-hook.ts';
import { machine, median, printTable } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** `BENCH_ONLY=load,keys,fps` runs a part (while working on it); the default runs everything. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'load,keys,fps').split(','));
const PACKETS = [100, 500, 1000, 2000];
const VIEWPORT = { width: 1280, height: 800 };
const ARGS = playwrightConfig.use?.launchOptions?.args ?? [];

/** Where each example's keystroke goes: the line to type at the end of, and why the canvas changes. */
const EDITS: { example: string; line: RegExp; what: string }[] = [
  { example: 'nodeport', line: /^ {4}app\.kubernetes\.io\/name: web-deploy$/, what: 'Service selector' },
  { example: 'clusterip', line: /^ {4}app\.kubernetes\.io\/name: web-deploy$/, what: 'Service selector' },
  { example: 'loadbalancer', line: /^ {4}app\.kubernetes\.io\/name: web-deploy$/, what: 'Service selector' },
  { example: 'externalname', line: /^ {2}externalName: /, what: 'ExternalName host' },
  { example: 'headless', line: /^ {4}app: mysql$/, what: 'Service selector' },
  { example: 'endpoints', line: /^ {6}- ip: /, what: 'Endpoints address' },
  {
    example: 'session-affinity',
    line: /^ {4}app\.kubernetes\.io\/name: web-deploy$/,
    what: 'Service selector',
  },
];

// ---------- build and serve ----------

/**
 * Always builds (about 3 s), into a directory of its own: a `npm run build` or an e2e run elsewhere on the
 * machine then cannot swap dist/ under a running benchmark.
 */
function build(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'playground-bench-'));
  const r = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (r.status !== 0) throw new Error('vite build failed');
  return outDir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startPreview(outDir: string, port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode})`);
    try {
      if ((await fetch(url)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('vite preview did not start');
}

function stopPreview(server: ChildProcess | null): void {
  if (!server?.pid || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM'); // its own process group: vite and anything it started
  } catch {
    server.kill('SIGTERM');
  }
}

// ---------- measurements ----------

async function openPage(browser: Browser, base: string, query: string) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // tsx keeps function names with an `__name` helper, which the functions sent to page.evaluate expect.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = await context.newPage();
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !/^(data|blob):/.test(r.url())) outside.push(r.url());
  });
  await page.goto(`${base}/${query}`);
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('monaco-ready').length > 0 &&
      performance.getEntriesByName('canvas-ready').length > 0,
    undefined,
    { timeout: 30_000 },
  );
  return { context, page, outside };
}

async function loadTimes(browser: Browser, base: string) {
  const { context, page, outside } = await openPage(browser, base, '?example=nodeport');
  const marks = await page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    return { canvas: at('canvas-ready'), editor: at('monaco-ready'), fcp };
  });
  await context.close();
  if (outside.length) throw new Error(`requests left 127.0.0.1: ${outside.join(', ')}`);
  return marks;
}

/** Puts the cursor at the end of the first line matching `line`. */
async function cursorToEndOf(page: Page, line: RegExp): Promise<void> {
  const text = await page.evaluate(() => window.__playground?.getText?.() ?? '');
  const index = text.split('\n').findIndex((l) => line.test(l));
  if (index < 0) throw new Error(`no line matches ${line}`);
  await page.locator('[data-testid="editor"] .view-lines').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

/** One key, timed in the page: keydown → result applied → canvas DOM changed → the next frame. */
async function timeKey(page: Page, key: string) {
  await page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="canvas"] .react-flow__nodes')!;
    const before = canvas.textContent;
    const timing = { keydown: 0, changed: 0, painted: 0 };
    (window as unknown as { __keyTiming: typeof timing }).__keyTiming = timing;
    document.addEventListener('keydown', (e) => (timing.keydown = e.timeStamp), {
      capture: true,
      once: true,
    });
    const observer = new MutationObserver(() => {
      if (canvas.textContent === before) return;
      observer.disconnect();
      timing.changed = performance.now();
      requestAnimationFrame(() => (timing.painted = performance.now()));
    });
    observer.observe(canvas, { subtree: true, childList: true, characterData: true });
  });
  await page.keyboard.press(key);
  await page.waitForFunction(
    () => (window as unknown as { __keyTiming: { painted: number } }).__keyTiming.painted > 0,
    undefined,
    { timeout: 10_000 },
  );
  return page.evaluate(() => {
    const t = (window as unknown as { __keyTiming: { keydown: number; changed: number; painted: number } })
      .__keyTiming;
    const at = (name: string) => (performance.getEntriesByName(name)[0]?.startTime ?? NaN) - t.keydown;
    return {
      posted: at('sim-posted'),
      answered: at('sim-answered'),
      ...((): { simulate: number; where: 'worker' | 'main thread' } => {
        const d = (performance.getEntriesByName('sim-answered')[0] as PerformanceMark | undefined)?.detail as
          { workerMs?: number; inlineMs?: number } | undefined;
        return d?.inlineMs !== undefined
          ? { simulate: d.inlineMs, where: 'main thread' }
          : { simulate: d?.workerMs ?? NaN, where: 'worker' };
      })(),
      applied: at('result-applied'),
      changed: t.changed - t.keydown,
      painted: t.painted - t.keydown,
    };
  });
}

async function keystrokes(browser: Browser, base: string, example: string, line: RegExp) {
  const { context, page } = await openPage(browser, base, `?example=${example}`);
  await cursorToEndOf(page, line);
  const samples: Awaited<ReturnType<typeof timeKey>>[] = [];
  // Each character breaks what the canvas shows and each Backspace mends it: both count as keystrokes.
  for (let i = 0; i < RUNS; i++) {
    samples.push(await timeKey(page, 'x'));
    await page.keyboard.press('Escape'); // a completion popup, if the schema offered one
    samples.push(await timeKey(page, 'Backspace'));
  }
  await context.close();
  return samples;
}

async function framesPerSecond(browser: Browser, base: string) {
  const { context, page } = await openPage(browser, base, '?example=nodeport');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
  const out: Record<number, { fps: number; moved: number; busy: number; pods: number }> = {};
  for (const n of PACKETS) {
    const { pods } = await page.evaluate((count) => window.__playground!.loadTest!(count), n);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1000))); // settle
    const task0 = await busy();
    const fps = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let frames = 0;
          const t0 = performance.now();
          const tick = (now: number) => {
            frames++;
            if (now - t0 < 3000) requestAnimationFrame(tick);
            else resolve((frames * 1000) / (now - t0));
          };
          requestAnimationFrame(tick);
        }),
    );
    const task1 = await busy();
    const moved = await page.evaluate(async () => {
      const els = Array.from(document.querySelectorAll<HTMLElement>('.packet[data-load-test]')).slice(0, 50);
      const before = els.map((el) => el.style.transform);
      await new Promise((r) => setTimeout(r, 300));
      return els.filter((el, i) => el.style.transform !== before[i]).length / Math.max(1, els.length);
    });
    await page.evaluate(() => window.__playground!.stopLoadTest!());
    out[n] = { fps, moved, busy: (task1 - task0) / 3, pods };
  }
  await context.close();
  return out;
}

// ---------- main ----------

async function main() {
  const outDir = build();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  const stop = () => stopPreview(server);
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    server = await startPreview(outDir, port);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ARGS,
    });
    const version = browser.version();

    const loads = [];
    for (let i = 0; i < RUNS && ONLY.has('load'); i++) loads.push(await loadTimes(browser, base));

    const keys: Record<string, { what: string; samples: Awaited<ReturnType<typeof timeKey>>[] }> = {};
    for (const { example, line, what } of ONLY.has('keys') ? EDITS : [])
      keys[example] = { what, samples: await keystrokes(browser, base, example, line) };

    const fpsRuns = [];
    for (let i = 0; i < RUNS && ONLY.has('fps'); i++) fpsRuns.push(await framesPerSecond(browser, base));

    const rows: { name: string; median: string; detail?: string }[] = [];
    const json: Record<string, number> = {};
    const ms = (name: string, xs: number[], detail: string) => {
      const m = median(xs);
      json[name] = Number(m.toFixed(1));
      rows.push({ name, median: `${m.toFixed(0)} ms`, detail });
    };
    if (loads.length) {
      ms(
        'load → canvas-ready',
        loads.map((l) => l.canvas),
        `${RUNS} cold loads, fresh context each`,
      );
      ms(
        'load → monaco-ready',
        loads.map((l) => l.editor),
        `first contentful paint ${median(loads.map((l) => l.fcp)).toFixed(0)} ms`,
      );
    }
    for (const [example, { what, samples }] of Object.entries(keys)) {
      const m = (f: (s: (typeof samples)[number]) => number) => median(samples.map(f)).toFixed(0);
      const painted = samples.map((s) => s.painted);
      ms(
        `keystroke → canvas, ${example}`,
        painted,
        `${what}; posted ${m((s) => s.posted)}, answered ${m((s) => s.answered)} (simulate ${m((s) => s.simulate)} on the ${[...new Set(samples.map((s) => s.where))].join('/')}), applied ${m((s) => s.applied)}, DOM ${m((s) => s.changed)} ms; max ${Math.max(...painted).toFixed(0)} ms; ${painted.length} keys`,
      );
    }
    for (const n of fpsRuns.length ? PACKETS : []) {
      const runs = fpsRuns.map((r) => r[n]!);
      const fps = median(runs.map((r) => r.fps));
      json[`fps ${n} packets`] = Number(fps.toFixed(1));
      rows.push({
        name: `fps, ${n} packets over ${runs[0]!.pods} pods`,
        median: `${fps.toFixed(1)} fps`,
        detail: `min ${Math.min(...runs.map((r) => r.fps)).toFixed(1)}; main thread busy ${(median(runs.map((r) => r.busy)) * 100).toFixed(0)}%; ${(Math.min(...runs.map((r) => r.moved)) * 100).toFixed(0)}% of sampled packets moved in 300 ms`,
      });
    }

    const where = `${machine()}, Chromium ${version} (${ARGS.join(' ')})`;
    console.log(`\nUI benchmarks on ${where}\n`);
    printTable(rows);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(
      'bench/results/ui.json',
      `${JSON.stringify({ machine: where, runs: RUNS, median: json }, null, 2)}\n`,
    );
    const fps1000 = json['fps 1000 packets'] ?? 60;
    const slowKeys = Object.keys(keys).filter((e) => json[`keystroke → canvas, ${e}`]! >= 50);
    if (fps1000 < 55) console.log(`\n✗ target missed: ${fps1000} fps at 1,000 packets (want ≥ 55)`);
    if (slowKeys.length)
      console.log(`\n✗ target missed: keystroke → canvas ≥ 50 ms for ${slowKeys.join(', ')}`);
    if (fps1000 >= 55 && !slowKeys.length) console.log('\n✓ targets met');
  } finally {
    await browser?.close();
    stop();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
