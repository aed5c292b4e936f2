import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../api/field-error.ts';
import type { Service } from '../api/objects.ts';
import { clusterFamiliesOf, initIPFamilyFields } from './service-families.ts';

const svc = (spec: NonNullable<Service['spec']>): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's' },
  spec,
});
const v4: ['IPv4'] = ['IPv4'];

// from pkg/registry/core/service/storage/storage_test.go TestCreateInitIPFields (single-stack IPv4 cluster)
describe('initIPFamilyFields', () => {
  it.each([
    [
      'RequireDualStack',
      { ipFamilyPolicy: 'RequireDualStack', selector: { a: 'b' } },
      'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    ],
    [
      'IPv6 family',
      { ipFamilies: ['IPv6'], selector: { a: 'b' } },
      'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
    ],
    [
      'IPv6 clusterIP',
      { clusterIP: '2001::1', clusterIPs: ['2001::1'] },
      'spec.clusterIPs[0]: Invalid value: []string{"2001::1"}: IPv6 is not configured on this cluster',
    ],
    [
      'SingleStack with two IPs',
      { ipFamilyPolicy: 'SingleStack', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '2001::1'] },
      `spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified`,
    ],
  ] as const)('%s', (_name, spec, message) => {
    expect(initIPFamilyFields(svc(spec as never), undefined, v4).map(formatFieldError)[0]).toEqual(message);
  });

  it('all problems are reported together', () => {
    const s = svc({
      ipFamilyPolicy: 'SingleStack',
      clusterIP: '10.0.0.1',
      clusterIPs: ['10.0.0.1', '2001::1'],
    });
    expect(initIPFamilyFields(s, undefined, v4).map((e) => e.field)).toEqual([
      'spec.ipFamilyPolicy',
      'spec.clusterIPs[1]',
    ]);
  });

  it('PreferDualStack on a single-stack cluster keeps one family', () => {
    const s = svc({ ipFamilyPolicy: 'PreferDualStack', selector: { a: 'b' } });
    expect(initIPFamilyFields(s, undefined, v4)).toEqual([]);
    expect(s.spec?.ipFamilies).toEqual(['IPv4']);
  });

  it('an update adopts the old policy', () => {
    const old = svc({
      ipFamilyPolicy: 'PreferDualStack',
      ipFamilies: ['IPv4'],
      clusterIP: '10.0.0.1',
      clusterIPs: ['10.0.0.1'],
    });
    const s = svc({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] });
    expect(initIPFamilyFields(s, old, v4)).toEqual([]);
    expect(s.spec?.ipFamilyPolicy).toBe('PreferDualStack');
  });

  it('cluster families come from the service subnet', () => {
    expect(clusterFamiliesOf('10.96.0.0/12')).toEqual(['IPv4']);
  });
});
