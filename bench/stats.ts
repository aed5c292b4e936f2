/** Small helpers shared by the benchmarks: timing loops and medians, printed as a table. */
import { cpus, totalmem } from 'node:os';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed; returns the per-run milliseconds. Each case
 * starts on a collected heap when Node exposes gc (npm run bench does), so that it does not pay for the
 * garbage an earlier case left; the collections its own runs cause are timed.
 */
export function timeRuns(fn: () => void, runs: number, warmup = 3): number[] {
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export function printTable(rows: { name: string; median: string; detail?: string }[]): void {
  const w = Math.max(...rows.map((r) => r.name.length), 4);
  console.log(`| ${'case'.padEnd(w)} | median | detail |`);
  console.log(`|${'-'.repeat(w + 2)}|--------|--------|`);
  for (const r of rows) console.log(`| ${r.name.padEnd(w)} | ${r.median} | ${r.detail ?? ''} |`);
}
