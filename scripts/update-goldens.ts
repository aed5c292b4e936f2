/** `npm run goldens`: rewrites examples/*.golden.txt from the current engine. Review the diff before committing. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { simulate } from '../src/engine/index.ts';
import { goldenText } from '../cli/goldens.ts';

for (const f of readdirSync('examples').filter((f) => f.endsWith('.yaml'))) {
  const id = f.replace(/\.yaml$/, '');
  const text = goldenText(id, simulate(readFileSync(`examples/${f}`, 'utf8')));
  writeFileSync(`examples/${id}.golden.txt`, text);
  console.log(`wrote examples/${id}.golden.txt`);
}
