/**
 * The one playback driver: plain TypeScript, one frame source. Each frame it moves packet elements by
 * writing `transform`; the store hears only hop changes and completion (never positions).
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
  reported: number;
  point: Point | null;
  el?: HTMLElement;
}

export interface DriverOptions {
  frames: FrameSource;
  reducedMotion: () => boolean;
}

const MAX_FRAME_MS = 100;

export class PlaybackDriver {
  private runs = new Map<string, Run>();
  private elements = new Map<string, HTMLElement>();
  private boxes: Record<string, Box> = {};
  private unsubscribeFrames: (() => void) | null = null;
  private lastFrame: number | null = null;
  private unsubscribeStore: (() => void) | null = null;

  constructor(
    private readonly store: PlaygroundStore,
    private readonly opts: DriverOptions,
  ) {}

  start(): () => void {
    this.unsubscribeStore = this.store.subscribe((s, prev) => {
      if (s.packets !== prev.packets) this.sync(s.packets);
      if (s.playing !== prev.playing) this.updateFrames();
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
      this.paint(run);
    }
  }

  private sync(packets: readonly PacketRun[]): void {
    const moving = new Set(packets.filter((p) => p.status === 'moving').map((p) => p.id));
    for (const id of this.runs.keys()) if (!moving.has(id)) this.runs.delete(id);
    for (const p of packets) {
      if (p.status !== 'moving' || this.runs.has(p.id)) continue;
      const { start, segments } = buildSegments(p.trace.hops, this.boxes, this.opts.reducedMotion());
      const run: Run = {
        id: p.id,
        start,
        segments,
        seg: -1,
        elapsed: 0,
        reported: 0,
        point: start,
        el: this.elements.get(p.id),
      };
      this.runs.set(p.id, run);
      this.paint(run);
    }
    this.updateFrames();
  }

  private updateFrames(): void {
    const want = this.runs.size > 0 && this.store.getState().playing;
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
    for (const run of [...this.runs.values()]) this.step(run, dt);
  }

  private step(run: Run, dt: number): void {
    let left = dt;
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
        this.store.getState().advancePacket(run.id, seg.hopIndex);
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
    this.store.getState().completePacket(run.id);
  }

  private paint(run: Run): void {
    const el = run.el;
    if (!el) return;
    if (!run.point) {
      el.style.visibility = 'hidden';
      return;
    }
    el.style.visibility = 'visible';
    el.style.transform = `translate(${run.point.x.toFixed(1)}px, ${run.point.y.toFixed(1)}px)`;
  }
}
