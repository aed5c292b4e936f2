import { expect, test } from './fixtures.ts';
import { TrafficPage } from './pages/traffic-page.ts';

test.describe('the control plane reacts', () => {
  test('scaling down plays apply → … → kube-proxy, with the removed rule lines per node', async ({
    playground: pg,
    page,
  }) => {
    const tp = new TrafficPage(page);
    await pg.open();
    await pg.setText((await pg.text()).replace('replicas: 3', 'replicas: 2'));
    await expect(pg.cards('pod')).toHaveCount(2);
    await expect(page.getByTestId('cp-banner')).toBeVisible();
    await tp.tab('timeline');
    const steps = tp.timeline.getByTestId('cp-strip').locator('li');
    await expect(steps).toHaveCount(6);
    expect(await steps.evaluateAll((els) => els.map((el) => el.getAttribute('data-step')))).toEqual([
      'apply',
      'apiserver',
      'etcd',
      'controllers',
      'proxy',
      'dns',
    ]);
    const objects = tp.timeline.getByTestId('cp-objects');
    await expect(objects.locator('li[data-change="removed"]').filter({ hasText: 'Pod/' })).toHaveCount(1);
    await expect(
      objects.locator('li[data-change="changed"]').filter({ hasText: 'EndpointSlice/' }),
    ).toHaveCount(1);
    for (const node of ['myserver01', 'myserver02', 'myserver03']) {
      const d = tp.timeline.locator(`.node-diff[data-node="${node}"]`);
      expect(Number(await d.getAttribute('data-removed'))).toBeGreaterThan(0);
    }
  });

  test('why no endpoints: the label diff, then a one-click fix brings the endpoints back', async ({
    playground: pg,
    page,
  }) => {
    const tp = new TrafficPage(page);
    await pg.open();
    const text = await pg.text();
    await pg.setText(text.replace(/(selector:\n\s+app\.kubernetes\.io\/name: )web-deploy/, '$1web-dpeloy'));
    await expect(pg.card('service/default/web-service-nodeport')).toContainText('no endpoints');
    // with no endpoints, kube-proxy's rules reject the connection
    await tp.send.click();
    const sent = (await tp.traffic()).packets[0]!.trace;
    expect(sent.hops.map((h) => h.code)).toContain('hop.node.reject');
    await tp.tab('trace');
    await expect(tp.hops.locator('[data-testid="hop-change"]').filter({ hasText: 'REJECT' })).toHaveCount(1);
    await tp.tab('why');
    await expect(tp.why).toHaveAttribute('data-ready-endpoints', '0');
    const first = tp.why.locator('.why-pod').first();
    await expect(first.locator('[data-ok="false"]')).toContainText('web-dpeloy');
    await first.locator('[data-fix="selectorValue"]').click();
    await expect(tp.why).toHaveAttribute('data-ready-endpoints', '3');
    expect(await pg.text()).toBe(text);
  });

  test('ipvs mode: written into the YAML, and round robin spreads requests evenly', async ({
    playground: pg,
    page,
  }) => {
    const tp = new TrafficPage(page);
    await page.clock.install();
    await pg.open();
    await tp.tab('distribution');
    await page.getByTestId('proxy-mode-ipvs').click();
    await expect.poll(() => pg.text()).toContain('kind: KubeProxyConfiguration\nmode: ipvs');
    await expect(tp.distribution).toHaveAttribute('data-mode', 'ipvs');
    await tp.burst.fill('6');
    await tp.sendBurst.click();
    const s = await tp.finishAll();
    const counts = Object.values(Object.values(s.tallies)[0]!.counts);
    expect(counts).toEqual([2, 2, 2]);
    expect(s.packets[0]!.trace.hops.map((h) => h.code)).toContain('hop.node.ipvs');
    await page.getByTestId('proxy-mode-iptables').click();
    await expect.poll(() => pg.text()).not.toContain('KubeProxyConfiguration');
  });
});
