import { describe, expect, it } from 'vitest';
import type { Hop, Packet } from '../../engine/index.ts';
import { hopChange } from './hop-change.ts';

const pkt = (src: string, srcPort: number, dst: string, dstPort: number): Packet => ({
  src,
  srcPort,
  dst,
  dstPort,
  protocol: 'TCP',
});

const hop = (code: string, before: Packet, after: Packet, params: Hop['params'] = {}): Hop => ({
  index: 1,
  kind: 'node',
  at: 'node/n1',
  before,
  after,
  action: 'route',
  code,
  params,
  rules: [],
});

describe('hopChange', () => {
  const outside = pkt('203.0.113.10', 40000, '10.0.2.4', 31001);
  it('names DNAT with the endpoint it rewrote the destination to', () => {
    const c = hopChange(hop('hop.node.dnat', outside, pkt('203.0.113.10', 40000, '10.244.1.3', 80)));
    expect(c).toEqual({ kind: 'dnat', params: { to: '10.244.1.3:80' }, changed: { src: false, dst: true } });
  });

  it('names masquerade as SNAT to the node IP', () => {
    const before = pkt('203.0.113.10', 40000, '10.244.1.3', 80);
    const c = hopChange(hop('hop.node.masquerade', before, pkt('10.0.2.4', 40000, '10.244.1.3', 80)));
    expect(c.kind).toBe('snat');
    expect(c.params).toEqual({ to: '10.0.2.4' });
    expect(c.changed).toEqual({ src: true, dst: false });
  });

  it('tells DROP, REJECT, CNAME, NXDOMAIN and headless answers apart', () => {
    expect(hopChange(hop('hop.node.drop', outside, outside)).kind).toBe('drop');
    expect(hopChange(hop('hop.node.reject', outside, outside)).kind).toBe('reject');
    expect(hopChange(hop('hop.dns.cname', outside, outside, { cname: 'example.com' })).params).toEqual({
      cname: 'example.com',
    });
    expect(hopChange(hop('hop.dns.nxdomain', outside, outside)).kind).toBe('nxdomain');
    const headless = hopChange(
      hop('hop.dns.headless', outside, outside, { answers: '10.244.1.2, 10.244.2.3' }),
    );
    expect(headless).toMatchObject({ kind: 'headless', params: { answers: '10.244.1.2, 10.244.2.3' } });
  });

  it('shows the selection probability as a percentage', () => {
    const c = hopChange(
      hop('hop.service.select', outside, outside, { endpoint: '10.244.1.3:80', probability: 1 / 3 }),
    );
    expect(c.params).toEqual({ endpoint: '10.244.1.3:80', probability: '33.3%' });
  });
});
