import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../sim/simulate.ts';
import type { ProxyInput } from '../input.ts';
import { syncProxyRules } from './proxier.ts';

const example = (name: string) => readFileSync(`examples/${name}.yaml`, 'utf8');

/** Nodes that see Services differently: zones, Local traffic policies, a firewall that admits one node. */
const mixed = `apiVersion: v1
kind: Node
metadata: { name: a, labels: { topology.kubernetes.io/zone: z1 } }
status: { addresses: [{ type: InternalIP, address: 10.0.2.4 }] }
---
apiVersion: v1
kind: Node
metadata: { name: b, labels: { topology.kubernetes.io/zone: z2 } }
status: { addresses: [{ type: InternalIP, address: 10.0.3.4 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: nginx, ports: [{ containerPort: 80 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: local }
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: both-local }
spec:
  type: NodePort
  externalTrafficPolicy: Local
  internalTrafficPolicy: Local
  selector: { app: web }
  ports: [{ port: 81, targetPort: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: firewalled }
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: [10.0.2.0/24]
  selector: { app: web }
  ports: [{ port: 82, targetPort: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: zoned }
spec:
  trafficDistribution: PreferClose
  sessionAffinity: ClientIP
  selector: { app: web }
  ports: [{ port: 8080, targetPort: 80 }]
`;

describe('rules shared between the nodes of one simulation', () => {
  it.each([['nodeport'], ['loadbalancer'], ['session-affinity'], ['mixed']])(
    'are the rules each node would write on its own (%s)',
    (name) => {
      const r = simulate(name === 'mixed' ? mixed : example(name));
      const { services, endpointSlices, nodes, pods, config } = r.cluster;
      const shared: ProxyInput = { services, endpointSlices, nodes, pods, config };
      for (const node of nodes) {
        const alone: ProxyInput = { services, endpointSlices, nodes, pods, config };
        const nodeName = node.metadata!.name!;
        expect(syncProxyRules(shared, nodeName)).toEqual(syncProxyRules(alone, nodeName));
      }
    },
  );
});
