import { describe, expect, it } from 'vitest';
import type { Container } from '../api/objects.ts';
import { findPort } from './find-port.ts';

// from pkg/api/v1/pod/util_test.go TestFindPort
describe('findPort', () => {
  const cases: {
    name: string;
    containers: Container[];
    port: number | string;
    expected: number | undefined;
  }[] = [
    { name: 'valid int, no ports', containers: [{ name: 'a' }], port: 93, expected: 93 },
    {
      name: 'valid int, with ports',
      containers: [
        {
          name: 'a',
          ports: [
            { name: '', containerPort: 11, protocol: 'TCP' },
            { name: 'p', containerPort: 22, protocol: 'TCP' },
          ],
        },
      ],
      port: 93,
      expected: 93,
    },
    { name: 'valid str, no ports', containers: [{ name: 'a' }], port: 'p', expected: undefined },
    {
      name: 'valid str, one ctr with ports',
      containers: [
        {
          name: 'a',
          ports: [
            { name: '', containerPort: 11, protocol: 'UDP' },
            { name: 'p', containerPort: 22, protocol: 'TCP' },
            { name: 'q', containerPort: 33, protocol: 'TCP' },
          ],
        },
      ],
      port: 'q',
      expected: 33,
    },
    {
      name: 'valid str, two ctr with ports',
      containers: [
        { name: 'a' },
        {
          name: 'b',
          ports: [
            { name: 'p', containerPort: 22, protocol: 'TCP' },
            { name: 'q', containerPort: 33, protocol: 'TCP' },
          ],
        },
      ],
      port: 'q',
      expected: 33,
    },
    {
      name: 'valid str, invalid protocol',
      containers: [{ name: 'a' }, { name: 'b', ports: [{ name: 'a', containerPort: 11, protocol: 'snmp' }] }],
      port: 'a',
      expected: undefined,
    },
    {
      name: 'valid hostPort',
      containers: [
        { name: 'a' },
        { name: 'b', ports: [{ name: 'a', containerPort: 11, hostPort: 81, protocol: 'TCP' }] },
      ],
      port: 'a',
      expected: 11,
    },
    {
      name: 'HostIP Address',
      containers: [
        { name: 'a' },
        { name: 'b', ports: [{ name: 'a', containerPort: 11, hostIP: '192.168.1.1', protocol: 'TCP' }] },
      ],
      port: 'a',
      expected: 11,
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(
        findPort({ spec: { containers: tc.containers } }, { port: 80, protocol: 'TCP', targetPort: tc.port }),
      ).toBe(tc.expected);
    });
  }

  it('matches the protocol as well as the name', () => {
    const pod = {
      spec: {
        containers: [
          {
            name: 'dns',
            ports: [
              { name: 'dns', containerPort: 53, protocol: 'UDP' },
              { name: 'dns', containerPort: 5353, protocol: 'TCP' },
            ],
          },
        ],
      },
    };
    expect(findPort(pod, { port: 53, protocol: 'UDP', targetPort: 'dns' })).toBe(53);
    expect(findPort(pod, { port: 53, protocol: 'TCP', targetPort: 'dns' })).toBe(5353);
  });

  it('looks into sidecar init containers (restartPolicy: Always) only', () => {
    const pod = {
      spec: {
        containers: [{ name: 'app' }],
        initContainers: [
          { name: 'init', ports: [{ name: 'x', containerPort: 1 }] },
          { name: 'sidecar', restartPolicy: 'Always', ports: [{ name: 'y', containerPort: 2 }] },
        ],
      },
    };
    expect(findPort(pod, { port: 80, targetPort: 'x' })).toBeUndefined();
    expect(findPort(pod, { port: 80, targetPort: 'y' })).toBe(2);
  });

  it('defaults targetPort to port', () => {
    expect(findPort({ spec: { containers: [] } }, { port: 8080 })).toBe(8080);
  });
});
