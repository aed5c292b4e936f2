import { expect, test } from './fixtures.ts';
import { TrafficPage } from './pages/traffic-page.ts';

/** Every Service type of examples/: one request, and the DOM's hops are the engine's hops. */
const CASES: { id: string; client?: string; expect: (codes: string[]) => void }[] = [
  { id: 'nodeport', expect: (c) => expect(c).toContain('hop.node.dnat') },
  {
    id: 'clusterip',
    expect: (c) => expect(c).toEqual(expect.arrayContaining(['hop.dns.resolve', 'hop.node.dnat'])),
  },
  { id: 'loadbalancer', expect: (c) => expect(c).toContain('hop.node.dnat') },
  {
    id: 'externalname',
    expect: (c) => expect(c).toEqual(expect.arrayContaining(['hop.dns.cname', 'hop.external.leave'])),
  },
  { id: 'headless', expect: (c) => expect(c).toContain('hop.dns.headless') },
  { id: 'endpoints', expect: (c) => expect(c).toContain('hop.endpoint.deliver') },
  { id: 'session-affinity', expect: (c) => expect(c).toContain('hop.node.dnat') },
];

test.describe('traffic per Service type', () => {
  for (const c of CASES) {
    test(`${c.id}: hop sequence and labels match the engine's trace`, async ({ playground: pg, page }) => {
      const tp = new TrafficPage(page);
      await page.clock.install();
      await pg.open(`?example=${c.id}`);
      await tp.send.click();
      const { packets } = await tp.finishAll();
      const trace = packets[0]!.trace;
      c.expect(trace.hops.map((h) => h.code));
      await tp.tab('trace');
      await tp.expectHopsMatch(trace);
      if (trace.dns) {
        // DNS hops go to a CoreDNS card drawn for the occasion (kube-system stays hidden)
        await expect(pg.canvas.locator('.react-flow__node-dns')).toHaveCount(1);
        await expect(page.getByTestId('dns-answer')).toContainText(trace.dns.answers[0] ?? trace.dns.rcode);
      }
    });
  }

  test('a headless Service answers DNS with every ready pod, and the client connects to one', async ({
    playground: pg,
    page,
  }) => {
    const tp = new TrafficPage(page);
    await page.clock.install();
    await pg.open('?example=headless');
    await tp.send.click();
    const { packets } = await tp.finishAll();
    const trace = packets[0]!.trace;
    const ready = await pg.canvas
      .locator('.react-flow__node-pod [data-kind="pod"][data-ready="true"]')
      .filter({ hasText: 'mysql-' })
      .allInnerTexts();
    const ips = ready.map((t) => /10\.244\.\d+\.\d+/.exec(t)?.[0]).sort();
    expect(ips).toHaveLength(3);
    expect([...(trace.dns?.answers ?? [])].sort()).toEqual(ips);
    for (const ip of ips) await expect(page.getByTestId('dns-answer')).toContainText(ip!);
    const deliver = trace.hops.find((h) => h.code === 'hop.pod.deliver')!;
    expect(ips).toContain(deliver.after.dst);
  });

  test('a name that does not exist gets NXDOMAIN', async ({ playground: pg, page }) => {
    const tp = new TrafficPage(page);
    await page.clock.install();
    await pg.open('?example=clusterip');
    await tp.setTarget('no-such-service');
    await tp.send.click();
    const { packets } = await tp.finishAll();
    expect(packets[0]!.trace.hops.map((h) => h.code)).toContain('hop.dns.nxdomain');
    await tp.tab('trace');
    await expect(page.getByTestId('hop-list').locator('li[data-change="nxdomain"]')).toHaveCount(1);
    await tp.expectHopsMatch(packets[0]!.trace);
  });
});
