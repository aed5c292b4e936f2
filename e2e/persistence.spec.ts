import { expect, test } from './fixtures.ts';
import type { PlaygroundPage } from './pages/playground-page.ts';

/** Nothing typed is lost: every change is saved at once, and opening an example never silently drops text. */

const MINE = '# my own notes\n';

/** The NodePort example with a line of the learner's own: text that is not one of the examples. */
async function writeOwnText(pg: PlaygroundPage): Promise<string> {
  const text = `${await pg.text()}${MINE}`;
  await pg.setText(text);
  await pg.waitForSimulation();
  await expect(pg.examplePicker).toHaveValue('');
  return text;
}

test.describe('nothing typed is lost', () => {
  test('every keystroke is saved: a reload in the middle of typing keeps all of it', async ({
    playground: pg,
    page,
  }) => {
    await pg.open('?example=nodeport');
    const before = await pg.text();
    await pg.cursorToNewLastLine();
    // Half a line, with no pause for the simulation to answer, then the reload.
    await page.keyboard.type('# half a thou');
    await page.reload();
    await pg.waitForEditor();
    expect(await pg.text()).toBe(`${before}${before.endsWith('\n') ? '' : '\n'}# half a thou`);
    await expect(pg.examplePicker).toHaveValue('');

    // Broken YAML is saved as typed too, and comes back with its error.
    await pg.cursorToNewLastLine();
    await page.keyboard.type('oops: a: b');
    await page.reload();
    await pg.waitForEditor();
    expect(await pg.text()).toContain('# half a thou\noops: a: b');
    await pg.waitForSimulation();
    await expect(pg.statusLine).toHaveAttribute('data-state', 'error');
  });

  test('opening an example over your own text asks first; "keep" changes nothing', async ({
    playground: pg,
    page,
  }) => {
    await pg.open('?example=nodeport');
    const mine = await writeOwnText(pg);
    await pg.selectExample('clusterip');
    await expect(pg.confirmDialog).toBeVisible();
    await expect(pg.confirmDialog).toContainText('Replace your YAML?');
    await expect(pg.confirmDialog).toContainText('ClusterIP');
    await pg.confirmDialog.getByTestId('confirm-cancel').click();
    await expect(pg.confirmDialog).toHaveCount(0);
    expect(await pg.text()).toBe(mine);
    await expect(pg.examplePicker).toHaveValue('');

    // Escape answers "keep" as well.
    await pg.selectExample('loadbalancer');
    await expect(pg.confirmDialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(pg.confirmDialog).toHaveCount(0);
    expect(await pg.text()).toBe(mine);
  });

  test('replacing keeps your text one click away, also after a reload', async ({ playground: pg, page }) => {
    await pg.open('?example=nodeport');
    const mine = await writeOwnText(pg);
    await expect(pg.restoreButton).toHaveCount(0);

    await pg.selectExample('clusterip');
    await pg.confirmDialog.getByTestId('confirm-ok').click();
    await pg.waitForSimulation();
    await expect(pg.examplePicker).toHaveValue('clusterip');
    expect(await pg.text()).toContain('type: ClusterIP');
    await expect(pg.cards('pod')).toHaveCount(4);

    await page.reload();
    await pg.waitForEditor();
    await expect(pg.restoreButton).toBeVisible();
    await pg.restoreButton.click();
    await pg.waitForSimulation();
    expect(await pg.text()).toBe(mine);
    await expect(pg.examplePicker).toHaveValue('');
    await expect(pg.cards('pod')).toHaveCount(3);
    // The untouched example it replaced needs no keeping: nothing more to restore.
    await expect(pg.restoreButton).toHaveCount(0);
  });

  test('an untouched example switches without a question', async ({ playground: pg }) => {
    await pg.open('?example=nodeport');
    await pg.selectExample('clusterip');
    await expect(pg.examplePicker).toHaveValue('clusterip');
    await expect(pg.confirmDialog).toHaveCount(0);
    await expect(pg.restoreButton).toHaveCount(0);
  });

  test('a shared ?example= link does not throw away the text saved here', async ({
    playground: pg,
    page,
  }) => {
    await pg.open('?example=nodeport');
    const mine = await writeOwnText(pg);
    await page.goto('/?example=loadbalancer');
    await pg.waitForEditor();
    await expect(pg.examplePicker).toHaveValue('loadbalancer');
    await pg.restoreButton.click();
    await pg.waitForSimulation();
    expect(await pg.text()).toBe(mine);
  });

  test('the question is asked in Korean too', async ({ playground: pg, page }) => {
    await pg.open('?example=nodeport');
    await page.getByTestId('language-toggle').getByRole('button', { name: '한국어' }).click();
    await writeOwnText(pg);
    await pg.selectExample('headless');
    await expect(pg.confirmDialog).toContainText('직접 쓴 YAML을 바꿀까요?');
    await expect(pg.confirmDialog.getByTestId('confirm-cancel')).toHaveText('내 YAML 유지');
    await pg.confirmDialog.getByTestId('confirm-ok').click();
    await expect(pg.restoreButton).toHaveText('내 YAML 되돌리기');
  });
});
