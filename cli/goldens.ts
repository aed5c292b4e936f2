/**
 * Golden results for examples/*.yaml: a readable text per scenario (kubectl tables, endpoints, the rules of
 * one worker node for the scenario's Services, DNS answers, a few traced requests). `npm run goldens`
 * rewrites them on purpose; the unit test compares.
 */
import {
  initialTraceState,
  kubectlGetAllWide,
  kubectlGetEndpoints,
  resolveDns,
  tracePacket,
  type DnsQuery,
  type SimulationResult,
  type TraceRequest,
} from '../src/engine/index.ts';

interface GoldenSpec {
  dns: DnsQuery[];
  traces: TraceRequest[];
}

const EXTERNAL = { kind: 'external', ip: '203.0.113.10' } as const;
const pod = (name: string) => ({ kind: 'pod', namespace: 'default', name }) as const;

export const GOLDEN_SPECS: Record<string, GoldenSpec> = {
  nodeport: {
    dns: [{ name: 'web-service-nodeport', type: 'A', from: 'default' }],
    traces: [
      { client: EXTERNAL, target: '10.0.2.5:31001', srcPort: 50001 },
      { client: EXTERNAL, target: '10.0.2.6:31001', srcPort: 50002 },
      { client: EXTERNAL, target: '10.0.2.4:31001', srcPort: 50003 },
    ],
  },
  clusterip: {
    dns: [
      { name: 'web-service', type: 'A', from: 'default' },
      { name: 'web-service.default.svc.cluster.local', type: 'A' },
    ],
    traces: [
      { client: pod('nginx01'), target: 'web-service:80', srcPort: 50001 },
      { client: pod('nginx01'), target: 'web-service:80', srcPort: 50002 },
    ],
  },
  loadbalancer: {
    dns: [{ name: 'web-service-loadbalancer', type: 'A', from: 'default' }],
    traces: [
      { client: EXTERNAL, target: '10.0.2.4:80', srcPort: 50001 },
      { client: EXTERNAL, target: '10.0.2.5:31002', srcPort: 50002 },
    ],
  },
  externalname: {
    dns: [{ name: 'web-service-externalname', type: 'A', from: 'default' }],
    traces: [{ client: pod('nginx01'), target: 'web-service-externalname:80', srcPort: 50001 }],
  },
  headless: {
    dns: [
      { name: 'mysql', type: 'A', from: 'default' },
      { name: 'mysql-0.mysql.default.svc.cluster.local', type: 'A' },
      { name: '_mysql._tcp.mysql.default.svc.cluster.local', type: 'SRV' },
    ],
    traces: [{ client: pod('client'), target: 'mysql:3306', srcPort: 50001 }],
  },
  endpoints: {
    dns: [{ name: 'external-service', type: 'A', from: 'default' }],
    traces: [{ client: pod('client'), target: 'external-service:80', srcPort: 50001 }],
  },
  'session-affinity': {
    dns: [{ name: 'web-service', type: 'A', from: 'default' }],
    traces: [1, 2, 3, 4].map((i) => ({
      client: pod('nginx01'),
      target: 'web-service:80',
      srcPort: 50000 + i,
    })),
  },
};

/** The worker whose rules the golden shows: kube-proxy writes the same Service rules on every node. */
const RULES_NODE = 'myserver02';

export function goldenText(id: string, result: SimulationResult): string {
  const spec = GOLDEN_SPECS[id] ?? { dns: [], traces: [] };
  const out: string[] = [];
  for (const e of result.errors)
    out.push(`error: ${e.kind} ${e.namespace}/${e.name}: ${e.message} (line ${e.line})`);
  out.push('$ kubectl get all -o wide', kubectlGetAllWide(result), '');
  out.push('$ kubectl get endpoints', kubectlGetEndpoints(result), '');
  const userServices = result.cluster.services
    .filter((s) => s.metadata?.namespace === 'default' && s.metadata.name !== 'kubernetes')
    .map((s) => `default/${s.metadata?.name}`);
  const proxy = result.proxy[RULES_NODE];
  if (proxy) {
    const mentions = userServices.map(
      (s) => new RegExp(`(^|[" ])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([" :]|$)`),
    );
    const lines = proxy.iptablesSave.split('\n').filter((l) => mentions.some((re) => re.test(l)));
    out.push(`$ iptables-save -t nat | grep <the scenario's Services>   # on ${RULES_NODE}`, ...lines, '');
  }
  for (const q of spec.dns) {
    const a = resolveDns(result, q);
    const answers = a.answers.map((x) =>
      typeof x === 'string' ? x : `${x.priority} ${x.weight} ${x.port} ${x.target}`,
    );
    out.push(
      `$ dig ${q.type} ${q.name}${q.from ? `   # from ${q.from}` : ''}`,
      `${a.rcode} ${answers.join(', ')}`,
      '',
    );
  }
  let state = initialTraceState(result.seed);
  for (const req of spec.traces) {
    const { trace, state: next } = tracePacket(result, req, state);
    state = next;
    const who =
      req.client.kind === 'external'
        ? req.client.ip
        : req.client.kind === 'pod'
          ? req.client.name
          : req.client.name;
    const chosen = trace.chosen ? ` -> ${trace.chosen.ip}:${trace.chosen.port}` : '';
    out.push(
      `# ${who} -> ${req.target}: ${trace.verdict}${chosen}${trace.masquerade ? ' (masquerade)' : ''}`,
    );
    out.push(
      `#   candidates: ${trace.candidates.map((c) => `${c.ip}:${c.port}@${c.probability.toFixed(4)}`).join(' ') || '(none)'}`,
    );
    for (const h of trace.hops) {
      out.push(
        `#   ${h.index} ${h.action.padEnd(10)} ${h.at.padEnd(48)} ${h.after.src}:${h.after.srcPort} -> ${h.after.dst}:${h.after.dstPort}`,
      );
    }
  }
  return out.join('\n') + '\n';
}
