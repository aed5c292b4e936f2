import { expect, test } from './fixtures.ts';

test.describe('default scenario', () => {
  test('draws the NodePort example: 3 nodes, the Service, 3 pods', async ({ playground: pg }) => {
    await pg.open();
    await expect(pg.examplePicker).toHaveValue('nodeport');
    await expect(pg.cards('clusterNode')).toHaveCount(3);
    await expect(pg.cards('service')).toHaveCount(1);
    await expect(pg.cards('pod')).toHaveCount(3);
    await expect(pg.card('service/default/web-service-nodeport')).toContainText('NodePort');
    await expect(pg.card('node/myserver01')).toContainText(':31001');
    // kube-system and the built-in `kubernetes` Service stay hidden
    await expect(pg.canvas.locator('.react-flow__node[data-id*="kube-system"]')).toHaveCount(0);
    await expect(pg.card('service/default/kubernetes')).toHaveCount(0);
    await expect(pg.statusLine).toHaveAttribute('data-errors', '0');
    expect(await pg.podCounters()).toEqual([0, 0, 0]);
  });

  test('switches language and theme, and remembers them', async ({ playground: pg, page }) => {
    await pg.open();
    await page.getByTestId('language-toggle').getByRole('button', { name: '한국어' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(pg.sendButton).toContainText('요청 보내기');
    await expect(pg.canvas.locator('.lane-title').first()).toHaveText('클라이언트');
    await page.getByTestId('theme-toggle').locator('[data-theme-option="dark"]').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await pg.waitForEditor();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`full-page screenshot, ${theme}`, async ({ playground: pg, page }, testInfo) => {
      await page.emulateMedia({ colorScheme: theme });
      await pg.open();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await pg.sendButton.click();
      await expect(pg.hopList.locator('li').first()).toBeVisible();
      const path = await pg.screenshot(`default-${theme}`);
      await testInfo.attach(`default-${theme}`, { path, contentType: 'image/png' });
    });
  }
});
