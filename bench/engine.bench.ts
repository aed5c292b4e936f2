/**
 * `npm run bench`: engine medians in Node. Not a test: it prints a table and writes bench/results/engine.json.
 * Targets (issue 3/5): each example < 1 ms median to re-simulate; 200 Services / 2,000 pods / 3 nodes < 50 ms.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { initialTraceState, simulate, tracePacket, type TraceRequest } from '../src/engine/index.ts';
import { largeClusterYaml } from './large-cluster.ts';
import { machine, median, printTable, timeRuns } from './stats.ts';

const rows: { name: string; median: string; detail?: string }[] = [];
const json: Record<string, number> = {};
const record = (name: string, ms: number[], detail?: string) => {
  const m = median(ms);
  json[name] = Number(m.toFixed(4));
  rows.push({ name, median: `${m.toFixed(3)} ms`, detail: detail ?? `${ms.length} runs` });
};

for (const f of readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  const text = readFileSync(`examples/${f}`, 'utf8');
  record(
    `simulate examples/${f}`,
    timeRuns(() => simulate(text), 200, 20),
  );
}

const big = largeClusterYaml(200, 2000);
const bigResult = simulate(big);
record(
  'simulate 200 Services / 2,000 pods / 3 nodes',
  timeRuns(() => simulate(big), 15, 3),
  `${bigResult.cluster.pods.length} pods, ${bigResult.errors.length} errors, 15 runs`,
);

const np = simulate(readFileSync('examples/nodeport.yaml', 'utf8'));
const node2 = np.cluster.nodes[1]?.status?.addresses?.[0]?.address ?? '10.0.2.5';
const req: TraceRequest = { client: { kind: 'external', ip: '203.0.113.10' }, target: `${node2}:31001` };
const N = 100_000;
const traceMs = timeRuns(
  () => {
    let state = initialTraceState(1);
    for (let i = 0; i < N; i++)
      state = tracePacket(np, { ...req, srcPort: 40000 + (i % 20000) }, state).state;
  },
  3,
  1,
);
record(
  'trace 100,000 requests (NodePort, external)',
  traceMs,
  `${((median(traceMs) / N) * 1000).toFixed(2)} µs/request, 3 runs`,
);

console.log(`\nEngine benchmarks on ${machine()}\n`);
printTable(rows);
writeFileSync(
  'bench/results/engine.json',
  `${JSON.stringify({ machine: machine(), medianMs: json }, null, 2)}\n`,
);
