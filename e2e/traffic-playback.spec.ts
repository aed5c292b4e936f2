import { expect, test } from './fixtures.ts';
import { TrafficPage } from './pages/traffic-page.ts';

test.describe('playback: step, policies, affinity, continuous', () => {
  test('while paused, each step moves the packet exactly one hop', async ({ playground: pg, page }) => {
    const tp = new TrafficPage(page);
    await page.clock.install();
    await pg.open();
    await tp.playPause.click();
    await expect(tp.playback).toHaveAttribute('data-playing', 'false');
    await tp.send.click();
    const packet = pg.packets.first();
    await expect(packet).toHaveAttribute('data-hop-index', '0');
    const total = (await tp.traffic()).packets[0]!.trace.hops.length;
    await page.clock.runFor(5000); // paused: nothing moves
    await expect(packet).toHaveAttribute('data-hop-index', '0');
    for (let i = 1; i < total; i++) {
      await tp.stepForward.click();
      await expect(packet).toHaveAttribute('data-hop-index', String(i));
      await expect(tp.hops.nth(i)).toHaveAttribute('data-state', 'current');
    }
    await tp.stepBack.click();
    await expect(packet).toHaveAttribute('data-hop-index', String(total - 2));
    await tp.stepForward.click();
    await tp.stepForward.click(); // past the last hop: finished
    await expect(packet).toHaveAttribute('data-status', 'done');
    expect((await pg.podCounters()).reduce((a, b) => a + b, 0)).toBe(1);
  });

  test('externalTrafficPolicy Local drops on a node without a local endpoint, and keeps the client IP', async ({
    playground: pg,
    page,
  }) => {
    const tp = new TrafficPage(page);
    await page.clock.install();
    await pg.open();
    const text = (await pg.text()).replace(
      'type: NodePort',
      'type: NodePort\n  externalTrafficPolicy: Local',
    );
    expect(text).toContain('externalTrafficPolicy: Local');
    await pg.setText(text);
    await expect(pg.statusLine).toHaveAttribute('data-errors', '0');
    // myserver01 (the control plane) runs none of the pods
    await tp.setTarget('10.0.2.4:31001');
    await tp.send.click();
    let { packets } = await tp.finishAll();
    const dropped = packets[packets.length - 1]!;
    expect(dropped.status).toBe('dropped');
    expect(dropped.trace.hops.map((h) => h.code)).toContain('hop.node.drop');
    await tp.tab('trace');
    await expect(tp.hops.locator('[data-testid="hop-change"]').filter({ hasText: 'DROP' })).toHaveCount(1);
    // a node with a local endpoint delivers, with no masquerade: the pod sees the real client
    await tp.setTarget('10.0.2.5:31001');
    await tp.send.click();
    ({ packets } = await tp.finishAll());
    const ok = packets[packets.length - 1]!;
    expect(ok.status).toBe('done');
    expect(ok.trace.hops.map((h) => h.code)).not.toContain('hop.node.masquerade');
    expect(ok.trace.hops.find((h) => h.code === 'hop.pod.deliver')!.after.src).toBe('203.0.113.10');
  });

  test('sessionAffinity ClientIP keeps one client on one pod, and the panel names the recent rule', async ({
    playground: pg,
    page,
  }) => {
    const tp = new TrafficPage(page);
    await page.clock.install();
    await pg.open('?example=session-affinity');
    await tp.burst.fill('10');
    await tp.sendBurst.click();
    const { packets } = await tp.finishAll();
    expect(packets).toHaveLength(10);
    expect(new Set(packets.map((p) => p.servedBy)).size).toBe(1);
    const counters = await pg.podCounters();
    expect(counters.filter((n) => n > 0)).toEqual([10]);
    await tp.tab('distribution');
    const note = page.getByTestId('affinity-note');
    await expect(note).toBeVisible();
    await expect(note.locator('li').first()).toContainText('--rcheck');
  });

  test('continuous mode sends at the rate without piling up packets', async ({ playground: pg, page }) => {
    const tp = new TrafficPage(page);
    await page.clock.install();
    await pg.open();
    await tp.continuous.click();
    await page.clock.runFor(10_000);
    await tp.continuous.click();
    const s = await tp.traffic();
    const served = Object.values(s.podRequests).reduce((a, b) => a + b, 0);
    expect(served).toBeGreaterThan(20); // 5/s for 10 s of playback, minus those still in flight
    expect(s.packets.filter((p) => p.status === 'moving').length).toBeLessThanOrEqual(20);
    await tp.tab('events');
    await expect(page.getByTestId('event-rows').locator('tr').first()).toBeVisible();
  });
});
