import { expect, test } from './fixtures.ts';

test.describe('editing YAML', () => {
  test('broken YAML marks the line and keeps the last cluster; fixing it updates the canvas', async ({
    playground: pg,
    page,
  }) => {
    await pg.open();
    await expect(pg.cards('pod')).toHaveCount(3);

    // Type like a person at the end of the text: a mapping nested in a compact mapping (a YAML error).
    await pg.cursorToNewLastLine();
    const line = (await pg.text()).split('\n').length;
    await pg.typeLines(['oops: a: b']);

    await expect(pg.statusLine).toHaveAttribute('data-state', 'error');
    await expect(pg.statusLine).toContainText('1 error');
    await expect
      .poll(async () => (await pg.markers('k8s-playground')).map((m) => m.startLineNumber))
      .toContain(line);
    await expect(pg.editor.locator('.squiggly-error').first()).toBeVisible();
    await expect(pg.staleBanner).toBeVisible();
    await expect(pg.cards('pod')).toHaveCount(3);
    await expect(pg.cards('clusterNode')).toHaveCount(3);

    // Fix it: remove the line, then add a Pod by typing.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await expect(pg.statusLine).toHaveAttribute('data-errors', '0');
    await expect(pg.staleBanner).toHaveCount(0);
    await pg.typeLines([
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: extra',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: nginx',
    ]);
    await expect(pg.card('pod/default/extra')).toBeVisible();
    await expect(pg.cards('pod')).toHaveCount(4);
    await expect(pg.statusLine).toHaveAttribute('data-errors', '0');
  });

  test('an apiserver rejection lands on the offending field', async ({ playground: pg }) => {
    await pg.open();
    const text = await pg.text();
    await pg.setText(text.replace('nodePort: 31001', 'nodePort: 80'));
    const line = text.split('\n').findIndex((l) => l.includes('nodePort: 31001')) + 1;
    await expect(pg.statusLine).toHaveAttribute('data-state', 'error');
    await expect
      .poll(async () => (await pg.markers('k8s-playground')).map((m) => m.startLineNumber))
      .toContain(line);
  });

  test('the text survives a reload', async ({ playground: pg, page }) => {
    await pg.open();
    const text = (await pg.text()).replace('replicas: 3', 'replicas: 2');
    await pg.setText(text);
    await expect(pg.cards('pod')).toHaveCount(2);
    await page.reload();
    await pg.waitForEditor();
    expect(await pg.text()).toBe(text);
    await expect(pg.cards('pod')).toHaveCount(2);
  });

  test('the Kubernetes schema completes fields and flags unknown ones', async ({ playground: pg, page }) => {
    await pg.open();
    await pg.setText('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  colour: red\nspec:\n  ');
    await pg.editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('sessionAff');
    await page.keyboard.press('Control+Space');
    // Monaco renders its suggest widget outside the editor (fixedOverflowWidgets).
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await expect(suggestions.filter({ hasText: /^sessionAffinity$/ })).toHaveCount(1);
    await expect(suggestions.filter({ hasText: 'sessionAffinityConfig' })).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await pg.markers('yaml')).map((m) => `${m.startLineNumber}: ${m.message}`))
      .toContainEqual(expect.stringMatching(/^5: .*colour/));
  });
});
