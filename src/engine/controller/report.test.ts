import { describe, expect, it } from 'vitest';
import { emit, newControllerContext } from './meta.ts';
import { Recorder } from './report.ts';
import { ObjectStore } from '../sim/object-store.ts';
import { testContext } from './fixtures.ts';

const event = () => ({
  type: 'Normal' as const,
  reason: 'Scheduled',
  message: 'Successfully assigned default/web-1 to node-1',
  involvedObject: 'pod/default/web-1',
  source: 'default-scheduler',
});

describe('Recorder events', () => {
  it('keeps the Events the controllers emit by default', () => {
    const cc = newControllerContext(new ObjectStore(), testContext());
    emit(cc, event);
    expect(cc.rec.report().events).toEqual([event()]);
  });

  it('makes no Event at all when it does not keep them (simulate)', () => {
    const cc = newControllerContext(new ObjectStore(), testContext(), undefined, false);
    let made = 0;
    emit(cc, () => (made++, event()));
    expect(made).toBe(0);
    expect(cc.rec.report().events).toEqual([]);
  });

  it('carries on from a snapshot with the same setting and the events recorded up to it', () => {
    const rec = new Recorder();
    rec.event(event());
    const snap = rec.snapshot();
    rec.event({ ...event(), reason: 'Later' });
    const resumed = new Recorder(snap);
    expect(resumed.events.map((e) => e.reason)).toEqual(['Scheduled']);
    expect(new Recorder(new Recorder(undefined, false).snapshot()).keepsEvents).toBe(false);
  });
});
