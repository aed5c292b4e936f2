/**
 * Hop-to-hop geometry for packets, in flow coordinates. Each segment is sampled once into an evenly
 * spaced lookup table; the driver only indexes into it per frame (no getPointAtLength in the loop).
 */
import type { Hop } from '../../engine/index.ts';
import type { Box } from '../canvas/flow-types.ts';
import { cubicPoints } from './cubic.ts';

export interface Point {
  x: number;
  y: number;
}

export interface Segment {
  /** Hop reached at the end of this segment. */
  hopIndex: number;
  /** Evenly spaced points; a single point means "stay here". */
  points: Point[];
  length: number;
  moveMs: number;
  dwellMs: number;
}

export const SAMPLES = 48;
export const DWELL_MS = 380;
export const SAME_PLACE_MS = 620;

/** The CoreDNS card's id on the canvas (kube-system is hidden, so DNS hops get their own small card). */
export const DNS_CARD_ID = 'dns/coredns';

/** The canvas element a hop is drawn at; client hops of a pod use that pod's card in the Clients lane. */
export function anchorId(hop: Hop, boxes: Record<string, Box>): string | undefined {
  if (hop.kind === 'client' && boxes[`client/${hop.at}`]) return `client/${hop.at}`;
  if (hop.kind === 'dns' && boxes[DNS_CARD_ID]) return DNS_CARD_ID;
  return boxes[hop.at] ? hop.at : undefined;
}

const mid = (b: Box, side: 'left' | 'right'): Point => ({
  x: side === 'left' ? b.x : b.x + b.width,
  y: b.y + b.height / 2,
});

/** Where a packet coming from `from` rests on `to`: the side facing it. */
export function restPoint(to: Box, from: Box | undefined): Point {
  if (!from) return mid(to, 'left');
  return from.x + from.width / 2 <= to.x + to.width / 2 ? mid(to, 'left') : mid(to, 'right');
}

/** Moves from a rest point on `from` to the facing side of `to`: across the card, then the same curve as the edges. */
export function segmentPoints(start: Point, from: Box, to: Box): Point[] {
  const forward = from.x + from.width / 2 < to.x + to.width / 2 - 1;
  const backward = from.x + from.width / 2 > to.x + to.width / 2 + 1;
  if (forward || backward) {
    const exit = mid(from, forward ? 'right' : 'left');
    const entry = mid(to, forward ? 'left' : 'right');
    const dx = Math.max(40, Math.abs(entry.x - exit.x) / 2) * (forward ? 1 : -1);
    const curve = cubicPoints(
      exit,
      { x: exit.x + dx, y: exit.y },
      { x: entry.x - dx, y: entry.y },
      entry,
      SAMPLES,
    );
    const across = start.x === exit.x && start.y === exit.y ? [] : [start];
    return resample([...across, ...curve], SAMPLES);
  }
  // Same lane (e.g. node to node): bulge out to the right and back in.
  const exit = mid(from, 'right');
  const entry = mid(to, 'right');
  const bulge = 70;
  const curve = cubicPoints(
    exit,
    { x: exit.x + bulge, y: exit.y },
    { x: entry.x + bulge, y: entry.y },
    entry,
    SAMPLES,
  );
  return resample([start, ...curve], SAMPLES);
}

export function polylineLength(points: readonly Point[]): number {
  let len = 0;
  for (let i = 1; i < points.length; i++)
    len += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  return len;
}

/** Evenly spaced points along a polyline, so constant speed is a constant index step. */
export function resample(points: readonly Point[], n: number): Point[] {
  if (points.length < 2) return [...points];
  const cum = [0];
  for (let i = 1; i < points.length; i++)
    cum.push(cum[i - 1]! + Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y));
  const total = cum[cum.length - 1]!;
  const out: Point[] = [];
  let j = 1;
  for (let k = 0; k < n; k++) {
    const d = (total * k) / (n - 1);
    while (j < points.length - 1 && cum[j]! < d) j++;
    const a = points[j - 1]!;
    const b = points[j]!;
    const span = cum[j]! - cum[j - 1]! || 1;
    const t = Math.min(1, Math.max(0, (d - cum[j - 1]!) / span));
    out.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
  }
  return out;
}

const moveMs = (length: number) => Math.min(1300, Math.max(520, 380 + length * 0.7));

/** One segment per hop after the first: hop i-1's element → hop i's element. Unknown elements: stay put. */
export function buildSegments(
  hops: readonly Hop[],
  boxes: Record<string, Box>,
  reducedMotion: boolean,
): { start: Point | null; segments: Segment[] } {
  const firstId = hops[0] ? anchorId(hops[0], boxes) : undefined;
  let box: Box | undefined = firstId ? boxes[firstId] : undefined;
  // A client sits in the leftmost lane: its packet starts on the side facing the cluster.
  let at: Point | null = box
    ? hops[0]?.kind === 'client'
      ? mid(box, 'right')
      : restPoint(box, undefined)
    : null;
  let start = at;
  const segments: Segment[] = [];
  /** After a DNS answer the packet returns to the asker before it sets off for the address. */
  let asker: Box | undefined;
  for (let i = 1; i < hops.length; i++) {
    const id = anchorId(hops[i]!, boxes);
    const next = id ? boxes[id] : undefined;
    const back = asker;
    asker = hops[i]!.kind === 'dns' && next && box ? box : undefined;
    if (back && next && box && at && next !== back && hops[i]!.kind !== 'dns') {
      const home = segmentPoints(at, box, back);
      const rest = home[home.length - 1]!;
      const points = resample([...home, ...segmentPoints(rest, back, next)], SAMPLES * 2);
      const length = polylineLength(points);
      const last = points[points.length - 1]!;
      segments.push({
        hopIndex: i,
        points: reducedMotion ? [last] : points,
        length,
        moveMs: reducedMotion ? 0 : moveMs(length),
        dwellMs: reducedMotion ? SAME_PLACE_MS + 300 : DWELL_MS,
      });
      box = next;
      at = last;
      continue;
    }
    if (next && (!box || !at)) {
      // The first hop we can draw: the packet appears here.
      box = next;
      at = restPoint(next, undefined);
      start ??= at;
      segments.push({ hopIndex: i, points: [at], length: 0, moveMs: 0, dwellMs: SAME_PLACE_MS });
      continue;
    }
    if (!next || !box || !at || next === box) {
      segments.push({ hopIndex: i, points: at ? [at] : [], length: 0, moveMs: 0, dwellMs: SAME_PLACE_MS });
      continue;
    }
    const points = segmentPoints(at, box, next);
    const length = polylineLength(points);
    const last = points[points.length - 1]!;
    segments.push({
      hopIndex: i,
      points: reducedMotion ? [last] : points,
      length,
      moveMs: reducedMotion ? 0 : moveMs(length),
      dwellMs: reducedMotion ? SAME_PLACE_MS + 300 : DWELL_MS,
    });
    box = next;
    at = last;
  }
  return { start, segments };
}
