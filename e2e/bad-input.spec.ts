import { expect, test } from './fixtures.ts';
import type { PlaygroundPage } from './pages/playground-page.ts';

/**
 * Bad input in the page: each kind gives a clear message on the right line (status line and editor
 * marker), and the canvas keeps the last cluster it could draw. The engine's own bad-input tests
 * (src/engine/sim/bad-input.test.ts) cover the engine; these cover the page around it.
 */

const MARKER_OWNER = 'k8s-playground';

/** The open example, then one more document after it; returns the text and the new document's first line. */
async function appendDocument(pg: PlaygroundPage, doc: string): Promise<{ text: string; first: number }> {
  const example = await pg.text();
  const base = example.endsWith('\n') ? example : `${example}\n`;
  return { text: `${base}---\n${doc}`, first: base.split('\n').length + 1 };
}

async function expectProblemAt(
  pg: PlaygroundPage,
  state: 'error' | 'warning',
  line: number,
  message: RegExp,
): Promise<void> {
  await pg.waitForSimulation();
  await expect(pg.statusLine).toHaveAttribute('data-state', state);
  const first = pg.statusLine.locator('.status-first');
  await expect(first).toHaveAttribute('data-line', String(line));
  await expect(first).toContainText(message);
  await expect
    .poll(async () =>
      (await pg.markers(MARKER_OWNER)).map((m) => `${m.startLineNumber} ${m.severity} ${m.message}`),
    )
    .toContainEqual(
      expect.stringMatching(new RegExp(`^${line} ${state === 'error' ? 8 : 4} .*${message.source}`)),
    );
}

/** The NodePort example's cluster is still drawn: 3 nodes, its Service, 3 pods. */
async function expectLastCanvas(pg: PlaygroundPage): Promise<void> {
  await expect(pg.cards('clusterNode')).toHaveCount(3);
  await expect(pg.card('service/default/web-service-nodeport')).toBeVisible();
  await expect(pg.cards('pod')).toHaveCount(3);
}

test.describe('bad input in the page', () => {
  test.beforeEach(async ({ playground: pg }) => {
    await pg.open('?example=nodeport');
    await expectLastCanvas(pg);
  });

  test('a YAML syntax error: marked at its line, the last canvas stays', async ({ playground: pg }) => {
    const { text, first } = await appendDocument(
      pg,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: x: y\n',
    );
    await pg.setText(text);
    await expectProblemAt(pg, 'error', first + 3, /Nested mappings are not allowed/);
    await expect(pg.staleBanner).toBeVisible();
    await expectLastCanvas(pg);
    await pg.editor.locator('.view-lines').click();
    await pg.page.keyboard.press('Control+End');
    await expect(pg.editor.locator('.squiggly-error').first()).toBeVisible();
  });

  test('wrong field types: the apiserver rejects that field, the rest is drawn', async ({
    playground: pg,
  }) => {
    const example = await pg.text();
    const { text, first } = await appendDocument(
      pg,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: typed\nspec:\n  ports:\n    - port: eighty\n',
    );
    await pg.setText(text);
    await expectProblemAt(pg, 'error', first + 6, /must be an integer/);
    await expect(pg.statusLine.locator('.status-first')).toContainText('spec.ports[0].port');
    await expect(pg.card('service/default/typed')).toHaveCount(0);
    await expectLastCanvas(pg);

    await pg.setText(example);
    const list = await appendDocument(
      pg,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typed\nspec:\n  containers: yes\n',
    );
    await pg.setText(list.text);
    await expectProblemAt(pg, 'error', list.first + 5, /must be a list/);
  });

  test('an unknown kind is a "not simulated" warning; everything else is drawn', async ({
    playground: pg,
  }) => {
    const example = await pg.text();
    await pg.setText(`apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\n${example}`);
    await expectProblemAt(pg, 'warning', 2, /not simulated/);
    await expect(pg.statusLine).toHaveAttribute('data-errors', '0');
    await expect(pg.staleBanner).toHaveCount(0);
    await expect(pg.editor.locator('.squiggly-warning').first()).toBeVisible();
    await expectLastCanvas(pg);
  });

  test('an alias bomb is refused at its document', async ({ playground: pg }) => {
    const aliases = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      aliases.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const { text, first } = await appendDocument(
      pg,
      `apiVersion: v1\nkind: Pod\nmetadata: { name: bomb }\nspec:\n${aliases.map((l) => `  ${l}`).join('\n')}\n`,
    );
    await pg.setText(text);
    await expectProblemAt(pg, 'error', first, /alias/i);
    await expectLastCanvas(pg);
  });

  test('binary garbage is "not a manifest", at line 1', async ({ playground: pg }) => {
    const garbage = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65535)).join('');
    await pg.setText(garbage);
    await expectProblemAt(pg, 'error', 1, /must be a mapping with apiVersion and kind/);
    await expect(pg.staleBanner).toBeVisible();
    await expectLastCanvas(pg);
  });

  test('JSON is YAML too: a JSON Pod is drawn', async ({ playground: pg }) => {
    const json = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'from-json' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    };
    await pg.setText(JSON.stringify(json, null, 2));
    await pg.waitForSimulation();
    await expect(pg.card('pod/default/from-json')).toBeVisible();
    await expect(pg.statusLine).toHaveAttribute('data-errors', '0');
  });

  test('duplicate keys are an error at the second key', async ({ playground: pg }) => {
    const { text, first } = await appendDocument(
      pg,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  containers: [{ name: c, image: nginx }]\n',
    );
    await pg.setText(text);
    await expectProblemAt(pg, 'error', first + 4, /Map keys must be unique/);
    await expectLastCanvas(pg);
  });

  test('a tab used as indentation is an error at its line', async ({ playground: pg }) => {
    const { text, first } = await appendDocument(pg, 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: t\n');
    await pg.setText(text);
    await expectProblemAt(pg, 'error', first + 3, /Tabs are not allowed/);
    await expectLastCanvas(pg);
  });

  test('a UTF-8 byte order mark changes nothing', async ({ playground: pg }) => {
    const example = await pg.text();
    await pg.setText(`\ufeff${example}\n# with a BOM\n`);
    await pg.waitForSimulation();
    await expect(pg.statusLine).toHaveAttribute('data-state', 'ok');
    await expectLastCanvas(pg);
    await expect(pg.staleBanner).toHaveCount(0);
  });
});

/**
 * Holds the engine worker's answers while `window.__holdEngine` is true (releaseEngine() delivers them), so
 * a test can look at the page while a simulation is still out, however fast the machine simulates. Only
 * the worker named `engine` is held; Monaco's workers answer as usual. Test-only: an init script.
 */
function holdableEngineWorker() {
  const win = window as unknown as { __holdEngine?: boolean; __held?: (() => void)[] };
  win.__held = [];
  const Native = window.Worker;
  class HoldableWorker extends Native {
    private readonly engine: boolean;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.engine = options?.name === 'engine';
    }
    override set onmessage(handler: ((this: Worker, ev: MessageEvent) => unknown) | null) {
      super.onmessage = !handler
        ? null
        : (event: MessageEvent) => {
            if (this.engine && win.__holdEngine) win.__held!.push(() => handler.call(this, event));
            else handler.call(this, event);
          };
    }
    override get onmessage() {
      return super.onmessage;
    }
  }
  window.Worker = HoldableWorker;
}

async function releaseEngine(pg: PlaygroundPage): Promise<void> {
  await pg.page.evaluate(() => {
    const win = window as unknown as { __holdEngine?: boolean; __held?: (() => void)[] };
    win.__holdEngine = false;
    for (const deliver of win.__held!.splice(0)) deliver();
  });
}

test.describe('big input keeps the page responsive', () => {
  test.beforeEach(async ({ playground: pg, page }) => {
    await page.addInitScript(holdableEngineWorker);
    await pg.open('?example=nodeport');
  });

  /** Types at the very end of the editor's text and checks the text took it, while the worker works. */
  async function typeWhilePending(pg: PlaygroundPage, typed: string): Promise<void> {
    // Click a visible spot of the text: the centre of `.view-lines` lies far below for 50,000 lines.
    await pg.editor.click({ position: { x: 160, y: 40 } });
    await expect(pg.editor.locator('textarea')).toBeFocused();
    await pg.page.keyboard.press('Control+End');
    await pg.page.keyboard.type(typed);
    await expect
      .poll(() => pg.page.evaluate(() => window.__playground?.getText?.().slice(-20) ?? ''))
      .toContain(typed);
    // A frame still comes promptly: the main thread is not the one simulating.
    const frameMs = await pg.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }),
    );
    expect(frameMs).toBeLessThan(500);
  }

  test('a 5 MB document: typing goes on and the canvas stays until the answer', async ({
    playground: pg,
    page,
  }) => {
    const arg = 'x'.repeat(1000);
    const lines = Array.from({ length: 5200 }, () => `        - ${arg}`).join('\n');
    // The worker simulates 5 MB in a fraction of a second: its answers wait while the test looks.
    await page.evaluate(() => ((window as unknown as { __holdEngine: boolean }).__holdEngine = true));
    await page.evaluate(
      (args) =>
        window.__playground?.setText?.(
          `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n    - name: c\n      image: nginx\n      args:\n${args}\n`,
        ),
      lines,
    );
    await expect(pg.app).toHaveAttribute('data-sim-status', 'pending');
    await expectLastCanvas(pg);
    await typeWhilePending(pg, '\n# typed');
    await expect(pg.app).toHaveAttribute('data-sim-status', 'pending');
    await expectLastCanvas(pg);
    await releaseEngine(pg);
    await pg.waitForSimulation(60_000);
    await expect(pg.card('pod/default/big')).toBeVisible();
    await expect(pg.cards('pod')).toHaveCount(1);
  });

  test('10,000 objects: typing goes on; too many to draw, so the last canvas stays and says why', async ({
    playground: pg,
    page,
  }) => {
    test.setTimeout(120_000);
    await page.evaluate(() => ((window as unknown as { __holdEngine: boolean }).__holdEngine = true));
    await page.evaluate(() =>
      window.__playground?.setText?.(
        Array.from(
          { length: 10_000 },
          (_, i) =>
            `apiVersion: v1\nkind: Service\nmetadata: { name: s${i} }\nspec: { ports: [{ port: 80 }] }`,
        ).join('\n---\n'),
      ),
    );
    await expect(pg.app).toHaveAttribute('data-sim-status', 'pending');
    await expectLastCanvas(pg);
    // The status line says it is working, once that takes a moment.
    await expect(page.getByTestId('sim-pending')).toBeVisible();
    await typeWhilePending(pg, '\n# typed');
    await expectLastCanvas(pg);
    await releaseEngine(pg);
    await pg.waitForSimulation(90_000);
    await expect(pg.statusLine).toHaveAttribute('data-state', 'warning');
    await expect(pg.statusLine.locator('.status-first')).toContainText(/more than the canvas draws/);
    await expect(pg.staleBanner).toContainText('too large to draw');
    await expectLastCanvas(pg);
    await expect(page.getByTestId('sim-pending')).toBeHidden();
  });
});

test.describe('a panel that throws', () => {
  // The crash is on purpose: its error boundary logs it.
  test.use({ expectedConsoleErrors: [/Test crash in the (canvas|editor) panel/] });

  test('the canvas panel crashes: the editor and its text stay alive, and "Try again" brings it back', async ({
    playground: pg,
    page,
  }) => {
    await pg.open('?example=nodeport');
    await page.evaluate(() => window.__playground?.crashPanel?.('canvas'));
    const alert = page.locator('[role="alert"][data-panel="canvas"]');
    await expect(alert).toBeVisible();
    await expect(pg.canvas).toHaveCount(0);

    // The editor still works: typing reaches the store and the status line.
    await pg.cursorToNewLastLine();
    await pg.typeLines(['oops: a: b']);
    await pg.waitForSimulation();
    await expect(pg.statusLine).toHaveAttribute('data-state', 'error');
    expect(await pg.text()).toContain('oops: a: b');

    await alert.getByRole('button').click();
    await expect(alert).toHaveCount(0);
    await expectLastCanvas(pg);
  });

  test('the editor panel crashes: the text is kept and comes back with the editor', async ({
    playground: pg,
    page,
  }) => {
    await pg.open('?example=nodeport');
    const text = `${await pg.text()}# mine\n`;
    await pg.setText(text);
    await pg.waitForSimulation();
    await page.evaluate(() => window.__playground?.crashPanel?.('editor'));
    const alert = page.locator('[role="alert"][data-panel="editor"]');
    await expect(alert).toBeVisible();
    await expectLastCanvas(pg);
    await alert.getByRole('button').click();
    await pg.waitForEditor();
    expect(await pg.text()).toBe(text);
  });
});

test.describe('no worker for the engine', () => {
  // The blocked worker script is reported by the browser; the app carries on without it.
  test.use({ expectedConsoleErrors: [/engine-worker|Failed to load resource|net::ERR_FAILED/] });

  test('the engine runs on the page instead, and the playground works', async ({
    playground: pg,
    context,
  }) => {
    const requested: string[] = [];
    context.on('request', (r) => requested.push(r.url()));
    await context.route(/engine-worker-[\w-]+\.js$/, (route) => route.abort());
    await pg.open('?example=nodeport');
    expect(requested.some((url) => /engine-worker-/.test(url))).toBe(true);
    expect(requested.some((url) => /engine-in-process-/.test(url))).toBe(true);
    await expectLastCanvas(pg);
    await pg.setText((await pg.text()).replace('replicas: 3', 'replicas: 2'));
    await pg.waitForSimulation();
    await expect(pg.cards('pod')).toHaveCount(2);
  });
});
