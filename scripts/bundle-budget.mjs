// Bundle budget, checked by `npm test` after the build: the JavaScript the page needs before the editor is
// wanted (index.html's module script and its static imports) stays <= 200 KB gzip. Monaco and the YAML
// worker load after first paint and are reported, not budgeted.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_GZIP = 200 * 1024;
const dist = 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [
  ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g),
].map((m) => m[1]);

// Follow static imports from the entry chunks (Rolldown writes `import ... from "./x.js"` at top level).
const seen = new Set();
const queue = [...entries];
while (queue.length) {
  const f = queue.shift();
  if (seen.has(f)) continue;
  seen.add(f);
  const code = readFileSync(join(dist, f), 'utf8');
  for (const m of code.matchAll(
    /(?:^|[;\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\.?\/[^"']+\.js)["']/g,
  )) {
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    queue.push(join(dir, m[1]).replace(/\\/g, '/'));
  }
}

const gz = (f) => gzipSync(readFileSync(join(dist, f))).length;
let initial = 0;
const lines = [];
for (const f of [...seen].sort()) {
  const size = gz(f);
  initial += size;
  lines.push(`  initial  ${(size / 1024).toFixed(1).padStart(7)} KB gz  ${f}`);
}
const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !seen.has(`assets/${f}`));
for (const f of assets.sort()) {
  lines.push(
    `  lazy     ${(gz(`assets/${f}`) / 1024).toFixed(1).padStart(7)} KB gz  assets/${f}  (${(statSync(join(dist, 'assets', f)).size / 1024).toFixed(0)} KB raw)`,
  );
}
console.log(
  `bundle: initial JavaScript ${(initial / 1024).toFixed(1)} KB gzip (budget ${BUDGET_GZIP / 1024} KB)`,
);
console.log(lines.join('\n'));
if (!seen.size) {
  console.error('bundle budget: found no entry script in dist/index.html');
  process.exit(1);
}
if (initial > BUDGET_GZIP) {
  console.error(`bundle budget exceeded: ${(initial / 1024).toFixed(1)} KB > ${BUDGET_GZIP / 1024} KB gzip`);
  process.exit(1);
}
