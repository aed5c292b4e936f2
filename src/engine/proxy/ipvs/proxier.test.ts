import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../api/objects.ts';
import { syncNodeProxy } from '../index.ts';
import {
  fakeProxyInput,
  makeNode,
  makeTestEndpointSlice,
  makeTestService,
  testNodeName,
} from '../testing/fixtures.ts';
import type { NodeProxyState } from '../types.ts';
import { renderIpvsadm } from './ipvsadm.ts';
import { buildIpvsState } from './proxier.ts';

const nodeIP = '100.101.102.103';

function ipvsState(services: Service[], slices: EndpointSlice[]): NodeProxyState {
  const input = fakeProxyInput(services, slices, { nodes: [makeNode(testNodeName, [nodeIP])] });
  input.config = { ...input.config, proxyMode: 'ipvs' };
  return syncNodeProxy(input, testNodeName);
}

/** pkg/proxy/ipvs/testing ExpectedIptablesChain: jump target, match-set and source of each rule of a chain (nat then filter). */
function chain(state: NodeProxyState, name: string) {
  return [...state.iptables.nat.rules, ...state.iptables.filter.rules]
    .filter((r) => r.chain === name)
    .map((r) => ({
      JumpChain: r.target,
      MatchSet: r.match.matchSet?.name ?? '',
      ...(r.match.source && !r.match.source.negate ? { SourceAddress: r.match.source.cidr } : {}),
    }));
}

const entries = (state: NodeProxyState, name: string) => state.ipsets!.find((s) => s.name === name)!.entries;
const vs = (state: NodeProxyState, ip: string, port: number) =>
  state.ipvs.find((v) => v.ip === ip && v.port === port);
const p80 = [{ name: 'p80', port: 80, protocol: 'TCP' as const }];

describe('ipvs proxier (pkg/proxy/ipvs/proxier_test.go)', () => {
  it('TestLoadBalancerSourceRanges', () => {
    const state = ipvsState(
      [
        makeTestService('ns1', 'svc1', (s) => {
          s.spec.type = 'LoadBalancer';
          s.spec.clusterIP = '10.20.30.41';
          s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP' }];
          s.status.loadBalancer = { ingress: [{ ip: '1.2.3.4' }] };
          s.spec.loadBalancerSourceRanges = ['10.0.0.0/8'];
        }),
      ],
      [
        makeTestEndpointSlice(
          'ns1',
          'svc1',
          1,
          (e) => ((e.endpoints = [{ addresses: ['10.180.0.1'] }]), (e.ports = p80)),
        ),
      ],
    );
    expect(state.ipvs).toHaveLength(2);
    expect(vs(state, '1.2.3.4', 80)!.realServers.map((r) => `${r.ip}:${r.port}`)).toEqual(['10.180.0.1:80']);
    expect(entries(state, 'KUBE-LOAD-BALANCER')).toEqual(['1.2.3.4,tcp:80']);
    expect(entries(state, 'KUBE-LOAD-BALANCER-FW')).toEqual(['1.2.3.4,tcp:80']);
    expect(entries(state, 'KUBE-LOAD-BALANCER-SOURCE-CIDR')).toEqual(['1.2.3.4,tcp:80,10.0.0.0/8']);
    expect(chain(state, 'KUBE-SERVICES')).toEqual([
      { JumpChain: 'RETURN', MatchSet: '', SourceAddress: '127.0.0.0/8' },
      { JumpChain: 'KUBE-LOAD-BALANCER', MatchSet: 'KUBE-LOAD-BALANCER' },
      { JumpChain: 'KUBE-MARK-MASQ', MatchSet: 'KUBE-CLUSTER-IP' },
      { JumpChain: 'KUBE-NODE-PORT', MatchSet: '' },
      { JumpChain: 'ACCEPT', MatchSet: 'KUBE-CLUSTER-IP' },
      { JumpChain: 'ACCEPT', MatchSet: 'KUBE-LOAD-BALANCER' },
    ]);
    expect(chain(state, 'KUBE-PROXY-FIREWALL')).toEqual([
      { JumpChain: 'KUBE-SOURCE-RANGES-FIREWALL', MatchSet: 'KUBE-LOAD-BALANCER-FW' },
    ]);
    expect(chain(state, 'KUBE-SOURCE-RANGES-FIREWALL')).toEqual([
      { JumpChain: 'RETURN', MatchSet: 'KUBE-LOAD-BALANCER-SOURCE-CIDR' },
      { JumpChain: 'DROP', MatchSet: '' },
    ]);
    // The node is not in the source ranges: node-originated traffic to the LB IP is dropped.
    expect(
      state.iptables.filter.rules.filter((r) => r.chain === 'KUBE-IPVS-OUT-FILTER').map((r) => r.text),
    ).toEqual(['-A KUBE-IPVS-OUT-FILTER -s 1.2.3.4 -m ipvs --vaddr 1.2.3.4 --vproto tcp --vport 80 -j DROP']);
  });

  it('TestOnlyLocalLoadBalancing', () => {
    const state = ipvsState(
      [
        makeTestService('ns1', 'svc1', (s) => {
          s.spec.type = 'LoadBalancer';
          s.spec.clusterIP = '10.20.30.41';
          s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }];
          s.status.loadBalancer = { ingress: [{ ip: '1.2.3.4' }] };
          s.spec.externalTrafficPolicy = 'Local';
        }),
      ],
      [
        makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
          e.endpoints = [
            { addresses: ['10.180.0.1'], nodeName: testNodeName },
            { addresses: ['10.180.1.1'], nodeName: 'other-node' },
          ];
          e.ports = p80;
        }),
      ],
    );
    expect(vs(state, '1.2.3.4', 80)!.realServers.map((r) => r.ip)).toEqual(['10.180.0.1']);
    expect(vs(state, '10.20.30.41', 80)!.realServers.map((r) => r.ip)).toEqual(['10.180.0.1', '10.180.1.1']);
    expect(entries(state, 'KUBE-LOAD-BALANCER-LOCAL')).toEqual(['1.2.3.4,tcp:80']);
    expect(chain(state, 'KUBE-LOAD-BALANCER')).toEqual([
      { JumpChain: 'RETURN', MatchSet: 'KUBE-LOAD-BALANCER-LOCAL' },
      { JumpChain: 'KUBE-MARK-MASQ', MatchSet: '' },
    ]);
  });

  it('TestOnlyLocalNodePorts', () => {
    const state = ipvsState(
      [
        makeTestService('ns1', 'svc1', (s) => {
          s.spec.type = 'NodePort';
          s.spec.clusterIP = '10.20.30.41';
          s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }];
          s.spec.externalTrafficPolicy = 'Local';
        }),
      ],
      [
        makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
          e.endpoints = [
            { addresses: ['10.180.0.1'], nodeName: testNodeName },
            { addresses: ['10.180.1.1'], nodeName: 'other-node' },
          ];
          e.ports = p80;
        }),
      ],
    );
    expect(state.ipvs).toHaveLength(2);
    expect(vs(state, nodeIP, 3001)!.realServers.map((r) => `${r.ip}:${r.port}`)).toEqual(['10.180.0.1:80']);
    expect(entries(state, 'KUBE-NODE-PORT-TCP')).toEqual(['3001']);
    expect(entries(state, 'KUBE-NODE-PORT-LOCAL-TCP')).toEqual(['3001']);
    expect(chain(state, 'KUBE-SERVICES')).toEqual([
      { JumpChain: 'RETURN', MatchSet: '', SourceAddress: '127.0.0.0/8' },
      { JumpChain: 'KUBE-MARK-MASQ', MatchSet: 'KUBE-CLUSTER-IP' },
      { JumpChain: 'KUBE-NODE-PORT', MatchSet: '' },
      { JumpChain: 'ACCEPT', MatchSet: 'KUBE-CLUSTER-IP' },
    ]);
    expect(chain(state, 'KUBE-NODE-PORT')).toEqual([
      { JumpChain: 'RETURN', MatchSet: 'KUBE-NODE-PORT-LOCAL-TCP' },
      { JumpChain: 'KUBE-MARK-MASQ', MatchSet: 'KUBE-NODE-PORT-TCP' },
      { JumpChain: 'ACCEPT', MatchSet: 'KUBE-HEALTH-CHECK-NODE-PORT' },
    ]);
  });

  it('TestHealthCheckNodePort: only LoadBalancers with externalTrafficPolicy Local get one', () => {
    const lb = (name: string, hc: number, policy: 'Local' | 'Cluster') =>
      makeTestService('ns1', name, (s) => {
        s.spec.type = 'LoadBalancer';
        s.spec.clusterIP = `10.20.30.${hc - 29959}`;
        s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: hc - 27000 }];
        s.spec.externalTrafficPolicy = policy;
        s.spec.healthCheckNodePort = hc;
      });
    const state = ipvsState(
      [
        lb('valid-svc1', 30000, 'Local'),
        lb('valid-svc2', 30001, 'Local'),
        lb('invalid-svc3', 30002, 'Cluster'),
      ],
      [],
    );
    expect(entries(state, 'KUBE-HEALTH-CHECK-NODE-PORT')).toEqual(['30000', '30001']);
  });

  it('TestAcceptIPVSTraffic', () => {
    const mk = (type: 'ClusterIP' | 'LoadBalancer' | 'NodePort', ip: string, name: string) =>
      makeTestService('ns1', name, (s) => {
        s.spec.type = type;
        s.spec.clusterIP = ip;
        s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 80 }];
        if (type === 'LoadBalancer') s.status.loadBalancer = { ingress: [{ ip: '1.2.3.4' }] };
        if (type === 'ClusterIP') s.spec.externalIPs = ['5.6.7.8'];
      });
    const state = ipvsState(
      [
        mk('ClusterIP', '10.20.30.40', 'svc1'),
        mk('LoadBalancer', '10.20.30.41', 'svc2'),
        mk('NodePort', '10.20.30.42', 'svc3'),
      ],
      [],
    );
    expect(chain(state, 'KUBE-SERVICES')).toEqual([
      { JumpChain: 'RETURN', MatchSet: '', SourceAddress: '127.0.0.0/8' },
      { JumpChain: 'KUBE-LOAD-BALANCER', MatchSet: 'KUBE-LOAD-BALANCER' },
      { JumpChain: 'KUBE-MARK-MASQ', MatchSet: 'KUBE-CLUSTER-IP' },
      { JumpChain: 'KUBE-MARK-MASQ', MatchSet: 'KUBE-EXTERNAL-IP' },
      { JumpChain: 'ACCEPT', MatchSet: 'KUBE-EXTERNAL-IP' },
      { JumpChain: 'ACCEPT', MatchSet: 'KUBE-EXTERNAL-IP' },
      { JumpChain: 'KUBE-NODE-PORT', MatchSet: '' },
      { JumpChain: 'ACCEPT', MatchSet: 'KUBE-CLUSTER-IP' },
      { JumpChain: 'ACCEPT', MatchSet: 'KUBE-LOAD-BALANCER' },
    ]);
    expect(entries(state, 'KUBE-IPVS-IPS')).toEqual([
      '1.2.3.4',
      '10.20.30.40',
      '10.20.30.41',
      '10.20.30.42',
      '5.6.7.8',
    ]);
  });

  it('renders ipvsadm -Ln with persistence for ClientIP affinity', () => {
    const svc = makeTestService('default', 'web', (s) => {
      s.spec.type = 'NodePort';
      s.spec.clusterIP = '10.96.0.20';
      s.spec.ports = [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }];
      s.spec.sessionAffinity = 'ClientIP';
      s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    });
    const slice = makeTestEndpointSlice('default', 'web', 1, (e) => {
      e.endpoints = [{ addresses: ['10.244.2.7'] }, { addresses: ['10.244.1.12'] }];
      e.ports = [{ name: 'http', port: 8080, protocol: 'TCP' }];
    });
    const input = fakeProxyInput([svc], [slice], { nodes: [makeNode(testNodeName, [nodeIP])] });
    input.config = { ...input.config, proxyMode: 'ipvs' };
    const { virtualServers } = buildIpvsState(input, testNodeName);
    expect(renderIpvsadm(virtualServers)).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  10.96.0.20:80 rr persistent 10800',
        '  -> 10.244.1.12:8080             Masq    1      0          0         ',
        '  -> 10.244.2.7:8080              Masq    1      0          0         ',
        'TCP  100.101.102.103:30080 rr persistent 10800',
        '  -> 10.244.1.12:8080             Masq    1      0          0         ',
        '  -> 10.244.2.7:8080              Masq    1      0          0         ',
        '',
      ].join('\n'),
    );
    expect(
      syncNodeProxy({ ...input, config: { ...input.config, proxyMode: 'iptables' } }, testNodeName).ipvsadm,
    ).toBe('');
  });
});
