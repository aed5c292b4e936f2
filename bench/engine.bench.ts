/**
 * `npm run bench`: engine medians in Node. Not a test: it prints a table and writes bench/results/engine.json.
 * Targets (issue 3/5): each example < 1 ms median to re-simulate; 200 Services / 2,000 pods / 3 nodes < 50 ms.
 *
 * scripts/bench-engine.mjs runs it once per group (`examples`, `cluster`), each in a Node process of its own,
 * then with `report` to print and save all rows. The page, too, simulates the two in different engines
 * (small manifests on the main thread, large ones in the Web Worker): measured in one process, the
 * examples' varied objects leave the engine's code slower for the large cluster (by some 3–6 ms).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  initialTraceState,
  resultText,
  simulate,
  Simulator,
  tracePacket,
  type SimulationResult,
  type TraceRequest,
} from '../src/engine/index.ts';
import { largeClusterYaml } from './large-cluster.ts';
import { machine, median, printTable, timeRuns } from './stats.ts';

type Row = { name: string; median: string; detail?: string };
const GROUPS = ['examples', 'cluster'] as const;
const group = process.argv[2] ?? 'all';
const part = (g: string) => `bench/results/engine.${g}.tmp.json`;

const rows: Row[] = [];
const json: Record<string, number> = {};
const record = (name: string, ms: number[], detail?: string) => {
  const m = median(ms);
  json[name] = Number(m.toFixed(4));
  rows.push({ name, median: `${m.toFixed(3)} ms`, detail: detail ?? `${ms.length} runs` });
};

/**
 * A keystroke's re-simulation: a warm Simulator alternates between the text and the text with one edit, so
 * every run simulates a manifest that differs from the previous one by that edit. Checked once, untimed,
 * against a fresh simulate() of the same text.
 */
function resimulate(
  name: string,
  text: string,
  edited: string,
  runs: number,
  detail: (r: SimulationResult) => string,
) {
  if (edited === text) throw new Error(`${name}: the edit changed nothing`);
  const sim = new Simulator();
  let i = 0;
  const ms = timeRuns(() => sim.simulate(i++ % 2 ? edited : text), runs, 6);
  const check = sim.simulate(edited);
  if (resultText(check) !== resultText(simulate(edited)))
    throw new Error(`${name}: the re-simulation differs from simulate()`);
  record(name, ms, `${detail(check)}, ${runs} runs`);
}

/** The first `port: N` line, with N + 1: a learner changing a Service (or container) port. */
const editPort = (t: string) => t.replace(/\bport: (\d+)/, (_, n: string) => `port: ${Number(n) + 1}`);
/** Examples without a port (ExternalName) get their first image changed instead. */
const editExample = (t: string) => {
  const edited = editPort(t);
  return edited !== t ? edited : t.replace(/image: (\S+)/, 'image: $1-edited');
};

if (group === 'examples' || group === 'all') runExamples();
if (group === 'cluster' || group === 'all') runCluster();
if (group === 'report') {
  for (const g of GROUPS) {
    if (!existsSync(part(g))) continue;
    const saved = JSON.parse(readFileSync(part(g), 'utf8')) as {
      rows: Row[];
      medianMs: Record<string, number>;
    };
    rows.push(...saved.rows);
    Object.assign(json, saved.medianMs);
    rmSync(part(g));
  }
}
if ((GROUPS as readonly string[]).includes(group)) {
  writeFileSync(part(group), JSON.stringify({ rows, medianMs: json }));
} else {
  console.log(`\nEngine benchmarks on ${machine()}\n`);
  printTable(rows);
  writeFileSync(
    'bench/results/engine.json',
    `${JSON.stringify({ machine: machine(), medianMs: json }, null, 2)}\n`,
  );
}

function runExamples() {
  for (const f of readdirSync('examples')
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const text = readFileSync(`examples/${f}`, 'utf8');
    record(
      `simulate examples/${f}`,
      timeRuns(() => simulate(text), 200, 20),
    );
    resimulate(
      `re-simulate examples/${f}, one value edited`,
      text,
      editExample(text),
      400,
      (r) => `${r.cluster.pods.length} pods`,
    );
  }
}

function runCluster() {
  const big = largeClusterYaml(200, 2000);
  const pods = (r: SimulationResult) => `${r.cluster.pods.length} pods, ${r.errors.length} errors`;
  const bigDetail = pods(simulate(big));
  record(
    'simulate 200 Services / 2,000 pods / 3 nodes',
    timeRuns(() => simulate(big), 25, 3),
    `${bigDetail}, 25 runs`,
  );
  resimulate('… re-simulate, one Service port edited', big, editPort(big), 30, pods);
  resimulate(
    '… re-simulate, one Deployment scaled 10 → 11',
    big,
    big.replace('replicas: 10', 'replicas: 11'),
    30,
    pods,
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
}
