import { expect, type Locator, type Page } from '@playwright/test';
import type { Trace } from '../../src/engine/index.ts';
import type {} from '../../src/platform/test-hook.ts';

export interface HookPacket {
  id: string;
  hopIndex: number;
  status: 'moving' | 'done' | 'dropped';
  servedBy?: string;
  trace: Trace;
}

export interface HookTraffic {
  clockMs: number;
  podRequests: Record<string, number>;
  tallies: Record<string, { counts: Record<string, number>; affinity?: { endpoint: string } }>;
  events: number;
  proxyMode: 'iptables' | 'ipvs';
  packets: HookPacket[];
}

/** The traffic tools: controls, playback, the dock (inspector, events, rules, distribution, why, timeline). */
export class TrafficPage {
  readonly target: Locator;
  readonly client: Locator;
  readonly send: Locator;
  readonly burst: Locator;
  readonly sendBurst: Locator;
  readonly continuous: Locator;
  readonly playPause: Locator;
  readonly stepForward: Locator;
  readonly stepBack: Locator;
  readonly playback: Locator;
  readonly dock: Locator;
  readonly inspector: Locator;
  readonly hops: Locator;
  readonly rules: Locator;
  readonly distribution: Locator;
  readonly why: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.target = page.getByTestId('target-picker');
    this.client = page.getByTestId('client-picker');
    this.send = page.getByTestId('send-request');
    this.burst = page.getByTestId('burst-count');
    this.sendBurst = page.getByTestId('send-burst');
    this.continuous = page.getByTestId('continuous-toggle');
    this.playPause = page.getByTestId('play-pause');
    this.stepForward = page.getByTestId('step-forward');
    this.stepBack = page.getByTestId('step-back');
    this.playback = page.getByTestId('playback');
    this.dock = page.getByTestId('dock');
    this.inspector = page.getByTestId('trace-panel');
    this.hops = page.getByTestId('hop-list').locator(':scope > li');
    this.rules = page.getByTestId('rules-panel');
    this.distribution = page.getByTestId('distribution-panel');
    this.why = page.getByTestId('why-panel');
    this.timeline = page.getByTestId('timeline-panel');
  }

  async traffic(): Promise<HookTraffic> {
    return (await this.page.evaluate(() => window.__playground?.traffic?.())) as HookTraffic;
  }

  async decorations(): Promise<{ line: number; className: string }[]> {
    return this.page.evaluate(() => window.__playground?.decorations?.() ?? []);
  }

  async tab(id: 'trace' | 'events' | 'rules' | 'distribution' | 'why' | 'timeline'): Promise<void> {
    if (
      (await this.dock.getAttribute('data-tab')) === id &&
      (await this.dock.getAttribute('data-open')) === 'true'
    )
      return;
    await this.page.getByTestId(`dock-tab-${id}`).click();
    await expect(this.dock).toHaveAttribute('data-tab', id);
  }

  async setTarget(target: string): Promise<void> {
    await this.target.fill(target);
    await this.target.press('Enter');
    await expect(this.target).toHaveValue(target);
  }

  /** Runs the fake clock until every kept packet has finished. */
  async finishAll(maxMs = 60_000): Promise<HookTraffic> {
    for (let t = 0; t < maxMs; t += 2000) {
      const s = await this.traffic();
      if (s.packets.every((p) => p.status !== 'moving')) return s;
      await this.page.clock.runFor(2000);
    }
    return this.traffic();
  }

  /** The DOM's hop rows as (at, code, change) triples, in order. */
  async hopRows(): Promise<{ at: string; code: string; change: string; tag: string }[]> {
    return this.hops.evaluateAll((els) =>
      els.map((el) => ({
        at: el.getAttribute('data-hop-at') ?? '',
        code: el.getAttribute('data-hop-code') ?? '',
        change: el.getAttribute('data-change') ?? '',
        tag: el.querySelector('[data-testid="hop-change"]')?.textContent ?? '',
      })),
    );
  }

  /** Asserts the inspector lists exactly the engine's hops, each with its code and a change label. */
  async expectHopsMatch(trace: Trace): Promise<void> {
    await expect(this.hops).toHaveCount(trace.hops.length);
    const rows = await this.hopRows();
    expect(rows.map((r) => [r.at, r.code])).toEqual(trace.hops.map((h) => [h.at, h.code]));
    for (const [i, h] of trace.hops.entries()) {
      const row = rows[i]!;
      expect(row.tag.trim(), `label of hop ${i}`).not.toBe('');
      if (h.code === 'hop.node.dnat') expect(row.tag).toContain(`${h.after.dst}:${h.after.dstPort}`);
      if (h.code === 'hop.node.masquerade') expect(row.tag).toContain(h.after.src);
      if (h.code === 'hop.dns.cname') expect(row.tag).toContain(String(h.params.cname));
    }
  }
}
