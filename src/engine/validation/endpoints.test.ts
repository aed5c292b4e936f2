import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../api/field-error.ts';
import type { EndpointSlice, Endpoints, Node } from '../api/objects.ts';
import { validateEndpoints } from './endpoints.ts';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './endpointslice.ts';
import { validateNode, validateNodeUpdate } from './node.ts';

const ep = (subsets: Endpoints['subsets'], name = 'mysvc', namespace = 'namespace'): Endpoints => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name, namespace },
  subsets,
});

// from pkg/apis/core/validation/validation_test.go TestValidateEndpointsCreate
describe('validateEndpoints', () => {
  it('accepts a valid Endpoints', () => {
    expect(
      validateEndpoints(
        ep([{ addresses: [{ ip: '10.10.1.1' }], ports: [{ name: 'a', port: 8675, protocol: 'TCP' }] }]),
      ),
    ).toEqual([]);
    expect(validateEndpoints(ep([{ addresses: [{ ip: '10.10.1.1' }] }]))).toEqual([]);
  });

  const errorCases: Array<[string, Endpoints, string]> = [
    ['missing namespace', ep([], 'mysvc', ''), 'Required value'],
    ['invalid namespace', ep([], 'mysvc', 'no@#invalid.;chars"allowed'), 'Invalid value'],
    ['invalid name', ep([], '-_Invliad^&Characters', 'namespace'), 'Invalid value'],
    ['empty addresses', ep([{ ports: [{ name: 'a', port: 93, protocol: 'TCP' }] }]), 'Required value'],
    [
      'invalid IP',
      ep([
        {
          addresses: [{ ip: '[2001:0db8:85a3:0042:1000:8a2e:0370:7334]' }],
          ports: [{ name: 'a', port: 93, protocol: 'TCP' }],
        },
      ]),
      'Invalid value',
    ],
    [
      'Multiple ports, one without name',
      ep([
        {
          addresses: [{ ip: '10.10.1.1' }],
          ports: [
            { port: 8675, protocol: 'TCP' },
            { name: 'b', port: 309, protocol: 'TCP' },
          ],
        },
      ]),
      'Required value',
    ],
    [
      'Invalid port number',
      ep([{ addresses: [{ ip: '10.10.1.1' }], ports: [{ name: 'a', port: 66000, protocol: 'TCP' }] }]),
      'Invalid value',
    ],
    [
      'Invalid protocol',
      ep([{ addresses: [{ ip: '10.10.1.1' }], ports: [{ name: 'a', port: 93, protocol: 'Protocol' }] }]),
      'Unsupported value',
    ],
    [
      'Address missing IP',
      ep([{ addresses: [{} as never], ports: [{ name: 'a', port: 93, protocol: 'TCP' }] }]),
      'Invalid value',
    ],
    [
      'Port missing number',
      ep([{ addresses: [{ ip: '10.10.1.1' }], ports: [{ name: 'a', protocol: 'TCP' } as never] }]),
      'Invalid value',
    ],
    [
      'Port missing protocol',
      ep([{ addresses: [{ ip: '10.10.1.1' }], ports: [{ name: 'a', port: 93 }] }]),
      'Required value',
    ],
    [
      'Address is loopback',
      ep([{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'p', port: 93, protocol: 'TCP' }] }]),
      'Invalid value',
    ],
    [
      'Address is link-local',
      ep([{ addresses: [{ ip: '169.254.169.254' }], ports: [{ name: 'p', port: 93, protocol: 'TCP' }] }]),
      'Invalid value',
    ],
    [
      'Address is link-local multicast',
      ep([{ addresses: [{ ip: '224.0.0.1' }], ports: [{ name: 'p', port: 93, protocol: 'TCP' }] }]),
      'Invalid value',
    ],
    [
      'Invalid AppProtocol',
      ep([
        {
          addresses: [{ ip: '10.10.1.1' }],
          ports: [{ name: 'p', port: 93, protocol: 'TCP', appProtocol: 'lots-of[invalid]-{chars}' }],
        },
      ]),
      'Invalid value',
    ],
  ];
  it.each(errorCases)('%s', (_name, endpoints, type) => {
    const errs = validateEndpoints(endpoints);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs[0]?.type).toBe(type);
  });

  it('an invalid IP is reported twice, as the apiserver does (IsValidIP and ValidateNonSpecialIP)', () => {
    expect(validateEndpoints(ep([{ addresses: [{ ip: 'x' }] }])).map(formatFieldError)).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[0].addresses[0].ip: Invalid value: "x": must be a valid IP address',
    ]);
  });
});

const slice = (s: Partial<EndpointSlice> = {}): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'hello', namespace: 'world', resourceVersion: '1' },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.1.2.3'], conditions: { ready: true } }],
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  ...s,
});

// from pkg/apis/discovery/validation/validation_test.go TestValidateEndpointSlice
describe('validateEndpointSlice', () => {
  it('good-slice', () => expect(validateEndpointSlice(slice())).toEqual([]));
  it('fqdn-valid', () =>
    expect(
      validateEndpointSlice(slice({ addressType: 'FQDN', endpoints: [{ addresses: ['foo.example.com'] }] })),
    ).toEqual([]));

  const cases: Array<[string, Partial<EndpointSlice>, string[]]> = [
    [
      'bad-address-type',
      { addressType: 'IP' as never },
      ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"'],
    ],
    [
      'empty-addresses',
      { endpoints: [{ addresses: [] }] },
      ['endpoints[0].addresses: Required value: must contain at least 1 address'],
    ],
    [
      'bad-ipv4',
      { endpoints: [{ addresses: ['2001:db8::1'] }] },
      ['endpoints[0].addresses[0]: Invalid value: "2001:db8::1": must be a valid IPv4 address'],
    ],
    [
      'duplicate-port-name',
      {
        ports: [
          { name: 'http', port: 80, protocol: 'TCP' },
          { name: 'http', port: 81, protocol: 'TCP' },
        ],
      },
      ['ports[1].name: Duplicate value: "http"'],
    ],
    [
      'bad-protocol',
      { ports: [{ name: '', port: 80, protocol: 'HTTP' }] },
      ['ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'bad-hostname',
      { endpoints: [{ addresses: ['10.1.2.3'], hostname: 'a.b' }] },
      ['endpoints[0].hostname: Invalid value: "a.b": must not contain dots'],
    ],
  ];
  it.each(cases)('%s', (_name, patch, want) =>
    expect(validateEndpointSlice(slice(patch)).map(formatFieldError)).toEqual(want),
  );

  it('addressType is immutable', () => {
    expect(
      validateEndpointSliceUpdate(slice({ addressType: 'IPv6', endpoints: [] }), slice()).map(
        formatFieldError,
      ),
    ).toEqual(['addressType: Invalid value: "IPv6": field is immutable']);
  });
});

// from pkg/apis/core/validation/validation_test.go TestValidateNode / TestValidateNodeUpdate
describe('validateNode', () => {
  const node = (spec: Node['spec'] = {}): Node => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', resourceVersion: '1' },
    spec,
  });
  it('accepts podCIDRs, one per family', () =>
    expect(validateNode(node({ podCIDRs: ['192.168.0.0/16', '2000::/10'] }))).toEqual([]));
  it('rejects two CIDRs of one family', () => {
    expect(
      validateNode(node({ podCIDRs: ['192.168.0.0/16', '192.167.0.0/16'] })).map(formatFieldError),
    ).toEqual([
      'spec.podCIDRs: Invalid value: []string{"192.168.0.0/16", "192.167.0.0/16"}: may specify no more than one CIDR for each IP family',
    ]);
  });
  it('podCIDRs are set once', () => {
    expect(
      validateNodeUpdate(node({ podCIDRs: ['10.0.0.0/24'] }), node({ podCIDRs: ['10.0.1.0/24'] })).map(
        formatFieldError,
      ),
    ).toEqual(['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']);
    expect(validateNodeUpdate(node({ podCIDRs: ['10.0.0.0/24'] }), node())).toEqual([]);
  });
});
