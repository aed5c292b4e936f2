/**
 * `npm run sim -- FILE|- [--json] ...`: the engine in Node. Prints kubectl-style tables, or with --json
 * exactly one JSON object (README, "The CLI contract"). Exit 0: all accepted; 1: something was rejected;
 * 2: the input is not YAML at all (or the arguments are wrong).
 */
import { readFileSync } from 'node:fs';
import { parseArgs, USAGE } from './args.ts';
import { buildReport, renderText } from './report.ts';
import { simulate } from '../src/engine/index.ts';

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`sim: ${args.error}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file === '-' ? 0 : args.file, 'utf8');
  } catch (e) {
    process.stderr.write(`sim: cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  const result = simulate(text, { seed: args.seed });
  const report = buildReport(result, args);
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(result, report, args));
  if (result.fatal) return 2;
  return report.errors.length ? 1 : 0;
}

process.exitCode = main();
