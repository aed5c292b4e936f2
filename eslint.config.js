import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { reactRefresh } from 'eslint-plugin-react-refresh';
import tseslint from 'typescript-eslint';
import { defineConfig, globalIgnores } from 'eslint/config';

const engineBans = [
  { object: 'Math', property: 'random', message: 'The engine is deterministic: use ctx.rng.' },
  { object: 'Date', property: 'now', message: 'The engine has no wall clock: use ctx.clock.' },
];

export default defineConfig([
  globalIgnores(['dist', 'test-results', 'playwright-report', 'node_modules']),
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended, reactRefresh.configs.vite()],
  },
  {
    // The engine runs in the browser, in Node and in tests alike: no UI, no DOM, no wall clock, no randomness.
    files: ['src/engine/**/*.ts'],
    // Tests run only in Node and may read example files; the engine code itself may not.
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', ...engineBans],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'The engine has no wall clock: use ctx.clock.' },
        { name: 'setTimeout', message: 'The engine has no timers: use ctx.clock.' },
        { name: 'setInterval', message: 'The engine has no timers: use ctx.clock.' },
        { name: 'requestAnimationFrame', message: 'Animation belongs to src/ui/playback.' },
        { name: 'window', message: 'The engine has no DOM.' },
        { name: 'document', message: 'The engine has no DOM.' },
        { name: 'process', message: 'The engine runs in the browser too: take options as arguments.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'The engine is plain TypeScript.' },
            { group: ['zustand', 'zustand/*'], message: 'State lives in src/store.' },
            { group: ['@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml'], message: 'UI only.' },
            { group: ['node:*', 'fs', 'path'], message: 'The engine runs in the browser too.' },
            { group: ['**/store/**', '**/ui/**', '**/platform/**'], message: 'engine <- store <- ui.' },
          ],
        },
      ],
    },
  },
  {
    // The UI and store reach the engine only through its one import surface.
    files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.ts', 'src/platform/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+engine/(?!index(\\.ts)?$)',
              message: 'Import the engine through src/engine/index.ts only.',
            },
          ],
        },
      ],
    },
  },
]);
