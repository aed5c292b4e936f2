// Finds the Chromium that Playwright will drive and says exactly how to get one when there is none.
// It never downloads a browser: this machine (and CI) reach only the npm registry and Debian's apt.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', chromium.executablePath()].filter(
  Boolean,
);
const found = candidates.find((p) => existsSync(p));
if (!found) {
  console.error(
    [
      'No Chromium found for the browser tests. Looked at:',
      ...candidates.map((p) => `  - ${p}`),
      'Get one of:',
      '  - Debian/Ubuntu: sudo apt-get install -y chromium   (then it is found at /usr/bin/chromium)',
      '  - any Chromium/Chrome binary: export CHROMIUM_PATH=/path/to/chrome',
      "  - Playwright's own build, where downloads are allowed: npx playwright install chromium",
    ].join('\n'),
  );
  process.exit(1);
}
