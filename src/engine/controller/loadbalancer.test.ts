import { describe, expect, it } from 'vitest';
import type { Service } from '../api/objects.ts';
import { controllerContext, service, storeWith } from './fixtures.ts';
import { poolAddresses, syncLoadBalancers } from './loadbalancer.ts';

function run(...svcs: Service[]) {
  const store = storeWith(...svcs);
  const cc = controllerContext(store);
  syncLoadBalancers(cc);
  const ingress = (name: string) =>
    store.get<Service>('Service', 'default', name)!.status?.loadBalancer?.ingress;
  return { ingress, report: cc.rec.report() };
}

const lb = (name: string, extra: object = {}, annotations?: Record<string, string>) => {
  const s = service('default', name, {
    type: 'LoadBalancer',
    selector: { app: name },
    ports: [{ port: 80 }],
    ...extra,
  });
  if (annotations) s.metadata!.annotations = annotations;
  return s;
};

describe('MetalLB-style LoadBalancer IPs', () => {
  it('hands out the pool in order, skipping Services that already have an ingress', () => {
    const given = lb('given');
    (given as { status?: object }).status = { loadBalancer: { ingress: [{ ip: '192.168.56.240' }] } };
    const { ingress } = run(lb('a'), lb('b'), given);
    expect(ingress('a')).toEqual([{ ip: '192.168.56.241', ipMode: 'VIP' }]);
    expect(ingress('b')).toEqual([{ ip: '192.168.56.242', ipMode: 'VIP' }]);
    expect(ingress('given')).toEqual([{ ip: '192.168.56.240' }]);
  });

  it('honours spec.loadBalancerIP and the metallb.io/loadBalancerIPs annotation inside the pool', () => {
    const { ingress, report } = run(
      lb('a'),
      lb('pinned', { loadBalancerIP: '192.168.56.250' }),
      lb('annotated', {}, { 'metallb.io/loadBalancerIPs': '192.168.56.241' }),
      lb('outside', { loadBalancerIP: '10.0.0.1' }),
    );
    expect(ingress('pinned')![0]!.ip).toBe('192.168.56.250');
    expect(ingress('annotated')![0]!.ip).toBe('192.168.56.241');
    expect(ingress('a')![0]!.ip).toBe('192.168.56.240');
    expect(ingress('outside')).toBeUndefined();
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'LoadBalancerAllocationFailed',
        message: 'Failed to allocate IP for "default/outside": ["10.0.0.1"] is not allowed in config',
      }),
    );
  });

  it('does not turn externalIPs into ingress, and ignores other load balancer classes and types', () => {
    const { ingress } = run(
      service('default', 'ext', { type: 'ClusterIP', externalIPs: ['10.0.2.4'], ports: [{ port: 80 }] }),
      lb('classy', { loadBalancerClass: 'example.com/lb' }),
    );
    expect(ingress('ext')).toBeUndefined();
    expect(ingress('classy')).toBeUndefined();
  });

  it('leaves Services pending when the pool is exhausted', () => {
    const { report } = run(...Array.from({ length: 17 }, (_, i) => lb(`s${String(i).padStart(2, '0')}`)));
    expect(
      report.diagnostics.filter((d) => d.code === 'LoadBalancerAllocationFailed').map((d) => d.objectId),
    ).toEqual(['service/default/s16']);
  });

  it('does nothing without a pool (no load-balancer controller installed)', () => {
    const store = storeWith(lb('a'));
    const cc = controllerContext(store);
    cc.ctx.config = { ...cc.ctx.config, loadBalancerPool: '' };
    syncLoadBalancers(cc);
    expect(store.get<Service>('Service', 'default', 'a')!.status).toBeUndefined();
    expect(cc.rec.report().diagnostics).toEqual([]);
  });

  it('reads CIDR and range pools', () => {
    expect(poolAddresses('192.168.56.240/30')).toHaveLength(4);
    expect(poolAddresses('10.0.0.10-10.0.0.12')).toHaveLength(3);
    expect(poolAddresses('nonsense')).toEqual([]);
  });
});
