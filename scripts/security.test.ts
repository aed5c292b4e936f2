/**
 * Code rules a reviewer should not have to remember: our code never turns text into code or markup, and
 * every e2e spec runs under the guards in e2e/fixtures.ts (no request off the origin, no console error).
 * The built page's Content-Security-Policy (no 'unsafe-eval', no inline script) is checked in
 * e2e/security.spec.ts, where it also proves that nothing we ship needs more.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return ext.test(name) ? [path] : [];
  });
}

/** Code with comments and string literals blanked, so prose about eval is not a hit. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""');
}

const FORBIDDEN: [RegExp, string][] = [
  [/\beval\s*\(/, 'eval()'],
  [/\bnew\s+Function\s*\(/, 'new Function()'],
  [/(?<![.\w])Function\s*\(/, 'Function()'],
  [/\bset(?:Timeout|Interval)\s*\(\s*['"`]/, 'a timer given a string of code'],
  [/dangerouslySetInnerHTML/, 'dangerouslySetInnerHTML'],
  [/\.(?:inner|outer)HTML\s*=(?!=)/, 'innerHTML/outerHTML assignment'],
  [/\binsertAdjacentHTML\s*\(/, 'insertAdjacentHTML()'],
  [/\bdocument\.write(?:ln)?\s*\(/, 'document.write()'],
  [/\bcreateContextualFragment\s*\(/, 'createContextualFragment()'],
];

describe('security rules for our code', () => {
  const sources = files('src', /\.(ts|tsx)$/);

  it('finds the sources', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  it('never evaluates text as code or writes text as HTML', () => {
    const hits: string[] = [];
    for (const file of sources) {
      const lines = code(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const [re, what] of FORBIDDEN) if (re.test(line)) hits.push(`${file}:${i + 1}: ${what}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('the checker itself sees what it forbids', () => {
    const samples = [
      'eval(text)',
      'const f = new Function("return 1")',
      'setTimeout("alert(1)", 0)',
      'el.innerHTML = text',
      '<div dangerouslySetInnerHTML={{ __html: x }} />',
    ];
    for (const s of samples)
      expect(
        FORBIDDEN.some(([re]) => re.test(code(s))),
        s,
      ).toBe(true);
    expect(
      FORBIDDEN.some(([re]) => re.test(code('// eval(x) in a comment, and "new Function(" in a string'))),
    ).toBe(false);
  });

  it('every e2e spec runs under the fixture guards', () => {
    const specs = files('e2e', /\.spec\.ts$/);
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) {
      const text = readFileSync(spec, 'utf8');
      expect(text, spec).toMatch(/import \{[^}]*\btest\b[^}]*\} from '\.\/fixtures\.ts'/);
      expect(text, spec).not.toMatch(/from '@playwright\/test'/);
    }
  });

  it('the Content-Security-Policy the build injects allows no eval and no inline script', () => {
    const config = readFileSync('vite.config.ts', 'utf8');
    const csp = /const CSP = \[([\s\S]*?)\]\.join/.exec(config)?.[1] ?? '';
    expect(csp).toContain(`"script-src 'self'"`);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^"]*unsafe-inline/);
  });
});
