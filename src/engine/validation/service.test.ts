import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../api/field-error.ts';
import type { Service, ServicePort } from '../api/objects.ts';
import { validateService, validateServiceUpdate } from './service.ts';

type Spec = NonNullable<Service['spec']>;
type Svc = Service & { metadata: NonNullable<Service['metadata']>; spec: Spec };

/** makeValidService, from pkg/apis/core/validation/validation_test.go. */
function makeValidService(): Svc {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'valid', namespace: 'valid', labels: {}, annotations: {}, resourceVersion: '1' },
    spec: {
      selector: { key: 'val' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
      ports: [{ name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 }],
      internalTrafficPolicy: 'Cluster',
    },
  };
}

const port = (p: ServicePort): ServicePort => p;
const lb = (s: Svc) => {
  s.spec.type = 'LoadBalancer';
  s.spec.externalTrafficPolicy = 'Cluster';
  s.spec.allocateLoadBalancerNodePorts = true;
};
const np = (s: Svc) => {
  s.spec.type = 'NodePort';
  s.spec.externalTrafficPolicy = 'Cluster';
};
const LB_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

// from pkg/apis/core/validation/validation_test.go TestValidateServiceCreate
const createCases: Array<[string, (s: Svc) => void, number]> = [
  ['missing namespace', (s) => (s.metadata.namespace = ''), 1],
  ['invalid namespace', (s) => (s.metadata.namespace = '-123'), 1],
  ['missing name', (s) => (s.metadata.name = ''), 1],
  ['invalid name', (s) => (s.metadata.name = '-123'), 1],
  ['too long name', (s) => (s.metadata.name = 'a'.repeat(64)), 1],
  ['invalid generateName', (s) => (s.metadata.generateName = '-123'), 1],
  ['too long generateName', (s) => (s.metadata.generateName = 'a'.repeat(64)), 1],
  ['invalid label', (s) => (s.metadata.labels!['NoUppercaseOrSpecialCharsLike=Equals'] = 'bar'), 1],
  ['invalid annotation', (s) => (s.metadata.annotations!['NoSpecialCharsLike=Equals'] = 'bar'), 1],
  ['nil selector', (s) => delete s.spec.selector, 0],
  ['invalid selector', (s) => (s.spec.selector!['NoSpecialCharsLike=Equals'] = 'bar'), 1],
  ['missing session affinity', (s) => (s.spec.sessionAffinity = ''), 1],
  ['missing type', (s) => (s.spec.type = ''), 1],
  ['missing ports', (s) => delete s.spec.ports, 1],
  [
    'missing ports but headless',
    (s) => {
      delete s.spec.ports;
      s.spec.clusterIP = 'None';
      s.spec.clusterIPs = ['None'];
    },
    0,
  ],
  ['empty port[0] name', (s) => (s.spec.ports![0]!.name = ''), 0],
  [
    'empty port[1] name',
    (s) => s.spec.ports!.push({ name: '', protocol: 'TCP', port: 12345, targetPort: 12345 }),
    1,
  ],
  [
    'empty multi-port port[0] name',
    (s) => {
      s.spec.ports![0]!.name = '';
      s.spec.ports!.push({ name: 'p', protocol: 'TCP', port: 12345, targetPort: 12345 });
    },
    1,
  ],
  ['invalid port name', (s) => (s.spec.ports![0]!.name = 'INVALID'), 1],
  ['missing protocol', (s) => (s.spec.ports![0]!.protocol = ''), 1],
  ['invalid protocol', (s) => (s.spec.ports![0]!.protocol = 'INVALID'), 1],
  [
    'invalid cluster ip',
    (s) => {
      s.spec.clusterIP = 'invalid';
      s.spec.clusterIPs = ['invalid'];
    },
    1,
  ],
  ['missing port', (s) => (s.spec.ports![0]!.port = 0), 1],
  ['invalid port', (s) => (s.spec.ports![0]!.port = 65536), 1],
  ['invalid TargetPort int', (s) => (s.spec.ports![0]!.targetPort = 65536), 1],
  [
    'valid port headless',
    (s) => {
      s.spec.ports![0] = { ...s.spec.ports![0]!, port: 11722, targetPort: 11722 };
      s.spec.clusterIP = 'None';
      s.spec.clusterIPs = ['None'];
    },
    0,
  ],
  [
    'invalid port headless 1',
    (s) => {
      s.spec.ports![0] = { ...s.spec.ports![0]!, port: 11722, targetPort: 11721 };
      s.spec.clusterIP = 'None';
      s.spec.clusterIPs = ['None'];
    },
    0,
  ],
  [
    'invalid port headless 2',
    (s) => {
      s.spec.ports![0] = { ...s.spec.ports![0]!, port: 11722, targetPort: 'target' };
      s.spec.clusterIP = 'None';
      s.spec.clusterIPs = ['None'];
    },
    0,
  ],
  [
    'invalid publicIPs localhost',
    (s) => Object.assign(s.spec, { externalTrafficPolicy: 'Cluster', externalIPs: ['127.0.0.1'] }),
    1,
  ],
  [
    'invalid publicIPs unspecified',
    (s) => Object.assign(s.spec, { externalTrafficPolicy: 'Cluster', externalIPs: ['0.0.0.0'] }),
    1,
  ],
  [
    'invalid publicIPs host',
    (s) => Object.assign(s.spec, { externalTrafficPolicy: 'Cluster', externalIPs: ['myhost.mydomain'] }),
    1,
  ],
  [
    'valid publicIPs',
    (s) => Object.assign(s.spec, { externalTrafficPolicy: 'Cluster', externalIPs: ['1.2.3.4'] }),
    0,
  ],
  [
    'dup port name',
    (s) => {
      s.spec.ports![0]!.name = 'p';
      s.spec.ports!.push({ name: 'p', port: 12345, protocol: 'TCP', targetPort: 12345 });
    },
    1,
  ],
  [
    'valid load balancer protocol UDP 1',
    (s) => {
      lb(s);
      s.spec.ports![0]!.protocol = 'UDP';
    },
    0,
  ],
  [
    'load balancer with mix protocol',
    (s) => {
      lb(s);
      s.spec.ports!.push({ name: 'q', port: 12345, protocol: 'UDP', targetPort: 12345 });
    },
    0,
  ],
  ['valid 1', () => {}, 0],
  ['valid 2', (s) => Object.assign(s.spec.ports![0]!, { protocol: 'UDP', targetPort: 12345 }), 0],
  ['valid 3', (s) => (s.spec.ports![0]!.targetPort = 'http'), 0],
  ['valid cluster ip - none ', (s) => Object.assign(s.spec, { clusterIP: 'None', clusterIPs: ['None'] }), 0],
  ['valid type - loadbalancer', lb, 0],
  [
    'valid type - loadbalancer with allocateLoadBalancerNodePorts=false',
    (s) => {
      lb(s);
      s.spec.allocateLoadBalancerNodePorts = false;
    },
    0,
  ],
  [
    'invalid type - missing AllocateLoadBalancerNodePorts for loadbalancer type',
    (s) => {
      lb(s);
      delete s.spec.allocateLoadBalancerNodePorts;
    },
    1,
  ],
  [
    'duplicate nodeports',
    (s) => {
      np(s);
      s.spec.ports!.push(port({ name: 'q', port: 1, protocol: 'TCP', nodePort: 1, targetPort: 1 }));
      s.spec.ports!.push(port({ name: 'r', port: 2, protocol: 'TCP', nodePort: 1, targetPort: 2 }));
    },
    1,
  ],
  [
    'duplicate nodeports (different protocols)',
    (s) => {
      np(s);
      s.spec.ports!.push(port({ name: 'q', port: 1, protocol: 'TCP', nodePort: 1, targetPort: 1 }));
      s.spec.ports!.push(port({ name: 'r', port: 2, protocol: 'UDP', nodePort: 1, targetPort: 2 }));
      s.spec.ports!.push(port({ name: 's', port: 3, protocol: 'SCTP', nodePort: 1, targetPort: 3 }));
    },
    0,
  ],
  [
    'invalid duplicate ports (with same protocol)',
    (s) => {
      s.spec.ports!.push(port({ name: 'q', port: 12345, protocol: 'TCP', targetPort: 8080 }));
      s.spec.ports!.push(port({ name: 'r', port: 12345, protocol: 'TCP', targetPort: 80 }));
    },
    1,
  ],
  [
    'valid duplicate ports (with different protocols)',
    (s) => {
      s.spec.ports!.push(port({ name: 'q', port: 12345, protocol: 'TCP', targetPort: 8080 }));
      s.spec.ports!.push(port({ name: 'r', port: 12345, protocol: 'UDP', targetPort: 80 }));
      s.spec.ports!.push(port({ name: 's', port: 12345, protocol: 'SCTP', targetPort: 8088 }));
    },
    0,
  ],
  ['valid type - nodeport', np, 0],
  [
    'valid type loadbalancer with NodePort',
    (s) => {
      lb(s);
      s.spec.ports!.push(
        port({ name: 'q', port: 12345, protocol: 'TCP', nodePort: 12345, targetPort: 12345 }),
      );
    },
    0,
  ],
  [
    'invalid cluster service with NodePort',
    (s) =>
      s.spec.ports!.push(
        port({ name: 'q', port: 12345, protocol: 'TCP', nodePort: 12345, targetPort: 12345 }),
      ),
    1,
  ],
  [
    'invalid public service with duplicate NodePort',
    (s) => {
      np(s);
      s.spec.ports!.push(port({ name: 'p1', port: 1, protocol: 'TCP', nodePort: 1, targetPort: 1 }));
      s.spec.ports!.push(port({ name: 'p2', port: 2, protocol: 'TCP', nodePort: 1, targetPort: 2 }));
    },
    1,
  ],
  [
    'valid LoadBalancer source range annotation',
    (s) => {
      lb(s);
      s.metadata.annotations![LB_RANGES] = '1.2.3.0/24,  5.6.0.0/16';
    },
    0,
  ],
  [
    'valid whitespace-only LoadBalancer source range annotation',
    (s) => {
      lb(s);
      s.metadata.annotations![LB_RANGES] = '  ';
    },
    0,
  ],
  [
    'invalid LoadBalancer source range annotation (hostname)',
    (s) => {
      lb(s);
      s.metadata.annotations![LB_RANGES] = 'foo.bar';
    },
    1,
  ],
  [
    'invalid LoadBalancer source range annotation (invalid CIDR)',
    (s) => {
      lb(s);
      s.metadata.annotations![LB_RANGES] = '1.2.3.4/33';
    },
    1,
  ],
  [
    'invalid LoadBalancer source range annotation for non LoadBalancer type service',
    (s) => (s.metadata.annotations![LB_RANGES] = '1.2.3.0/24'),
    1,
  ],
  [
    'invalid empty-but-set LoadBalancer source range annotation for non LoadBalancer type service',
    (s) => (s.metadata.annotations![LB_RANGES] = ''),
    1,
  ],
  [
    'valid LoadBalancer source range with whitespace',
    (s) => {
      lb(s);
      s.spec.loadBalancerSourceRanges = ['1.2.3.0/24  ', ' 5.6.0.0/16'];
    },
    0,
  ],
  [
    'invalid empty LoadBalancer source range',
    (s) => {
      lb(s);
      s.spec.loadBalancerSourceRanges = ['   '];
    },
    1,
  ],
  [
    'invalid source range for non LoadBalancer type service',
    (s) => (s.spec.loadBalancerSourceRanges = ['1.2.3.0/24', '5.6.0.0/16']),
    1,
  ],
  [
    'invalid source range annotation ignored with valid source range field',
    (s) => {
      lb(s);
      s.metadata.annotations![LB_RANGES] = 'foo.bar';
      s.spec.loadBalancerSourceRanges = ['1.2.3.0/24', '5.6.0.0/16'];
    },
    0,
  ],
  [
    'valid ExternalName',
    (s) => Object.assign(s.spec, { type: 'ExternalName', externalName: 'foo.bar.example.com' }),
    0,
  ],
  [
    'valid ExternalName (trailing dot)',
    (s) => Object.assign(s.spec, { type: 'ExternalName', externalName: 'foo.bar.example.com.' }),
    0,
  ],
  [
    'invalid ExternalName clusterIP (valid IP)',
    (s) =>
      Object.assign(s.spec, {
        type: 'ExternalName',
        clusterIP: '1.2.3.4',
        clusterIPs: ['1.2.3.4'],
        externalName: 'foo.bar.example.com',
      }),
    1,
  ],
  [
    'invalid ExternalName clusterIP (None)',
    (s) =>
      Object.assign(s.spec, {
        type: 'ExternalName',
        clusterIP: 'None',
        clusterIPs: ['None'],
        externalName: 'foo.bar.example.com',
      }),
    1,
  ],
  [
    'invalid ExternalName (not a DNS name)',
    (s) => Object.assign(s.spec, { type: 'ExternalName', externalName: '-123' }),
    1,
  ],
  [
    'LoadBalancer type cannot have None ClusterIP',
    (s) => {
      lb(s);
      Object.assign(s.spec, { clusterIP: 'None', clusterIPs: ['None'] });
    },
    1,
  ],
  [
    'invalid node port with clusterIP None',
    (s) => {
      np(s);
      s.spec.ports!.push(port({ name: 'q', port: 1, protocol: 'TCP', nodePort: 1, targetPort: 1 }));
      Object.assign(s.spec, { clusterIP: 'None', clusterIPs: ['None'] });
    },
    1,
  ],
  [
    'invalid externalTraffic field',
    (s) =>
      Object.assign(s.spec, {
        type: 'LoadBalancer',
        allocateLoadBalancerNodePorts: true,
        externalTrafficPolicy: 'invalid',
      }),
    1,
  ],
  ['nil internalTraffic field when feature gate is on', (s) => delete s.spec.internalTrafficPolicy, 1],
  [
    'internalTrafficPolicy field nil when type is ExternalName',
    (s) => {
      delete s.spec.internalTrafficPolicy;
      Object.assign(s.spec, { type: 'ExternalName', externalName: 'foo.bar.com' });
    },
    0,
  ],
  ['invalid internalTraffic field', (s) => (s.spec.internalTrafficPolicy = 'invalid'), 1],
  ['internalTrafficPolicy field set to Local', (s) => (s.spec.internalTrafficPolicy = 'Local'), 0],
  [
    'negative healthCheckNodePort field',
    (s) =>
      Object.assign(s.spec, {
        type: 'LoadBalancer',
        allocateLoadBalancerNodePorts: true,
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: -1,
      }),
    1,
  ],
  [
    'valid healthCheckNodePort field',
    (s) =>
      Object.assign(s.spec, {
        type: 'LoadBalancer',
        allocateLoadBalancerNodePorts: true,
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31100,
      }),
    0,
  ],
  [
    'invalid timeoutSeconds field',
    (s) =>
      Object.assign(s.spec, {
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: -1 } },
      }),
    1,
  ],
  [
    "sessionAffinityConfig can't be set when session affinity is None",
    (s) => {
      lb(s);
      s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 90 } };
    },
    1,
  ],
  ['invalid, service with invalid ipFamilies', (s) => (s.spec.ipFamilies = ['not-a-valid-ip-family']), 1],
  [
    'invalid, service with 2+ ipFamilies',
    (s) =>
      Object.assign(s.spec, { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6', 'IPv4'] }),
    1,
  ],
  [
    'invalid, service with same ip families',
    (s) => Object.assign(s.spec, { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv6'] }),
    1,
  ],
  [
    'IPFamilyPolicy(singleStack) is set for two families',
    (s) => Object.assign(s.spec, { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }),
    0,
  ],
  [
    'invalid, garbage single ip',
    (s) => Object.assign(s.spec, { clusterIP: 'garbage-ip', clusterIPs: ['garbage-ip'] }),
    1,
  ],
  [
    'invalid, garbage ips',
    (s) =>
      Object.assign(s.spec, {
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: 'garbage-ip',
        clusterIPs: ['garbage-ip', 'garbage-second-ip'],
      }),
    2,
  ],
  [
    'invalid, NONE + IP',
    (s) =>
      Object.assign(s.spec, {
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: 'None',
        clusterIPs: ['None', '2001::1'],
      }),
    1,
  ],
  [
    'invalid, IP + NONE',
    (s) =>
      Object.assign(s.spec, {
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: '2001::1',
        clusterIPs: ['2001::1', 'None'],
      }),
    1,
  ],
  [
    'invalid, EMPTY STRING + IP',
    (s) =>
      Object.assign(s.spec, {
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: '',
        clusterIPs: ['', '2001::1'],
      }),
    2,
  ],
  [
    'invalid, same ip family (v6)',
    (s) =>
      Object.assign(s.spec, {
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: '2001::1',
        clusterIPs: ['2001::1', '2001::4'],
        ipFamilies: ['IPv4', 'IPv6'],
      }),
    2,
  ],
  [
    'invalid, same ip family (v4)',
    (s) =>
      Object.assign(s.spec, {
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: '10.0.0.1',
        clusterIPs: ['10.0.0.1', '10.0.0.10'],
        ipFamilies: ['IPv4', 'IPv6'],
      }),
    2,
  ],
  [
    'invalid, more than two ips',
    (s) =>
      Object.assign(s.spec, {
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: '10.0.0.1',
        clusterIPs: ['10.0.0.1', '2001::1', '10.0.0.10'],
        ipFamilies: ['IPv4', 'IPv6'],
      }),
    1,
  ],
  [
    'valid, headless-no-selector + multi family + gate off',
    (s) => {
      Object.assign(s.spec, {
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: 'None',
        clusterIPs: ['None'],
        ipFamilies: ['IPv4', 'IPv6'],
      });
      delete s.spec.selector;
    },
    0,
  ],
  [
    "invalid, families don't match (v4=>v6)",
    (s) => Object.assign(s.spec, { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ipFamilies: ['IPv6'] }),
    1,
  ],
  [
    "invalid, families don't match (v6=>v4)",
    (s) => Object.assign(s.spec, { clusterIP: '2001::1', clusterIPs: ['2001::1'], ipFamilies: ['IPv4'] }),
    1,
  ],
  [
    'valid appProtocol',
    (s) => (s.spec.ports = [{ port: 12345, targetPort: 12345, protocol: 'TCP', appProtocol: 'HTTP' }]),
    0,
  ],
  [
    'valid custom appProtocol',
    (s) =>
      (s.spec.ports = [
        { port: 12345, targetPort: 12345, protocol: 'TCP', appProtocol: 'example.com/protocol' },
      ]),
    0,
  ],
  [
    'invalid appProtocol',
    (s) =>
      (s.spec.ports = [
        {
          port: 12345,
          targetPort: 12345,
          protocol: 'TCP',
          appProtocol: 'example.com/protocol_with{invalid}[characters]',
        },
      ]),
    1,
  ],
  [
    'invalid cluster ip != clusterIP in multi ip service',
    (s) =>
      Object.assign(s.spec, {
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: '10.0.0.10',
        clusterIPs: ['10.0.0.1', '2001::1'],
      }),
    1,
  ],
  [
    'invalid cluster ip != clusterIP in single ip service',
    (s) => Object.assign(s.spec, { clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.1'] }),
    1,
  ],
  [
    'Use AllocateLoadBalancerNodePorts when type is not LoadBalancer',
    (s) => (s.spec.allocateLoadBalancerNodePorts = true),
    1,
  ],
  [
    'valid LoadBalancerClass when type is LoadBalancer',
    (s) => {
      lb(s);
      s.spec.loadBalancerClass = 'test.com/test-load-balancer-class';
    },
    0,
  ],
  [
    'invalid LoadBalancerClass',
    (s) => {
      lb(s);
      s.spec.loadBalancerClass = 'Bad/LoadBalancerClass';
    },
    1,
  ],
  [
    'invalid: set LoadBalancerClass when type is not LoadBalancer',
    (s) => (s.spec.loadBalancerClass = 'test.com/test-load-balancer-class'),
    1,
  ],
  [
    'topology annotations are mismatched',
    (s) => {
      s.metadata.annotations!['service.kubernetes.io/topology-aware-hints'] = 'original';
      s.metadata.annotations!['service.kubernetes.io/topology-mode'] = 'different';
    },
    1,
  ],
  [
    'valid: trafficDistribution field set to PreferClose',
    (s) => (s.spec.trafficDistribution = 'PreferClose'),
    0,
  ],
  ['invalid: trafficDistribution field set to Random', (s) => (s.spec.trafficDistribution = 'Random'), 1],
];

describe('validateService', () => {
  it.each(createCases)('TestValidateServiceCreate %s', (_name, tweak, numErrs) => {
    const svc = makeValidService();
    tweak(svc);
    const errs = validateService(svc);
    expect(errs.map(formatFieldError), JSON.stringify(errs)).toHaveLength(numErrs);
  });

  // from pkg/apis/core/validation/validation_test.go TestValidateServiceExternalTrafficPolicy
  const etpCases: Array<[string, (s: Svc) => void, number]> = [
    [
      'valid loadBalancer service with externalTrafficPolicy and healthCheckNodePort set',
      (s) =>
        Object.assign(s.spec, {
          type: 'LoadBalancer',
          allocateLoadBalancerNodePorts: true,
          externalTrafficPolicy: 'Local',
          healthCheckNodePort: 34567,
        }),
      0,
    ],
    [
      'valid nodePort service with externalTrafficPolicy set',
      (s) => Object.assign(s.spec, { type: 'NodePort', externalTrafficPolicy: 'Local' }),
      0,
    ],
    [
      'cannot set healthCheckNodePort field on loadBalancer service with externalTrafficPolicy!=Local',
      (s) =>
        Object.assign(s.spec, {
          type: 'LoadBalancer',
          allocateLoadBalancerNodePorts: true,
          externalTrafficPolicy: 'Cluster',
          healthCheckNodePort: 34567,
        }),
      1,
    ],
    [
      'cannot set healthCheckNodePort field on nodePort service',
      (s) =>
        Object.assign(s.spec, {
          type: 'NodePort',
          externalTrafficPolicy: 'Local',
          healthCheckNodePort: 34567,
        }),
      1,
    ],
    [
      'cannot set externalTrafficPolicy or healthCheckNodePort fields on clusterIP service',
      (s) => Object.assign(s.spec, { externalTrafficPolicy: 'Local', healthCheckNodePort: 34567 }),
      2,
    ],
    [
      'cannot set externalTrafficPolicy field on ExternalName service',
      (s) =>
        Object.assign(s.spec, {
          type: 'ExternalName',
          externalName: 'foo.bar',
          externalTrafficPolicy: 'Local',
        }),
      1,
    ],
    ['externalTrafficPolicy is required on NodePort service', (s) => (s.spec.type = 'NodePort'), 1],
    [
      'externalTrafficPolicy is required on ClusterIP service with externalIPs',
      (s) => (s.spec.externalIPs = ['1.2.3,4']),
      1,
    ],
  ];
  it.each(etpCases)('TestValidateServiceExternalTrafficPolicy %s', (_name, tweak, numErrs) => {
    const svc = makeValidService();
    tweak(svc);
    const errs = validateService(svc).filter((e) =>
      /^spec\.(externalTrafficPolicy|healthCheckNodePort)$/.test(e.field),
    );
    expect(errs).toHaveLength(numErrs);
  });

  // The apiserver's exact wording (field.Error.Error()) for the errors users meet most.
  const messages: Array<[string, (s: Svc) => void, string]> = [
    [
      'DNS-1035 name',
      (s) => (s.metadata.name = 'Web'),
      `metadata.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ],
    [
      'port range',
      (s) => (s.spec.ports![0]!.port = 65536),
      'spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive',
    ],
    [
      'named targetPort',
      (s) => (s.spec.ports![0]!.targetPort = 'http_port'),
      'spec.ports[0].targetPort: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ],
    [
      'protocol',
      (s) => (s.spec.ports![0]!.protocol = 'HTTP'),
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'multi-port names',
      (s) => s.spec.ports!.push({ port: 81, protocol: 'TCP', targetPort: 81 }),
      'spec.ports[1].name: Required value',
    ],
    [
      'nodePort on ClusterIP',
      (s) => (s.spec.ports![0]!.nodePort = 30080),
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ],
    [
      'duplicate port',
      (s) => s.spec.ports!.push({ name: 'q', port: 8675, protocol: 'TCP', targetPort: 80 }),
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:8675, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
    ['ExternalName without name', (s) => (s.spec.type = 'ExternalName'), 'spec.externalName: Required value'],
    [
      'type',
      (s) => (s.spec.type = 'Internal'),
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
    [
      'session affinity',
      (s) => (s.spec.sessionAffinity = 'Sticky'),
      'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    ],
    [
      'affinity timeout',
      (s) =>
        Object.assign(s.spec, {
          sessionAffinity: 'ClientIP',
          sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } },
        }),
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400',
    ],
    [
      'externalTrafficPolicy on ClusterIP',
      (s) => (s.spec.externalTrafficPolicy = 'Local'),
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ],
    [
      'loopback externalIP',
      (s) => Object.assign(s.spec, { externalTrafficPolicy: 'Cluster', externalIPs: ['127.0.0.1'] }),
      'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
    [
      'loadBalancerSourceRanges on ClusterIP',
      (s) => (s.spec.loadBalancerSourceRanges = ['10.0.0.0/8']),
      "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ],
    [
      'headless NodePort',
      (s) =>
        Object.assign(s.spec, {
          type: 'NodePort',
          externalTrafficPolicy: 'Cluster',
          clusterIP: 'None',
          clusterIPs: ['None'],
        }),
      `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`,
    ],
    [
      'clusterIPs out of sync',
      (s) => Object.assign(s.spec, { clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.21'] }),
      'spec.clusterIPs: Invalid value: []string{"10.96.0.21"}: first value must match `clusterIP`',
    ],
    [
      'selector label value',
      (s) => (s.spec.selector = { app: '-web' }),
      `spec.selector: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  ];
  it.each(messages)('message: %s', (_name, tweak, message) => {
    const svc = makeValidService();
    tweak(svc);
    expect(validateService(svc).map(formatFieldError)).toEqual([message]);
  });
});

// from pkg/apis/core/validation/validation_test.go TestValidateServiceUpdate
const updateCases: Array<[string, (o: Svc, n: Svc) => void, number]> = [
  ['no change', () => {}, 0],
  ['change name', (_o, n) => (n.metadata.name += '2'), 1],
  ['change namespace', (_o, n) => (n.metadata.namespace += '2'), 1],
  ['change label valid', (_o, n) => (n.metadata.labels!.key = 'other-value'), 0],
  [
    'change cluster IP',
    (o, n) => {
      Object.assign(o.spec, { clusterIP: '1.2.3.4', clusterIPs: ['1.2.3.4'] });
      Object.assign(n.spec, { clusterIP: '8.6.7.5', clusterIPs: ['8.6.7.5'] });
    },
    1,
  ],
  [
    'remove cluster IP',
    (o, n) => {
      Object.assign(o.spec, { clusterIP: '1.2.3.4', clusterIPs: ['1.2.3.4'] });
      delete n.spec.clusterIP;
      delete n.spec.clusterIPs;
    },
    1,
  ],
  [
    'change affinity',
    (_o, n) =>
      Object.assign(n.spec, {
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 90 } },
      }),
    0,
  ],
  ['remove affinity', (_o, n) => (n.spec.sessionAffinity = ''), 1],
  ['change type', (_o, n) => lb(n), 0],
  ['remove type', (_o, n) => (n.spec.type = ''), 1],
  ['change type -> nodeport', (_o, n) => np(n), 0],
  [
    '`None` ClusterIP can NOT be changed',
    (o, n) => {
      Object.assign(o.spec, { clusterIP: 'None', clusterIPs: ['None'] });
      Object.assign(n.spec, { clusterIP: '1.2.3.4', clusterIPs: ['1.2.3.4'] });
    },
    1,
  ],
  [
    '`None` ClusterIP can NOT be removed',
    (o, n) => {
      Object.assign(o.spec, { clusterIP: 'None', clusterIPs: ['None'] });
      delete n.spec.clusterIP;
      delete n.spec.clusterIPs;
    },
    1,
  ],
  [
    'ClusterIP can NOT be changed to None',
    (o, n) => {
      Object.assign(o.spec, { clusterIP: '1.2.3.4', clusterIPs: ['1.2.3.4'] });
      Object.assign(n.spec, { clusterIP: 'None', clusterIPs: ['None'] });
    },
    1,
  ],
  [
    'Service with ClusterIP type can change its empty ClusterIP',
    (_o, n) => Object.assign(n.spec, { clusterIP: '1.2.3.5', clusterIPs: ['1.2.3.5'] }),
    0,
  ],
  [
    'Service with NodePort type cannot change its set ClusterIP when changing type to ClusterIP',
    (o, n) => {
      Object.assign(o.spec, { type: 'NodePort', clusterIP: '1.2.3.4', clusterIPs: ['1.2.3.4'] });
      Object.assign(n.spec, { type: 'ClusterIP', clusterIP: '1.2.3.5', clusterIPs: ['1.2.3.5'] });
    },
    1,
  ],
  [
    'Service with ExternalName type can change its set ClusterIP when changing type to ClusterIP',
    (o, n) => {
      Object.assign(o.spec, { type: 'ExternalName', clusterIP: '1.2.3.4', clusterIPs: ['1.2.3.4'] });
      Object.assign(n.spec, { clusterIP: '1.2.3.5', clusterIPs: ['1.2.3.5'] });
    },
    0,
  ],
  [
    'invalid flip families',
    (o, n) => {
      Object.assign(o.spec, {
        clusterIP: '1.2.3.40',
        clusterIPs: ['1.2.3.4', '2001::1'],
        ipFamilyPolicy: 'RequireDualStack',
        ipFamilies: ['IPv4', 'IPv6'],
      });
      Object.assign(n.spec, {
        clusterIP: '2001::1',
        clusterIPs: ['2001::1', '1.2.3.5'],
        ipFamilyPolicy: 'RequireDualStack',
        ipFamilies: ['IPv6', 'IPv4'],
      });
    },
    4,
  ],
  [
    'downgrade keeping the families',
    (o, n) => {
      Object.assign(o.spec, {
        clusterIP: '1.2.3.4',
        clusterIPs: ['1.2.3.4', '2001::1'],
        ipFamilyPolicy: 'RequireDualStack',
        ipFamilies: ['IPv4', 'IPv6'],
      });
      Object.assign(n.spec, {
        clusterIP: '1.2.3.4',
        clusterIPs: ['1.2.3.4'],
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4', 'IPv6'],
      });
    },
    0,
  ],
  [
    'invalid, downgrade without changing to singleStack',
    (o, n) => {
      Object.assign(o.spec, {
        clusterIP: '1.2.3.4',
        clusterIPs: ['1.2.3.4', '2001::1'],
        ipFamilyPolicy: 'RequireDualStack',
        ipFamilies: ['IPv4', 'IPv6'],
      });
      Object.assign(n.spec, {
        clusterIP: '1.2.3.4',
        clusterIPs: ['1.2.3.4'],
        ipFamilyPolicy: 'RequireDualStack',
        ipFamilies: ['IPv4'],
      });
    },
    2,
  ],
  [
    'invalid: change LoadBalancerClass when update service',
    (o, n) => {
      Object.assign(o.spec, {
        type: 'LoadBalancer',
        allocateLoadBalancerNodePorts: true,
        loadBalancerClass: 'test.com/test-old',
      });
      lb(n);
      n.spec.loadBalancerClass = 'test.com/test-new';
    },
    1,
  ],
  [
    'invalid: set invalid LoadBalancerClass when update service to LoadBalancer',
    (_o, n) => {
      lb(n);
      n.spec.loadBalancerClass = 'Bad/LoadBalancerclass';
    },
    2,
  ],
  [
    'invalid: set LoadBalancerClass when update service to non LoadBalancer type of service',
    (o, n) => {
      o.spec.type = 'ExternalName';
      Object.assign(n.spec, { type: 'ExternalName', loadBalancerClass: 'test.com/test-load-balancer-class' });
    },
    3,
  ],
  [
    'update internalTrafficPolicy from Cluster to Local',
    (_o, n) => (n.spec.internalTrafficPolicy = 'Local'),
    0,
  ],
];

describe('validateServiceUpdate', () => {
  it.each(updateCases)('TestValidateServiceUpdate %s', (_name, tweak, numErrs) => {
    const oldSvc = makeValidService();
    const newSvc = makeValidService();
    tweak(oldSvc, newSvc);
    const errs = validateServiceUpdate(newSvc, oldSvc);
    expect(errs.map(formatFieldError)).toHaveLength(numErrs);
  });

  it('reports a changed clusterIP as the apiserver does', () => {
    const oldSvc = makeValidService();
    const newSvc = makeValidService();
    Object.assign(oldSvc.spec, { clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'] });
    Object.assign(newSvc.spec, { clusterIP: '10.96.0.21', clusterIPs: ['10.96.0.21'] });
    expect(validateServiceUpdate(newSvc, oldSvc).map(formatFieldError)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.21"}: may not change once set',
    ]);
  });
});
