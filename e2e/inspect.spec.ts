import { expect, test } from './fixtures.ts';
import { TrafficPage } from './pages/traffic-page.ts';

test.describe('packet inspector', () => {
  test('selecting a packet highlights its rule line in the rules panel and its YAML line in the editor', async ({
    playground: pg,
    page,
  }) => {
    const tp = new TrafficPage(page);
    await page.clock.install();
    await pg.open();
    await tp.playPause.click();
    await tp.send.click();
    await tp.stepForward.click(); // hop 1: the node's kube-proxy rules DNAT the packet
    const packet = pg.packets.first();
    await expect(packet).toHaveAttribute('data-hop-index', '1');
    await packet.locator('.packet-dot').click();
    await expect(packet).toHaveAttribute('data-selected', 'true');

    const { packets } = await tp.traffic();
    const hop = packets[0]!.trace.hops[1]!;
    expect(hop.code).toBe('hop.node.dnat');
    const rule = hop.rules[0]!;

    await tp.hops.nth(1).getByTestId('show-rules').click();
    await expect(tp.rules).toHaveAttribute('data-node', rule.node);
    const hit = tp.rules.locator(`li[data-line="${rule.line}"]`);
    await expect(hit).toHaveAttribute('data-hit', 'true');
    await expect(hit).toContainText(rule.text);
    await expect(hit).toBeInViewport();
    const hits = await tp.rules
      .locator('li[data-hit="true"]')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-line'))));
    expect(hits.sort((a, b) => a - b)).toEqual(
      hop.rules
        .filter((r) => r.node === rule.node)
        .map((r) => r.line)
        .sort((a, b) => a - b),
    );

    // the Service's YAML document is decorated in the editor
    const text = await pg.text();
    const kindLine = text.split('\n').findIndex((l) => l === 'kind: Service') + 1;
    await expect.poll(async () => (await tp.decorations()).map((d) => d.line)).toContain(kindLine);
    expect((await tp.decorations()).every((d) => d.className === 'yaml-hop')).toBe(true);
  });

  test('clicking a Service card marks its pods and its chains; the cursor in its YAML selects it', async ({
    playground: pg,
    page,
  }) => {
    const tp = new TrafficPage(page);
    await pg.open('?example=clusterip');
    const id = 'service/default/web-service';
    await pg.card(id).click();
    await expect(pg.card(id)).toHaveClass(/is-related/);
    await expect(pg.canvas.locator('.react-flow__node-pod.is-related')).toHaveCount(3);
    await expect(pg.card('pod/default/nginx01')).toHaveClass(/is-dimmed/);
    await tp.tab('rules');
    await expect(tp.rules.locator('li[data-service="true"]').first()).toBeVisible();
    await expect.poll(async () => (await tp.decorations()).map((d) => d.className)).toContain('yaml-service');
    // click empty canvas: nothing selected
    await pg.canvas.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect(pg.card(id)).not.toHaveClass(/is-related/);
    // cursor inside the Service document selects it again
    const text = await pg.text();
    const line = text.split('\n').findIndex((l) => l.includes('name: web-service')) + 1;
    await pg.editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
    await expect(pg.card(id)).toHaveClass(/is-related/);
  });

  test('the event list names every hop in virtual time, and a row opens its packet', async ({
    playground: pg,
    page,
  }) => {
    const tp = new TrafficPage(page);
    await page.clock.install();
    await pg.open();
    await tp.send.click();
    await tp.send.click();
    const s = await tp.finishAll();
    await tp.tab('events');
    const rows = page.getByTestId('event-rows').locator('tr');
    // one row per hop reached, plus one per finished packet
    const hops = s.packets.reduce((n, p) => n + p.trace.hops.length + 1, 0);
    await expect(rows).toHaveCount(hops);
    await rows
      .filter({ has: page.locator('td') })
      .last()
      .click(); // the first event: req/1 sent
    await expect(tp.dock).toHaveAttribute('data-tab', 'trace');
    await expect(tp.inspector).toHaveAttribute('data-packet-id', 'req/1');
  });
});
