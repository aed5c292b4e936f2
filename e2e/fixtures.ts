import { test as base, expect } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page.ts';

const ORIGIN = 'http://127.0.0.1:4173';

/**
 * Every spec gets a PlaygroundPage and two guards checked after the test: no request left the origin
 * (everything is bundled; nothing from a CDN), counted for the whole browser context so the engine's and
 * Monaco's workers are included, and nothing was logged as a console error. A test that provokes an error
 * on purpose lists the messages it expects with `test.use({ expectedConsoleErrors: [/.../] })`.
 */
export const test = base.extend<{
  playground: PlaygroundPage;
  guards: void;
  expectedConsoleErrors: RegExp[];
}>({
  expectedConsoleErrors: [[], { option: true }],
  guards: [
    async ({ page, context, expectedConsoleErrors }, use) => {
      const outside: string[] = [];
      const errors: string[] = [];
      context.on('request', (req) => {
        const url = req.url();
        if (!(url.startsWith(`${ORIGIN}/`) || url.startsWith('data:') || url.startsWith('blob:')))
          outside.push(url);
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));
      await use();
      expect(outside, 'requests outside the origin').toEqual([]);
      const unexpected = errors.filter((e) => !expectedConsoleErrors.some((re) => re.test(e)));
      expect(unexpected, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  playground: async ({ page }, use) => {
    await use(new PlaygroundPage(page));
  },
});

export { expect };
