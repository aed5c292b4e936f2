import { expect, test } from './fixtures.ts';

/**
 * The page treats everything a learner types or links as data: a strict Content-Security-Policy holds
 * (and nothing in the app needs it loosened), markup in YAML shows as text, junk in `?example=` opens the
 * default example, and no request leaves the origin (the fixture's guard, for every spec).
 */

const XSS = '<img src=x onerror=window.__xss=1>';
const ALERT = '<img src=x onerror=alert(1)>';

declare global {
  interface Window {
    __xss?: number;
    __cspViolations?: string[];
  }
}

const dialogs: string[] = [];

test.beforeEach(async ({ page }) => {
  dialogs.length = 0;
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  // An alert() would mean markup ran as script: note it, dismiss it, and fail the test afterwards.
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
});

test.afterEach(async ({ page }) => {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await page.evaluate(() => window.__cspViolations ?? [])).toEqual([]);
});

test('the built page carries a strict CSP, and the editor, workers and canvas all work under it', async ({
  playground: pg,
  request,
}) => {
  const html = await (await request.get('/')).text();
  const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '')
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
  const directives = Object.fromEntries(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
  expect(directives).toMatchObject({
    'default-src': "'self'",
    'script-src': "'self'",
    'worker-src': "'self' blob:",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
  });
  expect(csp).not.toContain('unsafe-eval');
  expect(directives['script-src']).not.toContain('unsafe-inline');
  // Every script is a file from our origin: no inline code for the policy to forbid.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

  // Under that policy: Monaco and its YAML worker (a schema marker), the engine worker (a canvas), the
  // tracer (a request) all run, and the fixture sees no console error.
  await pg.open('?example=nodeport');
  await expect(pg.cards('pod')).toHaveCount(3);
  await pg.setText('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  colour: red\n');
  await expect.poll(async () => (await pg.markers('yaml')).map((m) => m.startLineNumber)).toContain(5);
  await pg.selectExample('nodeport');
  await pg.confirmDialog.getByTestId('confirm-ok').click();
  await pg.waitForSimulation();
  await pg.sendButton.click();
  await expect(pg.hopList.locator('li').first()).toBeVisible();
});

test('markup in names, labels, annotations and kinds shows as text', async ({ playground: pg, page }) => {
  await pg.open('?example=nodeport');
  const imagesBefore = await page.locator('img').count();
  const yaml = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: "${XSS}"`,
    '  labels:',
    `    app: "${XSS}"`,
    '  annotations:',
    `    note: "${ALERT}"`,
    `    "${XSS}": value`,
    'spec:',
    '  ports: [{ port: 80 }]',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: markup-pod',
    '  annotations:',
    `    note: "${ALERT}"`,
    'spec:',
    `  containers: [{ name: c, image: "${XSS}" }]`,
    '---',
    'apiVersion: example.com/v1',
    `kind: "${XSS}"`,
    'metadata:',
    '  name: w',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: external',
    'spec:',
    '  type: ExternalName',
    `  externalName: "${XSS}"`,
  ].join('\n');
  await pg.setText(yaml);
  await pg.waitForSimulation();

  // The apiserver rejects the name; its message quotes the markup, which the status line shows as text.
  await expect(pg.statusLine).toHaveAttribute('data-state', 'error');
  await expect(pg.statusLine.locator('.status-first')).toContainText(XSS);
  const messages = (await pg.markers('k8s-playground')).map((m) => m.message).join('\n');
  expect(messages).toContain(XSS);
  expect(messages).toMatch(/not simulated/);

  // The accepted pod is drawn with its plain name; every panel of the dock shows this cluster too; and
  // nothing anywhere became an element.
  await expect(pg.card('pod/default/markup-pod')).toBeVisible();
  for (const tab of await page.getByRole('tablist').first().getByRole('tab').all()) await tab.click();
  expect(await page.locator('img').count()).toBe(imagesBefore);
  expect(await page.locator('.app img[src="x"], .app [onerror]').count()).toBe(0);

  // The editor's hover over the rejected name shows the message as text too.
  await pg.editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover').filter({ hasText: 'invalid' }).first();
  await expect(hover).toBeVisible();
  await expect(hover).toContainText(XSS);
  expect(await hover.locator('img').count()).toBe(0);
});

test('junk in a shared link is data: the default example opens', async ({ playground: pg, page }) => {
  const junk = [
    `?example=${encodeURIComponent('<script>window.__xss=1</script>')}`,
    `?example=${encodeURIComponent('javascript:window.__xss=1')}`,
    '?example=../../../../etc/passwd',
    '?example=__proto__&seed=1e999',
    '?example=constructor&seed=-5',
    `?example=${'a'.repeat(5000)}`,
    `?example=%00%ff&seed=NaN#${encodeURIComponent(XSS)}`,
  ];
  for (const query of junk) {
    await pg.open(query);
    await expect(pg.examplePicker, query).toHaveValue('nodeport');
    await expect(pg.cards('pod'), query).toHaveCount(3);
    // The link is rewritten to the example actually shown.
    await expect(page, query).toHaveURL(/[?&]example=nodeport(&|$|#)/);
  }
});

test('a full session sends nothing outside the origin', async ({ playground: pg, page }) => {
  // The fixture's guard records every request of the browser context (page and workers) and fails the
  // test on any that is not http://127.0.0.1:4173, data: or blob:.
  await pg.open('?example=nodeport');
  await pg.cursorToNewLastLine();
  await pg.typeLines(['# a session']);
  await pg.waitForSimulation();
  await pg.selectExample('clusterip');
  await pg.confirmDialog.getByTestId('confirm-ok').click();
  for (const id of ['loadbalancer', 'externalname', 'nodeport']) {
    await pg.selectExample(id);
    await pg.waitForSimulation();
  }
  await pg.sendButton.click();
  await page.getByTestId('language-toggle').getByRole('button', { name: '한국어' }).click();
  await page.getByTestId('theme-toggle').locator('[data-theme-option="dark"]').click();
  await pg.restoreButton.click();
  await pg.waitForSimulation();
  await page.reload();
  await pg.waitForEditor();
  const elsewhere = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((url) => !url.startsWith(location.origin)),
  );
  expect(elsewhere).toEqual([]);
});
