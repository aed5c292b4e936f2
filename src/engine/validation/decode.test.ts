import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../api/field-error.ts';
import type { KubeObject } from '../api/objects.ts';
import { DEFAULT_CLUSTER_CONFIG } from '../sim/config.ts';
import { applyDefaults } from '../registry/defaults.ts';
import { decodeObject } from './decode.ts';
import { validateObject, validateObjectUpdate } from './index.ts';

const svc = (spec: unknown, metadata: unknown = { name: 'web' }) =>
  ({ apiVersion: 'v1', kind: 'Service', metadata, spec }) as unknown as KubeObject;

describe('decode (the apiserver decoder rejects wrongly typed fields)', () => {
  it('reports each wrongly typed field on its path', () => {
    const errs = validateObject(
      svc(
        { ports: [{ port: 'eighty', targetPort: 8080.5 }], selector: { app: 1, tier: true }, type: 7 },
        { name: 'web', labels: { v: 2 } },
      ),
      DEFAULT_CLUSTER_CONFIG,
    );
    expect(errs.map(formatFieldError)).toEqual([
      'metadata.labels[v]: Invalid value: 2: must be a string',
      'spec.ports[0].port: Invalid value: "eighty": must be an integer',
      'spec.ports[0].targetPort: Invalid value: 8080.5: must be an integer or a string',
      'spec.selector[app]: Invalid value: 1: must be a string',
      'spec.selector[tier]: Invalid value: true: must be a string',
      'spec.type: Invalid value: 7: must be a string',
    ]);
  });

  it('lists and objects of the wrong shape', () => {
    expect(validateObject(svc({ ports: {} }), DEFAULT_CLUSTER_CONFIG).map(formatFieldError)).toEqual([
      'spec.ports: Invalid value: "{...}": must be a list',
    ]);
    expect(validateObject(svc([]), DEFAULT_CLUSTER_CONFIG).map(formatFieldError)).toEqual([
      'spec: Invalid value: "[...]": must be an object',
    ]);
    expect(
      validateObject(svc({ ports: [{ port: 2 ** 31 }] }), DEFAULT_CLUSTER_CONFIG).map(formatFieldError),
    ).toEqual(['spec.ports[0].port: Invalid value: 2147483648: must be a 32-bit integer']);
  });

  it('accepts null (Go leaves the zero value) and unknown fields', () => {
    expect(decodeObject(svc({ ports: null, clusterIP: null, fancy: { x: 1 } })).errors).toEqual([]);
    expect(decodeObject(svc({ ports: null })).value.spec).toEqual({});
  });

  it('kind and apiVersion must belong together', () => {
    const d = { apiVersion: 'v1', kind: 'Deployment', metadata: { name: 'web' } } as KubeObject;
    expect(validateObject(d, DEFAULT_CLUSTER_CONFIG).map(formatFieldError)).toEqual([
      'apiVersion: Invalid value: "v1": no matches for kind "Deployment" in version "v1"',
    ]);
  });
});

const KINDS: Array<[string, string]> = [
  ['v1', 'Service'],
  ['v1', 'Pod'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'StatefulSet'],
  ['v1', 'Endpoints'],
  ['discovery.k8s.io/v1', 'EndpointSlice'],
  ['v1', 'Node'],
  ['v1', 'Namespace'],
  ['v1', 'ConfigMap'],
];

/** Valid-looking objects of every kind, so that mutations reach deep into the validators. */
const BASES: Record<string, Record<string, unknown>> = {
  Service: {
    spec: {
      type: 'NodePort',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }],
      clusterIP: '10.96.0.5',
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } },
      externalIPs: ['1.2.3.4'],
      ipFamilies: ['IPv4'],
    },
  },
  Pod: {
    spec: {
      containers: [
        {
          name: 'c',
          image: 'nginx',
          ports: [{ containerPort: 80, hostPort: 80 }],
          readinessProbe: { httpGet: { port: 80 } },
          resources: { limits: { cpu: '1' } },
        },
      ],
      hostNetwork: true,
      tolerations: [{ key: 'k', operator: 'Exists' }],
      volumes: [{ name: 'v' }],
    },
  },
  Deployment: {
    spec: {
      replicas: 2,
      selector: {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }],
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
      template: {
        metadata: { labels: { app: 'web', a: 'b' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  },
  ReplicaSet: {
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  },
  StatefulSet: {
    spec: {
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  },
  Endpoints: {
    subsets: [
      {
        addresses: [{ ip: '10.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', name: 'p' } }],
        ports: [{ name: 'http', port: 80 }],
      },
    ],
  },
  EndpointSlice: {
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true }, hostname: 'h' }],
    ports: [{ name: 'http', port: 80 }],
  },
  Node: { spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] }, status: { capacity: { cpu: 2 } } },
  Namespace: { spec: { finalizers: ['kubernetes'] } },
  ConfigMap: { data: { a: 'b' } },
};

function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function setAt(
  root: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
): Record<string, unknown> {
  if (path.length === 0) return value as Record<string, unknown>;
  const copy = structuredClone(root);
  let cur: Record<string | number, unknown> = copy;
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
  return copy;
}

const kindArb = fc.constantFrom(...KINDS);

/** Random JSON-like objects carrying a kind. */
const randomObject = fc
  .tuple(kindArb, fc.anything(), fc.anything(), fc.dictionary(fc.string(), fc.anything()))
  .map(
    ([[apiVersion, kind], metadata, spec, rest]) =>
      ({ ...rest, apiVersion, kind, metadata, spec }) as unknown,
  );

/** A valid-looking object of a kind with one value anywhere replaced by anything. */
const mutatedObject = kindArb.chain(([apiVersion, kind]) => {
  const base = {
    apiVersion,
    kind,
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    ...BASES[kind],
  };
  const ps = paths(base);
  return fc
    .tuple(
      fc.constantFrom(...ps),
      fc.oneof(
        fc.anything(),
        fc.constant(null),
        fc.string(),
        fc.integer(),
        fc.double(),
        fc.array(fc.anything()),
      ),
    )
    .map(([p, v]) => setAt(base, p, v) as unknown);
});

const anyObject = fc.oneof(randomObject, mutatedObject);

describe('type robustness (properties)', () => {
  it('validateObject, validateObjectUpdate and applyDefaults never throw', () => {
    fc.assert(
      fc.property(anyObject, anyObject, (a, b) => {
        const objA = a as KubeObject;
        const defaulted = applyDefaults(objA, DEFAULT_CLUSTER_CONFIG);
        const errs = validateObject(defaulted, DEFAULT_CLUSTER_CONFIG);
        expect(Array.isArray(errs)).toBe(true);
        for (const e of errs) expect(typeof formatFieldError(e)).toBe('string');
        validateObject(objA, DEFAULT_CLUSTER_CONFIG);
        validateObjectUpdate(objA, b as KubeObject, DEFAULT_CLUSTER_CONFIG);
        validateObjectUpdate(
          defaulted,
          applyDefaults(b as KubeObject, DEFAULT_CLUSTER_CONFIG),
          DEFAULT_CLUSTER_CONFIG,
        );
      }),
      { numRuns: 600 },
    );
  });

  it('applyDefaults does not modify its input and is idempotent on well-typed objects', () => {
    fc.assert(
      fc.property(mutatedObject, (o) => {
        const before = JSON.stringify(o);
        const once = applyDefaults(o as KubeObject, DEFAULT_CLUSTER_CONFIG);
        expect(JSON.stringify(o)).toBe(before);
        if (decodeObject(o).errors.length === 0) {
          expect(applyDefaults(once, DEFAULT_CLUSTER_CONFIG)).toEqual(once);
        }
      }),
      { numRuns: 300 },
    );
  });
});
