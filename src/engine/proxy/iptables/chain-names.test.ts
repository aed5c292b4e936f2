import { describe, expect, it } from 'vitest';
import {
  portProtoHash,
  serviceExternalChainName,
  serviceFirewallChainName,
  servicePortEndpointChainName,
  servicePortPolicyClusterChain,
  servicePortPolicyLocalChainName,
} from './chain-names.ts';
import { computeProbability, formatFixedGo } from './probability.ts';

// Chain names that appear in pkg/proxy/iptables/proxier_test.go's expected output.
describe('chain names', () => {
  it.each([
    ['ns1/svc1:p80', 'KUBE-SVC-XPGD46QRK7WJZT7O'],
    ['ns2/svc2:p80', 'KUBE-SVC-GNZBNJ2PO5MGZ6GT'],
    ['ns3/svc3:p80', 'KUBE-SVC-X27LE4BHSL4DOUIK'],
    ['ns4/svc4:p80', 'KUBE-SVC-4SW47YFZTEDKD3PK'],
    ['ns5/svc5:p80', 'KUBE-SVC-NUKIZ6OKUXPJNT4C'],
    ['ns2/svc2:p8080', 'KUBE-SVC-2VJB64SDSIJUP5T6'],
    ['ns4/svc4:p8082', 'KUBE-SVC-EBDQOQU5SJFXRIL3'],
  ])('servicePortPolicyClusterChain(%s, tcp) = %s', (spn, chain) => {
    expect(servicePortPolicyClusterChain(spn, 'tcp')).toBe(chain);
  });

  it('the SVL/EXT/FW chains share the hash', () => {
    expect(portProtoHash('ns2/svc2:p80', 'tcp')).toBe('GNZBNJ2PO5MGZ6GT');
    expect(servicePortPolicyLocalChainName('ns2/svc2:p80', 'tcp')).toBe('KUBE-SVL-GNZBNJ2PO5MGZ6GT');
    expect(serviceExternalChainName('ns2/svc2:p80', 'tcp')).toBe('KUBE-EXT-GNZBNJ2PO5MGZ6GT');
    expect(serviceFirewallChainName('ns5/svc5:p80', 'tcp')).toBe('KUBE-FW-NUKIZ6OKUXPJNT4C');
  });

  it.each([
    ['ns1/svc1:p80', '10.180.0.1:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['ns2/svc2:p80', '10.180.0.2:80', 'KUBE-SEP-RS4RBKLTHTF2IUXJ'],
    ['ns3/svc3:p80', '10.180.0.3:80', 'KUBE-SEP-OYPFS5VJICHGATKP'],
    ['ns4/svc4:p80', '10.180.0.4:80', 'KUBE-SEP-UKSFD7AGPMPPLUHC'],
    ['ns4/svc4:p80', '10.180.0.5:80', 'KUBE-SEP-C6EBXVWJJZMIWKLZ'],
    ['ns5/svc5:p80', '10.180.0.3:80', 'KUBE-SEP-I77PXRDZVX7PMWMN'],
    ['ns1/svc1:p80', '10.0.1.1:80', 'KUBE-SEP-SNQ3ZNILQDEJNDQO'],
    ['ns2/svc2:p8080', '10.0.2.1:8080', 'KUBE-SEP-UHEGFW77JX3KXTOV'],
    ['ns3/svc3:p80', '10.0.3.1:80', 'KUBE-SEP-BSWRHOQ77KEXZLNL'],
    ['ns4/svc4:p80', '10.0.4.1:80', 'KUBE-SEP-AYCN5HPXMIRJNJXU'],
    // TestSyncProxyRulesLargeClusterMode
    ['ns1/svc1:p80', '10.0.0.0:80', 'KUBE-SEP-DKGQUZGBKLTPAR56'],
    ['ns3/svc3:p8081', '203.0.113.4:8081', 'KUBE-SEP-RUVVH7YV3PHQBDOS'],
    ['ns4/svc4:p8082', '10.4.0.1:8082', 'KUBE-SEP-SU5STNODRYEWJAUF'],
  ])('servicePortEndpointChainName(%s, tcp, %s) = %s', (spn, endpoint, chain) => {
    expect(servicePortEndpointChainName(spn, 'tcp', endpoint)).toBe(chain);
  });
});

// from pkg/proxy/iptables/proxier_test.go TestComputeProbability
describe('computeProbability', () => {
  it.each([
    [1, '1.0000000000'],
    [2, '0.5000000000'],
    [10, '0.1000000000'],
    [100, '0.0100000000'],
    [1000, '0.0010000000'],
    [10000, '0.0001000000'],
    [100000, '0.0000100000'],
    [100001, '0.0000099999'],
    [3, '0.3333333333'],
    [6, '0.1666666667'],
  ])('computeProbability(%d) = %s', (n, s) => {
    expect(computeProbability(n)).toBe(s);
  });

  it('strictly increases as n decreases', () => {
    let prev = 0;
    for (let i = 30000; i > 1; i--) {
      const cur = Number(computeProbability(i));
      expect(cur).toBeGreaterThan(prev);
      prev = cur;
    }
  });

  it('rounds exact ties to even like Go (1/2048 = 0.00048828125)', () => {
    expect(computeProbability(2048)).toBe('0.0004882812');
    expect(formatFixedGo(0.125, 2)).toBe('0.12');
    expect(formatFixedGo(0.375, 2)).toBe('0.38');
    expect(formatFixedGo(2.5, 0)).toBe('2');
  });
});
