import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../api/objects.ts';
import {
  FAKE_PROXIER_OPTIONS,
  dedent,
  fakeProxyInput,
  makeTestEndpointSlice,
  makeTestService,
  sortIPTablesRules,
  testNodeName,
} from '../testing/fixtures.ts';
import { buildIptablesBuffers, syncProxyRules } from './proxier.ts';
import { layoutTables, renderIptablesSave } from './save.ts';

/** kube-proxy's iptables-restore input for the fake proxier (no jumps from built-in chains). */
function restoreData(services: Service[], slices: EndpointSlice[], opts = FAKE_PROXIER_OPTIONS): string {
  const { filter, nat } = buildIptablesBuffers(fakeProxyInput(services, slices), testNodeName, opts);
  return renderIptablesSave(layoutTables(filter, nat)).replace(
    /^:(INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING) ACCEPT \[0:0\]\n/gm,
    '',
  );
}

const p80 = { name: 'p80', port: 80, protocol: 'TCP' as const };

function overallServices(): { services: Service[]; slices: EndpointSlice[] } {
  const services = [
    makeTestService('ns1', 'svc1', (svc) => {
      svc.spec.clusterIP = '172.30.0.41';
      svc.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP' }];
    }),
    makeTestService('ns2', 'svc2', (svc) => {
      svc.spec.type = 'LoadBalancer';
      svc.spec.externalTrafficPolicy = 'Local';
      svc.spec.clusterIP = '172.30.0.42';
      svc.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }];
      svc.status.loadBalancer = { ingress: [{ ip: '1.2.3.4' }] };
      svc.spec.externalIPs = ['192.168.99.22'];
      svc.spec.healthCheckNodePort = 30000;
    }),
    makeTestService('ns3', 'svc3', (svc) => {
      svc.spec.type = 'NodePort';
      svc.spec.clusterIP = '172.30.0.43';
      svc.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3003 }];
    }),
    makeTestService('ns4', 'svc4', (svc) => {
      svc.spec.type = 'NodePort';
      svc.spec.clusterIP = '172.30.0.44';
      svc.spec.externalIPs = ['192.168.99.33'];
      svc.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', targetPort: 80 }];
    }),
    makeTestService('ns5', 'svc5', (svc) => {
      svc.spec.type = 'LoadBalancer';
      svc.spec.externalTrafficPolicy = 'Cluster';
      svc.spec.clusterIP = '172.30.0.45';
      svc.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3002 }];
      svc.status.loadBalancer = { ingress: [{ ip: '5.6.7.8' }] };
      svc.spec.healthCheckNodePort = 30000;
      svc.spec.loadBalancerSourceRanges = [' 203.0.113.0/25'];
      svc.spec.sessionAffinity = 'ClientIP';
      svc.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    }),
    makeTestService('ns6', 'svc6', (svc) => {
      svc.spec.type = 'ClusterIP';
      svc.spec.clusterIP = '172.30.0.46';
      svc.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', targetPort: 80 }];
    }),
  ];
  const slices = [
    makeTestEndpointSlice('ns1', 'svc1', 1, (eps) => {
      eps.endpoints = [{ addresses: ['10.180.0.1'] }];
      eps.ports = [p80];
    }),
    makeTestEndpointSlice('ns2', 'svc2', 1, (eps) => {
      eps.endpoints = [{ addresses: ['10.180.0.2'] }];
      eps.ports = [p80];
    }),
    makeTestEndpointSlice('ns3', 'svc3', 1, (eps) => {
      eps.endpoints = [{ addresses: ['10.180.0.3'] }];
      eps.ports = [p80];
    }),
    makeTestEndpointSlice('ns4', 'svc4', 1, (eps) => {
      eps.endpoints = [{ addresses: ['10.180.0.4'] }, { addresses: ['10.180.0.5'], nodeName: testNodeName }];
      eps.ports = [p80];
    }),
    makeTestEndpointSlice('ns5', 'svc5', 1, (eps) => {
      eps.endpoints = [{ addresses: ['10.180.0.3'] }];
      eps.ports = [p80];
    }),
  ];
  return { services, slices };
}

describe('syncProxyRules (iptables)', () => {
  // from pkg/proxy/iptables/proxier_test.go TestOverallIPTablesRules
  it('TestOverallIPTablesRules', () => {
    const { services, slices } = overallServices();
    const expected = dedent(`
      *filter
      :KUBE-NODEPORTS - [0:0]
      :KUBE-SERVICES - [0:0]
      :KUBE-EXTERNAL-SERVICES - [0:0]
      :KUBE-FIREWALL - [0:0]
      :KUBE-FORWARD - [0:0]
      :KUBE-PROXY-FIREWALL - [0:0]
      -A KUBE-NODEPORTS -m comment --comment "ns2/svc2:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT
      -A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT
      -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j DROP
      -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP
      -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP
      -A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
      -A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
      -A KUBE-PROXY-FIREWALL -m comment --comment "ns5/svc5:p80 traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP
      COMMIT
      *nat
      :KUBE-NODEPORTS - [0:0]
      :KUBE-SERVICES - [0:0]
      :KUBE-EXT-4SW47YFZTEDKD3PK - [0:0]
      :KUBE-EXT-GNZBNJ2PO5MGZ6GT - [0:0]
      :KUBE-EXT-NUKIZ6OKUXPJNT4C - [0:0]
      :KUBE-EXT-X27LE4BHSL4DOUIK - [0:0]
      :KUBE-FW-NUKIZ6OKUXPJNT4C - [0:0]
      :KUBE-MARK-MASQ - [0:0]
      :KUBE-POSTROUTING - [0:0]
      :KUBE-SEP-C6EBXVWJJZMIWKLZ - [0:0]
      :KUBE-SEP-I77PXRDZVX7PMWMN - [0:0]
      :KUBE-SEP-OYPFS5VJICHGATKP - [0:0]
      :KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]
      :KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
      :KUBE-SEP-UKSFD7AGPMPPLUHC - [0:0]
      :KUBE-SVC-4SW47YFZTEDKD3PK - [0:0]
      :KUBE-SVC-GNZBNJ2PO5MGZ6GT - [0:0]
      :KUBE-SVC-NUKIZ6OKUXPJNT4C - [0:0]
      :KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
      :KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
      -A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
      -A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
      -A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3003 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-X27LE4BHSL4DOUIK
      -A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-X27LE4BHSL4DOUIK
      -A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3002 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-NUKIZ6OKUXPJNT4C
      -A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp --dport 3002 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
      -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
      -A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
      -A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 external IP" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
      -A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
      -A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 -j KUBE-SVC-X27LE4BHSL4DOUIK
      -A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j KUBE-SVC-4SW47YFZTEDKD3PK
      -A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 external IP" -m tcp -p tcp -d 192.168.99.33 --dport 80 -j KUBE-EXT-4SW47YFZTEDKD3PK
      -A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 -j KUBE-SVC-NUKIZ6OKUXPJNT4C
      -A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-FW-NUKIZ6OKUXPJNT4C
      -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
      -A KUBE-EXT-4SW47YFZTEDKD3PK -m comment --comment "masquerade traffic for ns4/svc4:p80 external destinations" -j KUBE-MARK-MASQ
      -A KUBE-EXT-4SW47YFZTEDKD3PK -j KUBE-SVC-4SW47YFZTEDKD3PK
      -A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
      -A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
      -A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
      -A KUBE-EXT-NUKIZ6OKUXPJNT4C -m comment --comment "masquerade traffic for ns5/svc5:p80 external destinations" -j KUBE-MARK-MASQ
      -A KUBE-EXT-NUKIZ6OKUXPJNT4C -j KUBE-SVC-NUKIZ6OKUXPJNT4C
      -A KUBE-EXT-X27LE4BHSL4DOUIK -m comment --comment "masquerade traffic for ns3/svc3:p80 external destinations" -j KUBE-MARK-MASQ
      -A KUBE-EXT-X27LE4BHSL4DOUIK -j KUBE-SVC-X27LE4BHSL4DOUIK
      -A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
      -A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "other traffic to ns5/svc5:p80 will be dropped by KUBE-PROXY-FIREWALL"
      -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
      -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
      -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
      -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
      -A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -s 10.180.0.5 -j KUBE-MARK-MASQ
      -A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.5:80
      -A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
      -A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
      -A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
      -A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
      -A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ
      -A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80
      -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
      -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
      -A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -s 10.180.0.4 -j KUBE-MARK-MASQ
      -A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.4:80
      -A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
      -A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC
      -A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.5:80" -j KUBE-SEP-C6EBXVWJJZMIWKLZ
      -A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
      -A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 -> 10.180.0.2:80" -j KUBE-SEP-RS4RBKLTHTF2IUXJ
      -A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
      -A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --rcheck --seconds 10800 --reap -j KUBE-SEP-I77PXRDZVX7PMWMN
      -A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -j KUBE-SEP-I77PXRDZVX7PMWMN
      -A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
      -A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.180.0.3:80" -j KUBE-SEP-OYPFS5VJICHGATKP
      -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
      -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ
      COMMIT
    `);
    expect(sortIPTablesRules(restoreData(services, slices))).toBe(expected);
  });

  // from TestSyncProxyRulesRepeated (the first sync, and the REJECT-only sync of a Service without endpoints)
  it('TestSyncProxyRulesRepeated', () => {
    const svc = (ns: string, name: string, ip: string, portName: string, port: number) =>
      makeTestService(ns, name, (s) => {
        s.spec.type = 'ClusterIP';
        s.spec.clusterIP = ip;
        s.spec.ports = [{ name: portName, port, protocol: 'TCP' }];
      });
    const eps = (ns: string, name: string, ip: string, portName: string, port: number) =>
      makeTestEndpointSlice(ns, name, 1, (e) => {
        e.endpoints = [{ addresses: [ip] }];
        e.ports = [{ name: portName, port, protocol: 'TCP' }];
      });
    const services = [
      svc('ns1', 'svc1', '172.30.0.41', 'p80', 80),
      svc('ns2', 'svc2', '172.30.0.42', 'p8080', 8080),
    ];
    const slices = [eps('ns1', 'svc1', '10.0.1.1', 'p80', 80), eps('ns2', 'svc2', '10.0.2.1', 'p8080', 8080)];
    expect(sortIPTablesRules(restoreData(services, slices))).toBe(
      dedent(`
        *filter
        :KUBE-NODEPORTS - [0:0]
        :KUBE-SERVICES - [0:0]
        :KUBE-EXTERNAL-SERVICES - [0:0]
        :KUBE-FIREWALL - [0:0]
        :KUBE-FORWARD - [0:0]
        :KUBE-PROXY-FIREWALL - [0:0]
        -A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
        -A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
        -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
        -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        COMMIT
        *nat
        :KUBE-NODEPORTS - [0:0]
        :KUBE-SERVICES - [0:0]
        :KUBE-MARK-MASQ - [0:0]
        :KUBE-POSTROUTING - [0:0]
        :KUBE-SEP-SNQ3ZNILQDEJNDQO - [0:0]
        :KUBE-SEP-UHEGFW77JX3KXTOV - [0:0]
        :KUBE-SVC-2VJB64SDSIJUP5T6 - [0:0]
        :KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
        -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
        -A KUBE-SERVICES -m comment --comment "ns2/svc2:p8080 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 8080 -j KUBE-SVC-2VJB64SDSIJUP5T6
        -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
        -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
        -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
        -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
        -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
        -A KUBE-SEP-SNQ3ZNILQDEJNDQO -m comment --comment ns1/svc1:p80 -s 10.0.1.1 -j KUBE-MARK-MASQ
        -A KUBE-SEP-SNQ3ZNILQDEJNDQO -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.1.1:80
        -A KUBE-SEP-UHEGFW77JX3KXTOV -m comment --comment ns2/svc2:p8080 -s 10.0.2.1 -j KUBE-MARK-MASQ
        -A KUBE-SEP-UHEGFW77JX3KXTOV -m comment --comment ns2/svc2:p8080 -m tcp -p tcp -j DNAT --to-destination 10.0.2.1:8080
        -A KUBE-SVC-2VJB64SDSIJUP5T6 -m comment --comment "ns2/svc2:p8080 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 8080 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
        -A KUBE-SVC-2VJB64SDSIJUP5T6 -m comment --comment "ns2/svc2:p8080 -> 10.0.2.1:8080" -j KUBE-SEP-UHEGFW77JX3KXTOV
        -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
        -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.0.1.1:80" -j KUBE-SEP-SNQ3ZNILQDEJNDQO
        COMMIT
      `),
    );
    const noEndpoints = restoreData([svc('ns4', 'svc4', '172.30.0.44', 'p80', 80)], []);
    expect(noEndpoints).toContain(
      '-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j REJECT\n',
    );
    expect(noEndpoints).not.toContain('KUBE-SVC-');
  });

  // from TestSyncProxyRulesLargeClusterMode: above 1000 endpoints the KUBE-SEP rules lose their comments
  it('TestSyncProxyRulesLargeClusterMode', () => {
    const svc = (ns: string, name: string, ip: string, portName: string, port: number) =>
      makeTestService(ns, name, (s) => {
        s.spec.clusterIP = ip;
        s.spec.ports = [{ name: portName, port, protocol: 'TCP' }];
      });
    const many = (ns: string, name: string, prefix: string, portName: string, port: number) =>
      makeTestEndpointSlice(ns, name, 1, (e) => {
        e.endpoints = Array.from({ length: 1000 / 2 - 1 }, (_, i) => ({
          addresses: [`${prefix}.${i % 256}.${Math.floor(i / 256)}`],
        }));
        e.ports = [{ name: portName, port, protocol: 'TCP' }];
      });
    const services = [
      svc('ns1', 'svc1', '172.30.0.41', 'p80', 80),
      svc('ns2', 'svc2', '172.30.0.42', 'p8080', 8080),
      svc('ns3', 'svc3', '172.30.0.43', 'p8081', 8081),
    ];
    const slices = [many('ns1', 'svc1', '10.0', 'p80', 80), many('ns2', 'svc2', '10.1', 'p8080', 8080)];
    const sep = (data: string, ep: string) =>
      data.split('\n').filter((l) => l.startsWith('-A KUBE-SEP-') && l.includes('-j DNAT') && l.includes(ep));
    const small = restoreData(services, slices);
    expect(sep(small, '10.0.0.0:80')).toEqual([
      '-A KUBE-SEP-DKGQUZGBKLTPAR56 -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80',
    ]);
    const large = restoreData(services, [
      ...slices,
      makeTestEndpointSlice('ns3', 'svc3', 1, (e) => {
        e.endpoints = [
          { addresses: ['203.0.113.4'] },
          { addresses: ['203.0.113.8'] },
          { addresses: ['203.0.113.12'] },
        ];
        e.ports = [{ name: 'p8081', port: 8081, protocol: 'TCP' }];
      }),
    ]);
    expect(sep(large, '203.0.113.4:')).toEqual([
      '-A KUBE-SEP-RUVVH7YV3PHQBDOS -m tcp -p tcp -j DNAT --to-destination 203.0.113.4:8081',
    ]);
    expect(sep(large, '10.0.0.0:80')).toEqual([
      '-A KUBE-SEP-DKGQUZGBKLTPAR56 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80',
    ]);
  });

  // from TestDropInvalidRule and TestMasqueradeRule
  it('TestDropInvalidRule / TestMasqueradeRule', () => {
    const forward = (opts: object) =>
      restoreData([], [], { ...FAKE_PROXIER_OPTIONS, ...opts })
        .split('\n')
        .filter((l) => l.startsWith('-A KUBE-FORWARD'));
    expect(forward({ nfacct: false })[0]).toBe('-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP');
    expect(forward({ nfacct: true })[0]).toBe(
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP',
    );
    expect(forward({ conntrackTCPLiberal: true })).toEqual([
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ]);
    for (const randomFully of [false, true]) {
      const post = restoreData([], [], { ...FAKE_PROXIER_OPTIONS, randomFully })
        .split('\n')
        .filter((l) => l.startsWith('-A KUBE-POSTROUTING'));
      expect(post).toEqual([
        '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
        '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
        `-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${randomFully ? ' --random-fully' : ''}`,
      ]);
    }
  });

  it('iptables-save: built-in chains with the jumps kube-proxy prepends; each rule knows its line', () => {
    const { services, slices } = overallServices();
    const tables = syncProxyRules(fakeProxyInput(services, slices), testNodeName);
    const text = renderIptablesSave(tables);
    const lines = text.split('\n');
    for (const t of ['filter', 'nat'] as const)
      for (const r of tables[t].rules) expect(lines[r.line - 1]).toBe(r.text);
    expect(lines.slice(0, 4)).toEqual([
      '*filter',
      ':INPUT ACCEPT [0:0]',
      ':FORWARD ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
    ]);
    const jumps = lines.filter((l) => /^-A (INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING) /.test(l));
    expect(jumps).toEqual([
      '-A INPUT -j KUBE-FIREWALL',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      '-A OUTPUT -j KUBE-FIREWALL',
      '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    ]);
    expect(lines.filter((l) => l === 'COMMIT')).toHaveLength(2);
    expect(text.endsWith('COMMIT\n')).toBe(true);
    expect(tables.nat.chains.slice(0, 4)).toEqual(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
    const sep = tables.nat.rules.find(
      (r) => r.target === 'DNAT' && r.targetArgs === '--to-destination 10.180.0.1:80',
    )!;
    expect(sep.match).toEqual({ comment: 'ns1/svc1:p80', protocol: 'tcp' });
    expect(sep.objectId).toBe('service/ns1/svc1');
    const stat = tables.nat.rules.find((r) => r.match.probability !== undefined)!;
    expect(stat.match.probability).toBe(0.5);
  });
});
