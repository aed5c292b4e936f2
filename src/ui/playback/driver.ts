/**
 * The one playback driver: plain TypeScript, one frame source. Each frame it moves packet elements by
 * writing `transform`, keeps the virtual playback clock, and in continuous mode sends requests at the
 * chosen rate. The store hears one batched report per frame with hop changes and finished packets (never
 * positions), and sends at most every SEND_EVERY_MS, so React never re-renders per frame.
 */
import type { FrameSource } from '../../platform/raf.ts';
import type { PlaygroundStore } from '../../store/store.ts';
import type { PacketRun, PlaygroundState } from '../../store/types.ts';
import type { Box } from '../canvas/flow-types.ts';
import { buildSegments, DWELL_MS, type Point, type Segment } from './paths.ts';

interface Run {
  id: string;
  start: Point | null;
  segments: Segment[];
  /** -1 while resting at the first hop. */
  seg: number;
  elapsed: number;
  /** Virtual ms still to wait before leaving the first hop (staggered sends). */
  wait: number;
  reported: number;
  point: Point | null;
  /** What the element shows now (undefined: not painted yet), so an unchanged frame writes nothing. */
  painted?: Point | null;
  el?: HTMLElement;
}

export interface DriverOptions {
  frames: FrameSource;
  reducedMotion: () => boolean;
}

const MAX_FRAME_MS = 100;
/** Continuous mode hands its requests to the store in batches, at most this often (wall-clock ms). */
export const SEND_EVERY_MS = 100;

export class PlaybackDriver {
  private runs = new Map<string, Run>();
  private elements = new Map<string, HTMLElement>();
  private boxes: Record<string, Box> = {};
  private unsubscribeFrames: (() => void) | null = null;
  private lastFrame: number | null = null;
  private unsubscribeStore: (() => void) | null = null;
  private clockMs = 0;
  private owed = 0;
  private lastSend = -Infinity;
  private advances: { id: string; hopIndex: number }[] = [];
  private completes: string[] = [];

  constructor(
    private readonly store: PlaygroundStore,
    private readonly opts: DriverOptions,
  ) {}

  start(): () => void {
    this.clockMs = this.store.getState().clockMs;
    this.unsubscribeStore = this.store.subscribe((s, prev) => {
      if (s.packets !== prev.packets) this.sync(s.packets);
      if (s.playing !== prev.playing || s.continuous !== prev.continuous) {
        this.owed = 0;
        this.updateFrames();
      }
    });
    this.sync(this.store.getState().packets);
    return () => this.stop();
  }

  stop(): void {
    this.unsubscribeStore?.();
    this.unsubscribeStore = null;
    this.unsubscribeFrames?.();
    this.unsubscribeFrames = null;
  }

  /** Virtual playback time in ms: advances with speed while playing, stands still while paused. */
  now(): number {
    return this.clockMs;
  }

  /** Called by the canvas whenever the layout changes; moving packets re-route onto the new boxes. */
  setBoxes(boxes: Record<string, Box>): void {
    this.boxes = boxes;
    const packets = this.store.getState().packets;
    for (const run of this.runs.values()) {
      const packet = packets.find((p) => p.id === run.id);
      if (!packet) continue;
      const { start, segments } = buildSegments(packet.trace.hops, boxes, this.opts.reducedMotion());
      run.start = start;
      run.segments = segments;
      run.point = this.pointOf(run);
      this.paint(run);
    }
  }

  /** A packet element mounted (or unmounted with null). */
  attach(id: string, el: HTMLElement | null): void {
    if (el) this.elements.set(id, el);
    else this.elements.delete(id);
    const run = this.runs.get(id);
    if (run) {
      run.el = el ?? undefined;
      run.painted = undefined;
      this.paint(run);
    }
  }

  private sync(packets: readonly PacketRun[]): void {
    const moving = new Map(packets.filter((p) => p.status === 'moving').map((p) => [p.id, p]));
    for (const id of this.runs.keys()) if (!moving.has(id)) this.runs.delete(id);
    for (const p of moving.values()) {
      const known = this.runs.get(p.id);
      if (known) {
        // Someone else moved it (a step forward or back while paused): jump there.
        if (p.hopIndex !== known.reported) this.jump(known, p.hopIndex);
        continue;
      }
      const { start, segments } = buildSegments(p.trace.hops, this.boxes, this.opts.reducedMotion());
      const run: Run = {
        id: p.id,
        start,
        segments,
        seg: -1,
        elapsed: 0,
        wait: p.delayMs ?? 0,
        reported: 0,
        point: start,
        el: this.elements.get(p.id),
      };
      this.runs.set(p.id, run);
      if (p.hopIndex > 0) this.jump(run, p.hopIndex);
      this.paint(run);
    }
    this.updateFrames();
  }

  /** Puts a run at rest on hop `hopIndex` (segment hopIndex-1 fully travelled). */
  private jump(run: Run, hopIndex: number): void {
    run.reported = hopIndex;
    run.wait = 0;
    if (hopIndex <= 0) {
      run.seg = -1;
      run.elapsed = 0;
    } else {
      run.seg = Math.min(hopIndex - 1, run.segments.length - 1);
      run.elapsed = run.segments[run.seg]?.moveMs ?? 0;
    }
    run.point = this.pointOf(run);
    this.paint(run);
  }

  private updateFrames(): void {
    const s = this.store.getState();
    const want = (this.runs.size > 0 || s.continuous) && s.playing;
    if (want && !this.unsubscribeFrames) {
      this.lastFrame = null;
      this.unsubscribeFrames = this.opts.frames.subscribe((now) => this.frame(now));
    } else if (!want && this.unsubscribeFrames) {
      this.unsubscribeFrames();
      this.unsubscribeFrames = null;
    }
  }

  private frame(now: number): void {
    const state: PlaygroundState = this.store.getState();
    const dt =
      this.lastFrame === null ? 0 : Math.min(MAX_FRAME_MS, Math.max(0, now - this.lastFrame)) * state.speed;
    this.lastFrame = now;
    this.clockMs += dt;
    for (const run of [...this.runs.values()]) this.step(run, dt);
    const due = state.continuous ? this.dueSends(state, dt, now) : 0;
    if (this.advances.length || this.completes.length || due > 0) {
      const report = { advances: this.advances, completes: this.completes, clockMs: this.clockMs };
      this.advances = [];
      this.completes = [];
      this.store.getState().reportProgress(report);
    }
    if (due > 0) this.store.getState().sendRequests({ count: due, stagger: 1000 / state.rate });
    this.updateFrames();
  }

  /** Requests owed at the continuous rate, handed over in batches. */
  private dueSends(state: PlaygroundState, dt: number, now: number): number {
    if (!state.target) return 0;
    this.owed += (state.rate * dt) / 1000;
    if (this.owed < 1 || now - this.lastSend < SEND_EVERY_MS) return 0;
    const due = Math.floor(this.owed);
    this.owed -= due;
    this.lastSend = now;
    return due;
  }

  private step(run: Run, dt: number): void {
    let left = dt;
    if (run.wait > 0) {
      const w = Math.min(run.wait, left);
      run.wait -= w;
      left -= w;
      if (run.wait > 0) return;
    }
    while (left > 0 || run.seg === -1) {
      if (run.seg === -1) {
        const rest = DWELL_MS - run.elapsed;
        if (left < rest) {
          run.elapsed += left;
          break;
        }
        left -= rest;
        run.seg = 0;
        run.elapsed = 0;
        continue;
      }
      const seg = run.segments[run.seg];
      if (!seg) {
        this.finish(run);
        return;
      }
      const total = seg.moveMs + seg.dwellMs;
      const take = Math.min(left, total - run.elapsed);
      run.elapsed += take;
      left -= take;
      if (run.elapsed >= seg.moveMs && run.reported < seg.hopIndex) {
        run.reported = seg.hopIndex;
        this.advances.push({ id: run.id, hopIndex: seg.hopIndex });
      }
      if (run.elapsed >= total) {
        run.seg += 1;
        run.elapsed = 0;
        if (run.seg >= run.segments.length) {
          run.point = this.pointOf(run);
          this.paint(run);
          this.finish(run);
          return;
        }
      }
    }
    run.point = this.pointOf(run);
    this.paint(run);
  }

  private pointOf(run: Run): Point | null {
    if (run.seg === -1) return run.start;
    const seg = run.segments[Math.min(run.seg, run.segments.length - 1)];
    if (!seg || seg.points.length === 0) return run.point;
    if (run.seg >= run.segments.length) return seg.points[seg.points.length - 1]!;
    const u = seg.moveMs > 0 ? Math.min(1, run.elapsed / seg.moveMs) : 1;
    return seg.points[Math.round(u * (seg.points.length - 1))]!;
  }

  private finish(run: Run): void {
    this.runs.delete(run.id);
    this.completes.push(run.id);
  }

  private paint(run: Run): void {
    const el = run.el;
    const point = run.wait > 0 ? null : run.point;
    // Only a change reaches the DOM: a packet resting at a hop, or between two samples, costs nothing.
    if (!el || point === run.painted) return;
    if (!point) el.style.visibility = 'hidden';
    else {
      if (!run.painted) el.style.visibility = 'visible';
      el.style.transform = `translate(${point.x.toFixed(1)}px, ${point.y.toFixed(1)}px)`;
    }
    run.painted = point;
  }
}
