/**
 * Fixture builders mirroring pkg/proxy/iptables/proxier_test.go (makeTestService, makeTestEndpointSlice,
 * NewFakeProxier's node) and its sortIPTablesRules, for the proxy and trace tests.
 */
import type { EndpointSlice, Node, Pod, Service } from '../../api/objects.ts';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from '../../sim/config.ts';
import type { ProxyInput } from '../input.ts';
import type { IptablesProxierOptions } from '../iptables/proxier.ts';

export const testNodeName = 'test-node';
export const testNodeIP = '192.168.0.2';
export const testNodeIPAlt = '192.168.1.2';
export const testExternalIP = '192.168.99.11';
export const testExternalClient = '203.0.113.2';
export const testExternalClientBlocked = '203.0.113.130';
/** NewFakeProxier's node IPs (IPv4 ones). */
export const testNodeIPs = [testNodeIP, testNodeIPAlt, testExternalIP];

export function makeTestService(
  namespace: string,
  name: string,
  fn: (svc: Service & { spec: NonNullable<Service['spec']>; status: NonNullable<Service['status']> }) => void,
): Service {
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, annotations: {} },
    spec: {},
    status: { loadBalancer: {} },
  } as Service & { spec: NonNullable<Service['spec']>; status: NonNullable<Service['status']> };
  fn(svc);
  return svc;
}

export function makeTestEndpointSlice(
  namespace: string,
  name: string,
  sliceNum: number,
  fn: (eps: EndpointSlice) => void,
): EndpointSlice {
  const eps: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-${sliceNum}`, namespace, labels: { 'kubernetes.io/service-name': name } },
    addressType: 'IPv4',
    endpoints: [],
  };
  fn(eps);
  return eps;
}

export function makeNode(name: string, ips: string[], labels: Record<string, string> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    status: {
      addresses: [
        ...ips.map((address) => ({ type: 'InternalIP', address })),
        { type: 'Hostname', address: name },
      ],
    },
  };
}

export function makePod(
  namespace: string,
  name: string,
  nodeName: string,
  podIP: string,
  extra: Partial<NonNullable<Pod['spec']>> = {},
  labels: Record<string, string> = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }], ...extra },
    status: { phase: 'Running', podIP, podIPs: [{ ip: podIP }] },
  };
}

/** The kube-proxy test cluster: one node `test-node`, pod CIDR 10.0.0.0/8. */
export function fakeProxyInput(
  services: Service[],
  endpointSlices: EndpointSlice[],
  extra: Partial<ProxyInput> = {},
): ProxyInput {
  const config: ClusterConfig = {
    ...DEFAULT_CLUSTER_CONFIG,
    clusterCIDR: '10.0.0.0/8',
    podSubnet: '10.0.0.0/8',
    serviceSubnet: '172.30.0.0/16',
  };
  return {
    services,
    endpointSlices,
    nodes: [makeNode(testNodeName, testNodeIPs)],
    pods: [],
    config,
    ...extra,
  };
}

/** The Go tests' NewFakeProxier settings: nfacct present, no --random-fully. */
export const FAKE_PROXIER_OPTIONS: IptablesProxierOptions = {
  localhostNodePorts: true,
  nfacct: true,
  randomFully: false,
};

/** proxier_test.go orderByCommentServiceName: the service name in a rule's comment. */
function commentServiceName(rule: string): string | undefined {
  const m = /--comment ("([^"]*)"|(\S+))/.exec(rule);
  if (!m) return undefined;
  const c = m[2] ?? m[3] ?? '';
  const i = c.search(/[ :]/);
  return i === -1 ? c : c.slice(0, i);
}

function stableSort<T>(arr: T[], less: (a: T, b: T) => boolean): T[] {
  return arr
    .map((v, i) => ({ v, i }))
    .sort((a, b) => (less(a.v, b.v) ? -1 : less(b.v, a.v) ? 1 : a.i - b.i))
    .map((x) => x.v);
}

/**
 * proxier_test.go sortIPTablesRules: sorts tables, chains (KUBE-NODEPORTS, KUBE-SERVICES, other KUBE-*
 * alphabetically, then the rest) and the rules of KUBE-NODEPORTS / KUBE-SERVICES by service name, so
 * expected texts copied from the Go tests can be compared with ours.
 */
export function sortIPTablesRules(data: string): string {
  const tables: { name: string; chains: string[]; rules: Map<string, string[]> }[] = [];
  let cur: (typeof tables)[number] | undefined;
  for (const line of data.split('\n')) {
    if (line.startsWith('*')) {
      cur = { name: line.slice(1), chains: [], rules: new Map() };
      tables.push(cur);
    } else if (line.startsWith(':') && cur) {
      const c = line.slice(1).split(' ')[0]!;
      cur.chains.push(c);
      cur.rules.set(c, []);
    } else if (line.startsWith('-A ') && cur) {
      const c = line.split(' ')[1]!;
      if (!cur.rules.has(c)) {
        cur.chains.push(c);
        cur.rules.set(c, []);
      }
      cur.rules.get(c)!.push(line);
    }
  }
  tables.sort((a, b) => (a.name < b.name ? -1 : 1));
  const rank = (c: string) =>
    c === 'KUBE-NODEPORTS' ? 0 : c === 'KUBE-SERVICES' ? 1 : c.startsWith('KUBE-') ? 2 : 3;
  const out: string[] = [];
  for (const t of tables) {
    t.chains.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const c of ['KUBE-NODEPORTS', 'KUBE-SERVICES']) {
      const rules = t.rules.get(c);
      if (!rules) continue;
      t.rules.set(
        c,
        stableSort(rules, (a, b) => {
          if (t.name === 'nat' && c === 'KUBE-SERVICES') {
            if (a.includes('must be the last rule')) return false;
            if (b.includes('must be the last rule')) return true;
          }
          const x = commentServiceName(a);
          const y = commentServiceName(b);
          return x !== undefined && y !== undefined && x < y;
        }),
      );
    }
    out.push(`*${t.name}`);
    for (const c of t.chains) out.push(`:${c} - [0:0]`);
    for (const c of t.chains) out.push(...(t.rules.get(c) ?? []));
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}

/** dedent for the expected texts copied from the Go tests. */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length));
  return (
    lines
      .map((l) => l.slice(indent))
      .join('\n')
      .replace(/\s+$/, '') + '\n'
  );
}
