import type { Point } from './paths.ts';

/** Points of a cubic Bézier at n evenly spaced t values (not arc length; see resample). */
export function cubicPoints(p0: Point, p1: Point, p2: Point, p3: Point, n: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    out.push({ x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y });
  }
  return out;
}

/** The same curve as an SVG path, for edges: horizontal tangents at both ends, like React Flow's bezier. */
export function cubicPathD(sx: number, sy: number, tx: number, ty: number): string {
  const forward = tx >= sx;
  const dx = Math.max(40, Math.abs(tx - sx) / 2) * (forward ? 1 : -1);
  return `M${sx},${sy} C${sx + dx},${sy} ${tx - dx},${ty} ${tx},${ty}`;
}
