import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../api/field-error.ts';
import type { Container, Pod } from '../api/objects.ts';
import { validatePod, validatePodUpdate } from './pod.ts';

type P = Pod & { metadata: NonNullable<Pod['metadata']>; spec: NonNullable<Pod['spec']> };

const container = (c: Partial<Container> = {}): Container => ({
  name: 'ctr',
  image: 'image',
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePolicy: 'File',
  ...c,
});

/** podtest.MakePod: a valid, defaulted pod. */
function makePod(): P {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: '123', namespace: 'ns', resourceVersion: '1' },
    spec: {
      containers: [container()],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
    },
  };
}

const messages = (p: P) => validatePod(p).map(formatFieldError);

// from pkg/apis/core/validation/validation_test.go TestValidatePodSpec / TestValidateContainers / TestValidateContainerPorts
describe('validatePod', () => {
  it('accepts a valid pod', () => expect(messages(makePod())).toEqual([]));

  const cases: Array<[string, (p: P) => void, string[]]> = [
    ['no containers', (p) => (p.spec.containers = []), ['spec.containers: Required value']],
    [
      'invalid container name',
      (p) => (p.spec.containers[0]!.name = 'Web'),
      [
        `spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    [
      'duplicate container names',
      (p) => p.spec.containers.push(container()),
      ['spec.containers[1].name: Duplicate value: "ctr"'],
    ],
    [
      'missing image',
      (p) => (p.spec.containers[0]!.image = ''),
      ['spec.containers[0].image: Required value'],
    ],
    [
      'missing containerPort',
      (p) => (p.spec.containers[0]!.ports = [{ containerPort: 0, protocol: 'TCP' }]),
      ['spec.containers[0].ports[0].containerPort: Required value'],
    ],
    [
      'port name too long',
      (p) =>
        (p.spec.containers[0]!.ports = [
          { name: 'a-very-long-port-name', containerPort: 80, protocol: 'TCP' },
        ]),
      [
        'spec.containers[0].ports[0].name: Invalid value: "a-very-long-port-name": must be no more than 15 characters',
      ],
    ],
    [
      'duplicate port names',
      (p) =>
        (p.spec.containers[0]!.ports = [
          { name: 'http', containerPort: 80, protocol: 'TCP' },
          { name: 'http', containerPort: 81, protocol: 'TCP' },
        ]),
      ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    [
      'host port conflict across containers',
      (p) => {
        p.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }];
        p.spec.containers.push(
          container({ name: 'two', ports: [{ containerPort: 81, hostPort: 8080, protocol: 'TCP' }] }),
        );
      },
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ],
    [
      'invalid protocol',
      (p) => (p.spec.containers[0]!.ports = [{ containerPort: 80, protocol: 'HTTP' }]),
      [
        'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      ],
    ],
    [
      'invalid restartPolicy',
      (p) => (p.spec.restartPolicy = 'Sometimes'),
      [
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ],
    ],
    [
      'invalid hostname',
      (p) => (p.spec.hostname = 'Host_1'),
      [
        expect.stringMatching(/^spec\.hostname: Invalid value: "Host_1": a lowercase RFC 1123 label/),
      ] as never,
    ],
    [
      'subdomain with dots',
      (p) => (p.spec.subdomain = 'a.b'),
      ['spec.subdomain: Invalid value: "a.b": must not contain dots'],
    ],
    [
      'invalid nodeName',
      (p) => (p.spec.nodeName = 'Node_1'),
      [
        expect.stringMatching(/^spec\.nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain/),
      ] as never,
    ],
    [
      'hostNetwork hostPort must match',
      (p) => {
        p.spec.hostNetwork = true;
        p.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }];
      },
      [
        'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
      ],
    ],
    [
      'readiness probe port',
      (p) => (p.spec.containers[0]!.readinessProbe = { httpGet: { port: 0 } }),
      [
        'spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, tweak, want) => {
    const p = makePod();
    tweak(p);
    expect(messages(p)).toEqual(want);
  });
});

// from pkg/apis/core/validation/validation_test.go TestValidatePodUpdate
describe('validatePodUpdate', () => {
  it('image update', () => {
    const old = makePod();
    const pod = makePod();
    pod.spec.containers[0]!.image = 'image:v2';
    expect(validatePodUpdate(pod, old)).toEqual([]);
  });

  it('more containers', () => {
    const old = makePod();
    const pod = makePod();
    pod.spec.containers.push(container({ name: 'two' }));
    expect(validatePodUpdate(pod, old).map(formatFieldError)).toEqual([
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    ]);
  });

  it('other spec changes are forbidden', () => {
    const old = makePod();
    const pod = makePod();
    pod.spec.containers[0]!.ports = [{ containerPort: 80, protocol: 'TCP' }];
    const errs = validatePodUpdate(pod, old);
    expect(errs).toHaveLength(1);
    expect(errs[0]?.field).toBe('spec');
    expect(errs[0]?.detail).toMatch(
      /^pod updates may not change fields other than `spec.containers\[\*\].image`,/,
    );
  });
});
