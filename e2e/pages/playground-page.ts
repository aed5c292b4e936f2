import { expect, type Locator, type Page } from '@playwright/test';
import type {} from '../../src/platform/test-hook.ts';

export interface TestMarker {
  owner: string;
  severity: number;
  message: string;
  startLineNumber: number;
  startColumn: number;
}

/** The playground as a learner sees it: editor, example picker, canvas, traffic controls, status line. */
export class PlaygroundPage {
  readonly editor: Locator;
  readonly canvas: Locator;
  readonly sendButton: Locator;
  readonly statusLine: Locator;
  readonly staleBanner: Locator;
  readonly examplePicker: Locator;
  readonly packets: Locator;
  readonly hopList: Locator;
  readonly app: Locator;
  readonly confirmDialog: Locator;
  readonly restoreButton: Locator;

  constructor(readonly page: Page) {
    this.app = page.locator('.app');
    this.confirmDialog = page.getByTestId('confirm-dialog');
    this.restoreButton = page.getByTestId('restore-text');
    this.editor = page.getByTestId('editor');
    this.canvas = page.getByTestId('canvas');
    this.sendButton = page.getByTestId('send-request');
    this.statusLine = page.getByTestId('status-line');
    this.staleBanner = page.getByTestId('stale-banner');
    this.examplePicker = page.getByTestId('example-picker');
    this.packets = page.locator('.packet');
    this.hopList = page.getByTestId('hop-list');
  }

  /** Opens the app (optionally `?example=<id>`) on a clean slate and waits for Monaco. */
  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await this.page.evaluate(() => localStorage.clear());
    await this.page.goto(`/${query}`);
    await this.waitForEditor();
  }

  async waitForEditor(): Promise<void> {
    await expect(this.editor).toHaveAttribute('data-ready', 'true');
  }

  /** Waits until the newest text's simulation has come back from the worker (`data-sim-status`). */
  async waitForSimulation(timeout?: number): Promise<void> {
    await expect(this.app).toHaveAttribute('data-sim-status', 'idle', { timeout });
  }

  /** The status line's first problem: its line number and text. */
  async firstProblem(): Promise<{ line: number; text: string }> {
    const first = this.statusLine.locator('.status-first');
    return { line: Number(await first.getAttribute('data-line')), text: await first.innerText() };
  }

  cards(type: 'client' | 'loadBalancer' | 'clusterNode' | 'service' | 'pod' | 'external'): Locator {
    return this.canvas.locator(`.react-flow__node-${type}`);
  }

  card(id: string): Locator {
    return this.canvas.locator(`.react-flow__node[data-id="${id}"]`);
  }

  /** Request counters of all pod cards, read from `data-requests`. */
  async podCounters(): Promise<number[]> {
    return this.canvas
      .locator('[data-kind="pod"][data-requests]')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-requests'))));
  }

  async selectExample(id: string): Promise<void> {
    await this.examplePicker.selectOption(id);
  }

  /**
   * Types like a person: per line, Shift+Home selects Monaco's auto-indent, the line is typed, and Escape
   * dismisses any schema completion popup so that Enter starts a new line instead of accepting it.
   */
  async typeLines(lines: string[]): Promise<void> {
    const kb = this.page.keyboard;
    for (const [i, line] of lines.entries()) {
      await kb.press('Shift+Home');
      await kb.type(line);
      await kb.press('Escape');
      if (i < lines.length - 1) await kb.press('Enter');
    }
  }

  /** Puts the cursor at the end of the text, on a fresh empty line. */
  async cursorToNewLastLine(): Promise<void> {
    await this.editor.locator('.view-lines').click();
    await this.page.keyboard.press('Control+End');
    const text = await this.text();
    if (!text.endsWith('\n')) await this.page.keyboard.press('Enter');
  }

  async text(): Promise<string> {
    return this.page.evaluate(() => window.__playground?.getText?.() ?? '');
  }

  async setText(text: string): Promise<void> {
    await this.page.evaluate((t) => window.__playground?.setText?.(t), text);
  }

  async markers(owner?: string): Promise<TestMarker[]> {
    const all = await this.page.evaluate(() => window.__playground?.markers?.() ?? []);
    return owner ? all.filter((m) => m.owner === owner) : all;
  }

  async screenshot(name: string): Promise<string> {
    const path = `test-results/screenshots/${name}.png`;
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
