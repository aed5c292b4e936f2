import { expect, test } from './fixtures.ts';

const EXAMPLES: {
  id: string;
  cards: Partial<Record<'service' | 'pod' | 'loadBalancer' | 'external', number>>;
}[] = [
  { id: 'nodeport', cards: { service: 1, pod: 3 } },
  { id: 'clusterip', cards: { service: 1, pod: 4 } },
  { id: 'loadbalancer', cards: { service: 1, pod: 3, loadBalancer: 1 } },
  { id: 'externalname', cards: { service: 1, pod: 1, external: 1 } },
  { id: 'headless', cards: { service: 1, pod: 4 } },
  { id: 'endpoints', cards: { service: 1, pod: 1, external: 1 } },
  { id: 'session-affinity', cards: { service: 1, pod: 4 } },
];

test.describe('examples', () => {
  test('each example from the picker draws', async ({ playground: pg, page }) => {
    await pg.open();
    for (const { id, cards } of EXAMPLES) {
      await pg.selectExample(id);
      await expect(page).toHaveURL(new RegExp(`[?&]example=${id}`));
      for (const [type, count] of Object.entries(cards)) {
        await expect(pg.cards(type as keyof typeof cards), `${id}: ${type}`).toHaveCount(count);
      }
      await expect(pg.cards('clusterNode')).toHaveCount(3);
      expect(await pg.text()).toContain('kind: Service');
    }
  });

  test('?example= opens that scenario', async ({ playground: pg }) => {
    await pg.open('?example=loadbalancer');
    await expect(pg.examplePicker).toHaveValue('loadbalancer');
    await expect(pg.cards('loadBalancer')).toHaveCount(1);
  });
});
