import { test as base, expect } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page.ts';

const ORIGIN = 'http://127.0.0.1:4173';

/**
 * Every spec gets a PlaygroundPage and two guards checked after the test: no request left the origin
 * (everything is bundled; nothing from a CDN) and nothing was logged as a console error.
 */
export const test = base.extend<{ playground: PlaygroundPage; guards: void }>({
  guards: [
    async ({ page }, use) => {
      const outside: string[] = [];
      const errors: string[] = [];
      page.on('request', (req) => {
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
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  playground: async ({ page }, use) => {
    await use(new PlaygroundPage(page));
  },
});

export { expect };
