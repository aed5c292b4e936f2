import { expect, test } from './fixtures.ts';

test.describe('requests', () => {
  test('three requests move hop by hop and the pod counters sum to 3', async ({ playground: pg, page }) => {
    await page.clock.install();
    await pg.open();
    await page.clock.pauseAt(Date.now() + 1000);

    await pg.sendButton.click();
    await page.keyboard.press('r'); // the shortcut, with focus outside the editor
    await pg.sendButton.click();
    await expect(pg.packets).toHaveCount(3);
    await expect(pg.packets.first()).toHaveAttribute('data-status', 'moving');
    await expect(pg.packets.first()).toHaveAttribute('data-hop-index', '0');

    await page.clock.runFor(1500);
    const mid = Number(await pg.packets.first().getAttribute('data-hop-index'));
    expect(mid).toBeGreaterThan(0);
    // the newest packet's label names it at its current hop: what changed, then src → dst
    await expect(pg.packets.last().locator('.packet-label')).toContainText('→');

    await page.clock.runFor(20_000);
    for (const p of await pg.packets.all()) await expect(p).toHaveAttribute('data-status', 'done');
    const counters = await pg.podCounters();
    expect(counters.reduce((a, b) => a + b, 0)).toBe(3);
    await expect(pg.statusLine).toContainText('3');
  });

  test('the trace panel lists every hop of the last request', async ({ playground: pg, page }) => {
    await page.clock.install();
    await pg.open();
    await pg.sendButton.click();
    await page.clock.runFor(20_000);
    const state = (await page.evaluate(() => window.__playground?.state?.())) as {
      packets: { hops: string[] }[];
    };
    const hops = state.packets[0]!.hops;
    await expect(pg.hopList.locator(':scope > li')).toHaveCount(hops.length);
    expect(
      await pg.hopList
        .locator(':scope > li')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-hop-at'))),
    ).toEqual(hops);
    expect(hops[0]).toBe('client/external');
  });

  test('a pod can be the client', async ({ playground: pg, page }) => {
    await page.clock.install();
    await pg.open('?example=clusterip');
    await expect(page.getByTestId('client-picker')).toHaveValue('pod:default/nginx01');
    await expect(pg.card('client/pod/default/nginx01')).toBeVisible();
    await pg.sendButton.click();
    await page.clock.runFor(20_000);
    await expect(pg.packets.first()).toHaveAttribute('data-status', 'done');
    expect((await pg.podCounters()).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
