import { describe, expect, it } from 'vitest';
import type { Hop } from '../../engine/index.ts';
import type { Box } from '../canvas/flow-types.ts';
import { anchorId, buildSegments, polylineLength, resample, SAMPLES, segmentPoints } from './paths.ts';

const box = (x: number, y: number): Box => ({ x, y, width: 100, height: 40 });
const hop = (at: string, kind: Hop['kind'] = 'node'): Hop => {
  const p = { src: '1.1.1.1', srcPort: 1, dst: '2.2.2.2', dstPort: 2, protocol: 'TCP' as const };
  return {
    index: 0,
    kind,
    at,
    before: p,
    after: p,
    action: 'route',
    code: 'hop.route',
    params: {},
    rules: [],
  };
};

describe('packet paths', () => {
  it('resamples a polyline into evenly spaced points', () => {
    const pts = resample(
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 30 },
      ],
      5,
    );
    expect(pts).toHaveLength(5);
    expect(pts[0]).toEqual({ x: 0, y: 0 });
    expect(pts[4]).toEqual({ x: 10, y: 30 });
    expect(pts[2]).toEqual({ x: 10, y: 10 });
  });

  it('goes from the right side of one card to the left side of the next card to its right', () => {
    const a = box(0, 0);
    const b = box(300, 100);
    const pts = segmentPoints({ x: 0, y: 20 }, a, b);
    expect(pts).toHaveLength(SAMPLES);
    expect(pts[0]).toEqual({ x: 0, y: 20 });
    expect(pts[pts.length - 1]).toEqual({ x: 300, y: 120 });
  });

  it('goes back leftwards for a reply', () => {
    const pts = segmentPoints({ x: 300, y: 120 }, box(300, 100), box(0, 0));
    expect(pts[pts.length - 1]).toEqual({ x: 100, y: 20 });
  });

  it('uses the client card for a pod client hop, and skips elements that are not drawn', () => {
    const boxes = { 'client/pod/default/c': box(0, 0), 'pod/default/c': box(600, 0), 'node/n1': box(300, 0) };
    expect(anchorId(hop('pod/default/c', 'client'), boxes)).toBe('client/pod/default/c');
    expect(anchorId(hop('pod/default/c', 'pod'), boxes)).toBe('pod/default/c');
    const { start, segments } = buildSegments(
      [hop('pod/default/c', 'client'), hop('chain/x', 'chain'), hop('node/n1')],
      boxes,
      false,
    );
    expect(start).toEqual({ x: 100, y: 20 });
    expect(segments.map((s) => [s.hopIndex, s.points.length > 1])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(polylineLength(segments[1]!.points)).toBeCloseTo(200, 0); // right side of the client to the left side of the node
  });
});
