/**
 * Packet flows ported from pkg/proxy/iptables/proxier_test.go (runPacketFlowTests): each case sends a
 * packet through the generated rules with our netfilter evaluator and compares the possible destinations
 * (every endpoint the rules can pick, or ACCEPT/DROP/REJECT) and whether it gets masqueraded.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../api/objects.ts';
import { syncNodeProxy } from '../proxy/index.ts';
import type { IptablesProxierOptions } from '../proxy/iptables/proxier.ts';
import {
  FAKE_PROXIER_OPTIONS,
  fakeProxyInput,
  makeTestEndpointSlice,
  makeTestService,
  testExternalClient,
  testExternalClientBlocked,
  testExternalIP,
  testNodeIP,
  testNodeIPAlt,
  testNodeName,
} from '../proxy/testing/fixtures.ts';
import type { NodeProxyState } from '../proxy/types.ts';
import { runChain, type NfContext } from './netfilter.ts';
import { localAddressPredicate } from './node-path.ts';

interface PacketFlowTest {
  name: string;
  sourceIP: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  destIP: string;
  destPort: number;
  output: string;
  masq?: boolean;
}

function setup(
  services: Service[],
  slices: EndpointSlice[],
  opts: IptablesProxierOptions = FAKE_PROXIER_OPTIONS,
) {
  const input = fakeProxyInput(services, slices);
  return { state: syncNodeProxy(input, testNodeName, opts), node: input.nodes[0]! };
}

/** tracePacket: nat PREROUTING, then the filter chain the routing decision picks. */
function tracePacket(
  env: { state: NodeProxyState; node: ReturnType<typeof setup>['node'] },
  t: PacketFlowTest,
) {
  const ctx: NfContext = {
    state: env.state,
    isLocalAddress: localAddressPredicate(env.node, env.state),
    recentCheck: () => false,
  };
  const pkt = {
    src: t.sourceIP,
    srcPort: 40000,
    dst: t.destIP,
    dstPort: t.destPort,
    protocol: (t.protocol ?? 'TCP').toLowerCase(),
    mark: 0,
    dnat: false,
    bridged: false,
  };
  const outputs: string[] = [];
  let masq = false;
  const nat = runChain(ctx, 'nat', 'PREROUTING', pkt);
  const total = nat.reduce((s, o) => s + o.probability, 0);
  expect(total).toBeCloseTo(1, 12);
  for (const o of nat) {
    if (o.packet.mark & 0x4000) masq = true;
    const chain = ctx.isLocalAddress(o.packet.dst) ? 'INPUT' : 'FORWARD';
    const f = runChain(ctx, 'filter', chain, o.packet)[0]!;
    let out = '';
    if (f.end === 'DROP' || f.end === 'REJECT') out = f.end;
    else if (o.end === 'DNAT') out = `${o.packet.dst}:${o.packet.dstPort}`;
    else if (f.end === 'ACCEPT') out = 'ACCEPT';
    if (out !== '' && !outputs.includes(out)) outputs.push(out);
  }
  return { output: outputs.join(', '), masq };
}

function runPacketFlowTests(env: ReturnType<typeof setup>, cases: PacketFlowTest[]) {
  for (const tc of cases) {
    const got = tracePacket(env, tc);
    expect({ name: tc.name, ...got }).toEqual({ name: tc.name, output: tc.output, masq: tc.masq ?? false });
  }
}

const p80 = { name: 'p80', port: 80, protocol: 'TCP' as const };
const port = (name: string, p: number, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP') => ({
  name,
  port: p,
  protocol,
});

function overall() {
  return setup(
    [
      makeTestService('ns1', 'svc1', (s) => {
        s.spec.clusterIP = '172.30.0.41';
        s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP' }];
      }),
      makeTestService('ns2', 'svc2', (s) => {
        s.spec.type = 'LoadBalancer';
        s.spec.externalTrafficPolicy = 'Local';
        s.spec.clusterIP = '172.30.0.42';
        s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }];
        s.status.loadBalancer = { ingress: [{ ip: '1.2.3.4' }] };
        s.spec.externalIPs = ['192.168.99.22'];
        s.spec.healthCheckNodePort = 30000;
      }),
      makeTestService('ns4', 'svc4', (s) => {
        s.spec.type = 'NodePort';
        s.spec.clusterIP = '172.30.0.44';
        s.spec.externalIPs = ['192.168.99.33'];
        s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', targetPort: 80 }];
      }),
      makeTestService('ns5', 'svc5', (s) => {
        s.spec.type = 'LoadBalancer';
        s.spec.clusterIP = '172.30.0.45';
        s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3002 }];
        s.status.loadBalancer = { ingress: [{ ip: '5.6.7.8' }] };
        s.spec.loadBalancerSourceRanges = [' 203.0.113.0/25'];
      }),
      makeTestService('ns6', 'svc6', (s) => {
        s.spec.clusterIP = '172.30.0.46';
        s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', targetPort: 80 }];
      }),
    ],
    [
      makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
        e.endpoints = [{ addresses: ['10.180.0.1'] }];
        e.ports = [p80];
      }),
      makeTestEndpointSlice('ns2', 'svc2', 1, (e) => {
        e.endpoints = [{ addresses: ['10.180.0.2'] }];
        e.ports = [p80];
      }),
      makeTestEndpointSlice('ns4', 'svc4', 1, (e) => {
        e.endpoints = [{ addresses: ['10.180.0.4'] }, { addresses: ['10.180.0.5'], nodeName: testNodeName }];
        e.ports = [p80];
      }),
      makeTestEndpointSlice('ns5', 'svc5', 1, (e) => {
        e.endpoints = [{ addresses: ['10.180.0.3'] }];
        e.ports = [p80];
      }),
    ],
  );
}

describe('packet flows (proxier_test.go)', () => {
  // from TestTracePacket (its rules are the TestOverallIPTablesRules Services)
  it('TestTracePacket', () => {
    runPacketFlowTests(overall(), [
      { name: 'no match', sourceIP: '10.0.0.2', destIP: '10.0.0.3', destPort: 80, output: '' },
      {
        name: 'single endpoint',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
      },
      {
        name: 'multiple endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.44',
        destPort: 80,
        output: '10.180.0.4:80, 10.180.0.5:80',
      },
      {
        name: 'LOCAL, KUBE-MARK-MASQ',
        sourceIP: testNodeIP,
        destIP: '192.168.99.22',
        destPort: 80,
        output: '10.180.0.2:80',
        masq: true,
      },
      { name: 'DROP', sourceIP: testExternalClient, destIP: '192.168.99.22', destPort: 80, output: 'DROP' },
      {
        name: 'ACCEPT (NodePortHealthCheck)',
        sourceIP: testNodeIP,
        destIP: testNodeIP,
        destPort: 30000,
        output: 'ACCEPT',
      },
      { name: 'REJECT', sourceIP: '10.0.0.2', destIP: '172.30.0.46', destPort: 80, output: 'REJECT' },
    ]);
  });

  it('TestNoEndpointsReject', () => {
    const env = setup(
      [
        makeTestService('ns1', 'svc1', (s) => {
          s.spec.type = 'LoadBalancer';
          s.spec.clusterIP = '172.30.0.41';
          s.spec.externalIPs = ['192.168.99.11'];
          s.spec.ports = [{ name: 'p80', protocol: 'TCP', port: 80, nodePort: 3001 }];
          s.status.loadBalancer = { ingress: [{ ip: '1.2.3.4' }] };
        }),
      ],
      [],
    );
    runPacketFlowTests(env, [
      {
        name: 'pod to cluster IP with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'external to external IP with no endpoints',
        sourceIP: testExternalClient,
        destIP: '192.168.99.11',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'pod to NodePort with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: testNodeIP,
        destPort: 3001,
        output: 'REJECT',
      },
      {
        name: 'external to NodePort with no endpoints',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3001,
        output: 'REJECT',
      },
      {
        name: 'pod to LoadBalancer IP with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'external to LoadBalancer IP with no endpoints',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
    ]);
  });

  it('TestClusterIPGeneral', () => {
    const env = setup(
      [
        makeTestService('ns1', 'svc1', (s) => {
          s.spec.clusterIP = '172.30.0.41';
          s.spec.ports = [{ name: 'http', port: 80, protocol: 'TCP' }];
        }),
        makeTestService('ns2', 'svc2', (s) => {
          s.spec.clusterIP = '172.30.0.42';
          s.spec.ports = [
            { name: 'http', port: 80, protocol: 'TCP' },
            { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
            { name: 'dns-udp', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 5353 },
            { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
          ];
        }),
      ],
      [
        makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
          e.endpoints = [{ addresses: ['10.180.0.1'], nodeName: testNodeName }];
          e.ports = [port('http', 80)];
        }),
        makeTestEndpointSlice('ns2', 'svc2', 1, (e) => {
          e.endpoints = [
            { addresses: ['10.180.0.1'], nodeName: testNodeName },
            { addresses: ['10.180.2.1'], nodeName: 'node2' },
          ];
          e.ports = [
            port('http', 80),
            port('https', 8443),
            port('dns-udp', 53, 'UDP'),
            port('dns-tcp', 5353),
            port('dns-sctp', 53, 'SCTP'),
          ];
        }),
      ],
    );
    runPacketFlowTests(env, [
      {
        name: 'simple clusterIP',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
      },
      {
        name: 'hairpin to cluster IP',
        sourceIP: '10.180.0.1',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'clusterIP with multiple endpoints',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 80,
        output: '10.180.0.1:80, 10.180.2.1:80',
      },
      {
        name: 'clusterIP with TargetPort',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 443,
        output: '10.180.0.1:8443, 10.180.2.1:8443',
      },
      {
        name: 'clusterIP with TCP, UDP, and SCTP on same port (TCP)',
        sourceIP: '10.180.0.2',
        protocol: 'TCP',
        destIP: '172.30.0.42',
        destPort: 53,
        output: '10.180.0.1:5353, 10.180.2.1:5353',
      },
      {
        name: 'clusterIP with TCP, UDP, and SCTP on same port (UDP)',
        sourceIP: '10.180.0.2',
        protocol: 'UDP',
        destIP: '172.30.0.42',
        destPort: 53,
        output: '10.180.0.1:53, 10.180.2.1:53',
      },
      {
        name: 'clusterIP with TCP, UDP, and SCTP on same port (SCTP)',
        sourceIP: '10.180.0.2',
        protocol: 'SCTP',
        destIP: '172.30.0.42',
        destPort: 53,
        output: '10.180.0.1:53, 10.180.2.1:53',
      },
      {
        name: 'TCP-only port does not match UDP traffic',
        sourceIP: '10.180.0.2',
        protocol: 'UDP',
        destIP: '172.30.0.42',
        destPort: 80,
        output: '',
      },
      {
        name: "svc1 does not accept svc2's ports",
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.41',
        destPort: 443,
        output: '',
      },
    ]);
  });

  it('TestLoadBalancer', () => {
    const env = setup(
      [
        makeTestService('ns1', 'svc1', (s) => {
          s.spec.type = 'LoadBalancer';
          s.spec.clusterIP = '172.30.0.41';
          s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }];
          s.status.loadBalancer = { ingress: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }] };
          s.spec.loadBalancerSourceRanges = ['192.168.0.0/24', ' 203.0.113.0/25'];
        }),
      ],
      [
        makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
          e.endpoints = [{ addresses: ['10.180.0.1'] }];
          e.ports = [p80];
        }),
      ],
    );
    const ep = '10.180.0.1:80';
    runPacketFlowTests(env, [
      { name: 'pod to cluster IP', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: ep },
      {
        name: 'external to nodePort',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3001,
        output: ep,
        masq: true,
      },
      {
        name: 'nodePort bypasses LoadBalancerSourceRanges',
        sourceIP: testExternalClientBlocked,
        destIP: testNodeIP,
        destPort: 3001,
        output: ep,
        masq: true,
      },
      {
        name: 'accepted external to LB1',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'accepted external to LB2',
        sourceIP: testExternalClient,
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'blocked external to LB1',
        sourceIP: testExternalClientBlocked,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'blocked external to LB2',
        sourceIP: testExternalClientBlocked,
        destIP: '5.6.7.8',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'pod to LB1 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'pod to LB2 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: '5.6.7.8',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'node to LB1 (allowed by LoadBalancerSourceRanges)',
        sourceIP: testNodeIP,
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'node to LB2 (allowed by LoadBalancerSourceRanges)',
        sourceIP: testNodeIP,
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'same node to LB1, SNATted to LB1 (implicitly allowed)',
        sourceIP: '1.2.3.4',
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'same node to LB2, SNATted to LB2 (implicitly allowed)',
        sourceIP: '5.6.7.8',
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
    ]);
  });

  describe('TestNodePorts', () => {
    for (const localhostNodePorts of [true, false]) {
      it(`ipv4, localhost-nodeports ${localhostNodePorts ? 'enabled' : 'disabled'}`, () => {
        const env = setup(
          [
            makeTestService('ns1', 'svc1', (s) => {
              s.spec.type = 'NodePort';
              s.spec.clusterIP = '172.30.0.41';
              s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }];
            }),
          ],
          [
            makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
              e.endpoints = [
                { addresses: ['10.180.0.1'] },
                { addresses: ['10.180.2.1'], nodeName: testNodeName },
              ];
              e.ports = [p80];
            }),
          ],
          { ...FAKE_PROXIER_OPTIONS, localhostNodePorts },
        );
        const output = '10.180.0.1:80, 10.180.2.1:80';
        runPacketFlowTests(env, [
          { name: 'pod to cluster IP', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output },
          {
            name: 'external to nodePort',
            sourceIP: testExternalClient,
            destIP: testNodeIP,
            destPort: 3001,
            output,
            masq: true,
          },
          {
            name: 'node to nodePort',
            sourceIP: testNodeIP,
            destIP: testNodeIP,
            destPort: 3001,
            output,
            masq: true,
          },
          localhostNodePorts
            ? {
                name: 'localhost to nodePort gets masqueraded',
                sourceIP: '127.0.0.1',
                destIP: '127.0.0.1',
                destPort: 3001,
                output,
                masq: true,
              }
            : {
                name: 'localhost to nodePort is ignored',
                sourceIP: '127.0.0.1',
                destIP: '127.0.0.1',
                destPort: 3001,
                output: '',
              },
          {
            name: 'external to nodePort on secondary IP',
            sourceIP: testExternalClient,
            destIP: testNodeIPAlt,
            destPort: 3001,
            output,
            masq: true,
          },
        ]);
        const firewall = env.state.iptables.filter.rules
          .filter((r) => r.chain === 'KUBE-FIREWALL')
          .map((r) => r.text);
        expect(firewall).toEqual(
          localhostNodePorts
            ? [
                '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
              ]
            : [],
        );
      });
    }
  });

  it('TestHealthCheckNodePort', () => {
    const env = setup(
      [
        makeTestService('ns1', 'svc1', (s) => {
          s.spec.type = 'LoadBalancer';
          s.spec.clusterIP = '172.30.0.42';
          s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }];
          s.spec.healthCheckNodePort = 30000;
          s.spec.externalTrafficPolicy = 'Local';
        }),
      ],
      [],
    );
    runPacketFlowTests(env, [
      {
        name: 'firewall accepts HealthCheckNodePort',
        sourceIP: '1.2.3.4',
        destIP: testNodeIP,
        destPort: 30000,
        output: 'ACCEPT',
      },
    ]);
    const empty = setup([], []);
    runPacketFlowTests(empty, [
      {
        name: 'HealthCheckNodePort no longer has any rule',
        sourceIP: '1.2.3.4',
        destIP: testNodeIP,
        destPort: 30000,
        output: '',
      },
    ]);
  });

  function trafficPolicyEnv(policy: 'Local' | 'Cluster') {
    return setup(
      [
        makeTestService('ns1', 'svc1', (s) => {
          s.spec.type = 'LoadBalancer';
          s.spec.externalTrafficPolicy = policy;
          s.spec.clusterIP = '172.30.0.41';
          s.spec.externalIPs = ['192.168.99.11'];
          s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001, targetPort: 80 }];
          if (policy === 'Local') s.spec.healthCheckNodePort = 30000;
          s.status.loadBalancer = { ingress: [{ ip: '1.2.3.4' }] };
        }),
      ],
      [
        makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
          e.endpoints = [
            { addresses: ['10.180.0.1'] },
            { addresses: ['10.180.2.1'], nodeName: testNodeName },
          ];
          e.ports = [p80];
        }),
      ],
    );
  }

  it('TestExternalTrafficPolicyLocal', () => {
    const both = '10.180.0.1:80, 10.180.2.1:80';
    runPacketFlowTests(trafficPolicyEnv('Local'), [
      {
        name: 'pod to cluster IP hits both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: both,
      },
      {
        name: 'pod to external IP hits both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: testExternalIP,
        destPort: 80,
        output: both,
      },
      {
        name: 'external to external IP hits only local endpoint, unmasqueraded',
        sourceIP: testExternalClient,
        destIP: testExternalIP,
        destPort: 80,
        output: '10.180.2.1:80',
      },
      {
        name: 'pod to LB IP hits only both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: both,
      },
      {
        name: 'external to LB IP hits only local endpoint, unmasqueraded',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.180.2.1:80',
      },
      {
        name: 'pod to NodePort hits both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: testNodeIP,
        destPort: 3001,
        output: both,
      },
      {
        name: 'external to NodePort hits only local endpoint, unmasqueraded',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3001,
        output: '10.180.2.1:80',
      },
    ]);
  });

  it('TestExternalTrafficPolicyCluster', () => {
    const both = '10.180.0.1:80, 10.180.2.1:80';
    runPacketFlowTests(trafficPolicyEnv('Cluster'), [
      {
        name: 'pod to cluster IP hits both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: both,
      },
      {
        name: 'pod to external IP hits both endpoints, masqueraded',
        sourceIP: '10.0.0.2',
        destIP: testExternalIP,
        destPort: 80,
        output: both,
        masq: true,
      },
      {
        name: 'external to external IP hits both endpoints, masqueraded',
        sourceIP: testExternalClient,
        destIP: testExternalIP,
        destPort: 80,
        output: both,
        masq: true,
      },
      {
        name: 'pod to LB IP hits both endpoints, masqueraded',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: both,
        masq: true,
      },
      {
        name: 'external to LB IP hits both endpoints, masqueraded',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: both,
        masq: true,
      },
      {
        name: 'pod to NodePort hits both endpoints, masqueraded',
        sourceIP: '10.0.0.2',
        destIP: testNodeIP,
        destPort: 3001,
        output: both,
        masq: true,
      },
      {
        name: 'external to NodePort hits both endpoints, masqueraded',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3001,
        output: both,
        masq: true,
      },
    ]);
  });

  describe('TestInternalTrafficPolicy', () => {
    const cases: {
      name: string;
      policy: 'Cluster' | 'Local';
      endpoints: [string, string][];
      output: string;
    }[] = [
      {
        name: 'internalTrafficPolicy is cluster',
        policy: 'Cluster',
        endpoints: [
          ['10.0.1.1', testNodeName],
          ['10.0.1.2', 'node1'],
          ['10.0.1.3', 'node2'],
        ],
        output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.3:80',
      },
      {
        name: 'internalTrafficPolicy is local and there is one local endpoint',
        policy: 'Local',
        endpoints: [
          ['10.0.1.1', testNodeName],
          ['10.0.1.2', 'node1'],
          ['10.0.1.3', 'node2'],
        ],
        output: '10.0.1.1:80',
      },
      {
        name: 'internalTrafficPolicy is local and there are multiple local endpoints',
        policy: 'Local',
        endpoints: [
          ['10.0.1.1', testNodeName],
          ['10.0.1.2', testNodeName],
          ['10.0.1.3', 'node2'],
        ],
        output: '10.0.1.1:80, 10.0.1.2:80',
      },
      {
        name: 'internalTrafficPolicy is local and there are no local endpoints',
        policy: 'Local',
        endpoints: [
          ['10.0.1.1', 'node0'],
          ['10.0.1.2', 'node1'],
          ['10.0.1.3', 'node2'],
        ],
        output: 'DROP',
      },
    ];
    for (const tc of cases) {
      it(tc.name, () => {
        const svc = makeTestService('ns1', 'svc1', (s) => {
          s.spec.clusterIP = '172.30.1.1';
          s.spec.selector = { foo: 'bar' };
          s.spec.ports = [{ name: '', port: 80, protocol: 'TCP' }];
          s.spec.internalTrafficPolicy = tc.policy;
        });
        const slice = makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
          e.ports = [{ name: '', port: 80, protocol: 'TCP' }];
          e.endpoints = tc.endpoints.map(([ip, nodeName]) => ({
            addresses: [ip],
            conditions: { ready: true },
            nodeName,
          }));
        });
        runPacketFlowTests(setup([svc], [slice]), [
          {
            name: 'pod to ClusterIP',
            sourceIP: '10.0.0.2',
            destIP: '172.30.1.1',
            destPort: 80,
            output: tc.output,
          },
        ]);
        runPacketFlowTests(setup([svc], []), [
          {
            name: 'endpoints deleted',
            sourceIP: '10.0.0.2',
            destIP: '172.30.1.1',
            destPort: 80,
            output: 'REJECT',
          },
        ]);
      });
    }
  });

  const cond = (ready: boolean, serving: boolean, terminating: boolean) => ({ ready, serving, terminating });
  function terminatingEnv(
    policy: 'Local' | 'Cluster',
    endpoints: { ip: string; c: ReturnType<typeof cond>; node: string }[],
  ) {
    const svc = makeTestService('ns1', 'svc1', (s) => {
      s.spec.clusterIP = '172.30.1.1';
      s.spec.type = 'LoadBalancer';
      s.spec.externalTrafficPolicy = policy;
      s.spec.ports = [{ name: '', targetPort: 80, port: 80, protocol: 'TCP' }];
      s.spec.healthCheckNodePort = 30000;
      s.status.loadBalancer = { ingress: [{ ip: '1.2.3.4' }] };
    });
    const slice = makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
      e.ports = [{ name: '', port: 80, protocol: 'TCP' }];
      e.endpoints = endpoints.map((ep) => ({ addresses: [ep.ip], conditions: ep.c, nodeName: ep.node }));
    });
    return setup([svc], [slice]);
  }

  describe('TestTerminatingEndpointsTrafficPolicyLocal', () => {
    it('ready endpoints exist', () => {
      const env = terminatingEnv('Local', [
        { ip: '10.0.1.1', c: cond(true, true, false), node: testNodeName },
        { ip: '10.0.1.2', c: cond(true, true, false), node: testNodeName },
        { ip: '10.0.1.3', c: cond(false, true, true), node: testNodeName },
        { ip: '10.0.1.4', c: cond(false, false, true), node: testNodeName },
        { ip: '10.0.1.5', c: cond(true, true, false), node: 'node-1' },
      ]);
      runPacketFlowTests(env, [
        {
          name: 'pod to clusterIP',
          sourceIP: '10.0.0.2',
          destIP: '172.30.1.1',
          destPort: 80,
          output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
        },
        {
          name: 'external to LB',
          sourceIP: testExternalClient,
          destIP: '1.2.3.4',
          destPort: 80,
          output: '10.0.1.1:80, 10.0.1.2:80',
        },
      ]);
    });
    it('only terminating endpoints exist', () => {
      const env = terminatingEnv('Local', [
        { ip: '10.0.1.2', c: cond(false, true, true), node: testNodeName },
        { ip: '10.0.1.3', c: cond(false, true, true), node: testNodeName },
        { ip: '10.0.1.4', c: cond(false, false, true), node: testNodeName },
        { ip: '10.0.1.5', c: cond(true, true, false), node: 'node-1' },
      ]);
      runPacketFlowTests(env, [
        {
          name: 'pod to clusterIP',
          sourceIP: '10.0.0.2',
          destIP: '172.30.1.1',
          destPort: 80,
          output: '10.0.1.5:80',
        },
        {
          name: 'external to LB',
          sourceIP: testExternalClient,
          destIP: '1.2.3.4',
          destPort: 80,
          output: '10.0.1.2:80, 10.0.1.3:80',
        },
      ]);
    });
    it('terminating endpoints on remote node', () => {
      const env = terminatingEnv('Local', [{ ip: '10.0.1.5', c: cond(false, true, true), node: 'node-1' }]);
      runPacketFlowTests(env, [
        {
          name: 'pod to clusterIP',
          sourceIP: '10.0.0.2',
          destIP: '172.30.1.1',
          destPort: 80,
          output: '10.0.1.5:80',
        },
        {
          name: 'external to LB, no locally-usable endpoints',
          sourceIP: testExternalClient,
          destIP: '1.2.3.4',
          destPort: 80,
          output: 'DROP',
        },
      ]);
    });
    it('no usable endpoints on any node', () => {
      const env = terminatingEnv('Local', [
        { ip: '10.0.1.5', c: cond(false, false, true), node: testNodeName },
        { ip: '10.0.1.5', c: cond(false, false, true), node: 'node-1' },
      ]);
      runPacketFlowTests(env, [
        {
          name: 'pod to clusterIP, no usable endpoints',
          sourceIP: '10.0.0.2',
          destIP: '172.30.1.1',
          destPort: 80,
          output: 'REJECT',
        },
        {
          name: 'external to LB, no usable endpoints',
          sourceIP: testExternalClient,
          destIP: '1.2.3.4',
          destPort: 80,
          output: 'REJECT',
        },
      ]);
    });
  });

  describe('TestTerminatingEndpointsTrafficPolicyCluster', () => {
    it('ready endpoints exist', () => {
      const env = terminatingEnv('Cluster', [
        { ip: '10.0.1.1', c: cond(true, true, false), node: testNodeName },
        { ip: '10.0.1.2', c: cond(true, true, false), node: testNodeName },
        { ip: '10.0.1.3', c: cond(false, true, true), node: 'another-node' },
        { ip: '10.0.1.4', c: cond(false, false, true), node: 'another-node' },
        { ip: '10.0.1.5', c: cond(true, true, false), node: 'another-node' },
      ]);
      runPacketFlowTests(env, [
        {
          name: 'pod to clusterIP',
          sourceIP: '10.0.0.2',
          destIP: '172.30.1.1',
          destPort: 80,
          output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
        },
        {
          name: 'external to LB',
          sourceIP: testExternalClient,
          destIP: '1.2.3.4',
          destPort: 80,
          output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
          masq: true,
        },
      ]);
    });
    it('only terminating endpoints exist', () => {
      const env = terminatingEnv('Cluster', [
        { ip: '10.0.1.2', c: cond(false, true, true), node: testNodeName },
        { ip: '10.0.1.3', c: cond(false, true, true), node: testNodeName },
        { ip: '10.0.1.4', c: cond(false, false, true), node: 'another-node' },
        { ip: '10.0.1.5', c: cond(false, true, true), node: 'another-node' },
      ]);
      runPacketFlowTests(env, [
        {
          name: 'pod to clusterIP',
          sourceIP: '10.0.0.2',
          destIP: '172.30.1.1',
          destPort: 80,
          output: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80',
        },
        {
          name: 'external to LB',
          sourceIP: testExternalClient,
          destIP: '1.2.3.4',
          destPort: 80,
          output: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80',
          masq: true,
        },
      ]);
    });
    it('no usable endpoints on any node', () => {
      const env = terminatingEnv('Cluster', [
        { ip: '10.0.1.5', c: cond(false, false, true), node: testNodeName },
        { ip: '10.0.1.5', c: cond(false, false, true), node: 'node-1' },
      ]);
      runPacketFlowTests(env, [
        {
          name: 'pod to clusterIP',
          sourceIP: '10.0.0.2',
          destIP: '172.30.1.1',
          destPort: 80,
          output: 'REJECT',
        },
        {
          name: 'external to LB',
          sourceIP: testExternalClient,
          destIP: '1.2.3.4',
          destPort: 80,
          output: 'REJECT',
        },
      ]);
    });
  });

  // from TestInternalExternalMasquerade, the "base" case (working LocalTrafficDetector, no masqueradeAll)
  it('TestInternalExternalMasquerade base', () => {
    const lb = (
      ns: string,
      name: string,
      ip: string,
      nodePort: number,
      lbip: string,
      mod: (s: Service & { spec: NonNullable<Service['spec']> }) => void = () => {},
    ) =>
      makeTestService(ns, name, (s) => {
        s.spec.type = 'LoadBalancer';
        s.spec.clusterIP = ip;
        s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort }];
        s.spec.healthCheckNodePort = nodePort + 27000;
        s.status.loadBalancer = { ingress: [{ ip: lbip }] };
        mod(s);
      });
    const eps = (ns: string, name: string, local: string, remote: string) =>
      makeTestEndpointSlice(ns, name, 1, (e) => {
        e.endpoints = [
          { addresses: [local], nodeName: testNodeName },
          { addresses: [remote], nodeName: 'remote' },
        ];
        e.ports = [p80];
      });
    const env = setup(
      [
        lb('ns1', 'svc1', '172.30.0.41', 3001, '1.2.3.4'),
        lb('ns2', 'svc2', '172.30.0.42', 3002, '5.6.7.8', (s) => (s.spec.externalTrafficPolicy = 'Local')),
        lb('ns3', 'svc3', '172.30.0.43', 3003, '9.10.11.12', (s) => (s.spec.internalTrafficPolicy = 'Local')),
      ],
      [
        eps('ns1', 'svc1', '10.180.0.1', '10.180.1.1'),
        eps('ns2', 'svc2', '10.180.0.2', '10.180.1.2'),
        eps('ns3', 'svc3', '10.180.0.3', '10.180.1.3'),
      ],
    );
    const s1 = '10.180.0.1:80, 10.180.1.1:80';
    const s2 = '10.180.0.2:80, 10.180.1.2:80';
    const s3 = '10.180.0.3:80, 10.180.1.3:80';
    runPacketFlowTests(env, [
      { name: 'pod to ClusterIP', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: s1 },
      {
        name: 'pod to NodePort',
        sourceIP: '10.0.0.2',
        destIP: testNodeIP,
        destPort: 3001,
        output: s1,
        masq: true,
      },
      { name: 'pod to LB', sourceIP: '10.0.0.2', destIP: '1.2.3.4', destPort: 80, output: s1, masq: true },
      {
        name: 'node to ClusterIP',
        sourceIP: testNodeIP,
        destIP: '172.30.0.41',
        destPort: 80,
        output: s1,
        masq: true,
      },
      {
        name: 'node to NodePort',
        sourceIP: testNodeIP,
        destIP: testNodeIP,
        destPort: 3001,
        output: s1,
        masq: true,
      },
      {
        name: 'localhost to NodePort',
        sourceIP: '127.0.0.1',
        destIP: '127.0.0.1',
        destPort: 3001,
        output: s1,
        masq: true,
      },
      { name: 'node to LB', sourceIP: testNodeIP, destIP: '1.2.3.4', destPort: 80, output: s1, masq: true },
      {
        name: 'external to ClusterIP',
        sourceIP: testExternalClient,
        destIP: '172.30.0.41',
        destPort: 80,
        output: s1,
        masq: true,
      },
      {
        name: 'external to NodePort',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3001,
        output: s1,
        masq: true,
      },
      {
        name: 'external to LB',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: s1,
        masq: true,
      },
      {
        name: 'pod to ClusterIP with eTP:Local',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.42',
        destPort: 80,
        output: s2,
      },
      {
        name: 'pod to NodePort with eTP:Local',
        sourceIP: '10.0.0.2',
        destIP: testNodeIP,
        destPort: 3002,
        output: s2,
      },
      { name: 'pod to LB with eTP:Local', sourceIP: '10.0.0.2', destIP: '5.6.7.8', destPort: 80, output: s2 },
      {
        name: 'node to ClusterIP with eTP:Local',
        sourceIP: testNodeIP,
        destIP: '172.30.0.42',
        destPort: 80,
        output: s2,
        masq: true,
      },
      {
        name: 'node to NodePort with eTP:Local',
        sourceIP: testNodeIP,
        destIP: testNodeIP,
        destPort: 3001,
        output: s1,
        masq: true,
      },
      {
        name: 'localhost to NodePort with eTP:Local',
        sourceIP: '127.0.0.1',
        destIP: '127.0.0.1',
        destPort: 3002,
        output: s2,
        masq: true,
      },
      {
        name: 'node to LB with eTP:Local',
        sourceIP: testNodeIP,
        destIP: '5.6.7.8',
        destPort: 80,
        output: s2,
        masq: true,
      },
      {
        name: 'external to ClusterIP with eTP:Local',
        sourceIP: testExternalClient,
        destIP: '172.30.0.42',
        destPort: 80,
        output: s2,
        masq: true,
      },
      {
        name: 'external to NodePort with eTP:Local',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3002,
        output: '10.180.0.2:80',
      },
      {
        name: 'external to LB with eTP:Local',
        sourceIP: testExternalClient,
        destIP: '5.6.7.8',
        destPort: 80,
        output: '10.180.0.2:80',
      },
      {
        name: 'pod to ClusterIP with iTP:Local',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.43',
        destPort: 80,
        output: '10.180.0.3:80',
      },
      {
        name: 'pod to NodePort with iTP:Local',
        sourceIP: '10.0.0.2',
        destIP: testNodeIP,
        destPort: 3003,
        output: s3,
        masq: true,
      },
      {
        name: 'pod to LB with iTP:Local',
        sourceIP: '10.0.0.2',
        destIP: '9.10.11.12',
        destPort: 80,
        output: s3,
        masq: true,
      },
      {
        name: 'node to ClusterIP with iTP:Local',
        sourceIP: testNodeIP,
        destIP: '172.30.0.43',
        destPort: 80,
        output: '10.180.0.3:80',
        masq: true,
      },
      {
        name: 'node to NodePort with iTP:Local',
        sourceIP: testNodeIP,
        destIP: testNodeIP,
        destPort: 3003,
        output: s3,
        masq: true,
      },
      {
        name: 'localhost to NodePort with iTP:Local',
        sourceIP: '127.0.0.1',
        destIP: '127.0.0.1',
        destPort: 3003,
        output: s3,
        masq: true,
      },
      {
        name: 'node to LB with iTP:Local',
        sourceIP: testNodeIP,
        destIP: '9.10.11.12',
        destPort: 80,
        output: s3,
        masq: true,
      },
      {
        name: 'external to ClusterIP with iTP:Local',
        sourceIP: testExternalClient,
        destIP: '172.30.0.43',
        destPort: 80,
        output: '10.180.0.3:80',
        masq: true,
      },
      {
        name: 'external to NodePort with iTP:Local',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3003,
        output: s3,
        masq: true,
      },
      {
        name: 'external to LB with iTP:Local',
        sourceIP: testExternalClient,
        destIP: '9.10.11.12',
        destPort: 80,
        output: s3,
        masq: true,
      },
    ]);
  });
});
