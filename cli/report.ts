import {
  initialTraceState,
  kubectlGetAllWide,
  kubectlGetEndpoints,
  resolveDns,
  tracePacket,
  type ApiError,
  type DnsAnswer,
  type KubeObject,
  type SimulationResult,
  type TraceClient,
} from '../src/engine/index.ts';
import type { SimArgs } from './args.ts';

/** The `--json` object. Field names and shapes are a contract: tests and users rely on them. */
export interface SimReport {
  errors: ApiError[];
  warnings: { line: number; column: number; message: string }[];
  objects: KubeObject[];
  iptables: Record<string, string>;
  ipvs: Record<string, string>;
  dns: DnsAnswer[];
  traces: TraceReport[];
}

export interface TraceReport {
  source: string;
  destination: string;
  protocol: string;
  node: string;
  candidates: string[];
  verdict: string;
  masquerade: boolean;
  chosen: string | null;
  hops: {
    kind: string;
    at: string;
    node?: string;
    action: string;
    src: string;
    dst: string;
    rules: string[];
  }[];
}

export function buildReport(result: SimulationResult, args: SimArgs): SimReport {
  const nodes = result.cluster.nodes.map((n) => n.metadata?.name ?? '');
  const shown = args.node ? nodes.filter((n) => n === args.node) : nodes;
  const iptables: Record<string, string> = {};
  const ipvs: Record<string, string> = {};
  for (const n of shown) {
    const p = result.proxy[n];
    if (!p) continue;
    iptables[n] = p.iptablesSave;
    ipvs[n] = p.ipvsadm;
  }
  const dns = args.dns.map((q) =>
    resolveDns(result, { name: q.name, type: q.type as DnsAnswer['type'], from: args.from }),
  );
  let state = initialTraceState(args.seed);
  const traces = args.traces.map((t) => {
    const client = clientFor(result, t.src);
    const { trace, state: next } = tracePacket(
      result,
      { client, target: `${t.dst}:${t.port}`, protocol: t.protocol, node: args.node ?? nodes[0] },
      state,
    );
    state = next;
    return {
      source: t.src,
      destination: `${t.dst}:${t.port}`,
      protocol: t.protocol,
      node: trace.node,
      candidates: trace.candidates.map((c) => `${c.ip}:${c.port}`),
      verdict: trace.verdict,
      masquerade: trace.masquerade,
      chosen: trace.chosen ? `${trace.chosen.ip}:${trace.chosen.port}` : null,
      hops: trace.hops.map((h) => ({
        kind: h.kind,
        at: h.at,
        node: h.node,
        action: h.action,
        src: `${h.after.src}:${h.after.srcPort}`,
        dst: `${h.after.dst}:${h.after.dstPort}`,
        rules: h.rules.map((r) => r.text),
      })),
    };
  });
  return {
    errors: result.errors,
    warnings: result.diagnostics
      .filter((d) => d.severity !== 'error')
      .map((d) => ({ line: d.line, column: d.column, message: d.message })),
    objects: result.objects.map((o) => sortedKeys(o) as KubeObject),
    iptables,
    ipvs,
    dns,
    traces,
  };
}

/**
 * `kubectl get -o json` prints an object's fields in alphabetical order at every level (it encodes them as
 * a Go map); so does this report, whatever order the YAML or the engine gave them.
 */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    // A `__proto__` key from the YAML stays a key (data), never the prototype.
    Object.defineProperty(out, k, {
      value: sortedKeys(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A source IP names a pod (its IP), a node (an address), or else an external client. */
function clientFor(result: SimulationResult, ip: string): TraceClient {
  const pod = result.cluster.pods.find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork);
  if (pod)
    return { kind: 'pod', namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '' };
  const node = result.cluster.nodes.find((n) => n.status?.addresses?.some((a) => a.address === ip));
  if (node) return { kind: 'node', name: node.metadata?.name ?? '' };
  return { kind: 'external', ip };
}

export function renderText(result: SimulationResult, report: SimReport, args: SimArgs): string {
  const out: string[] = [];
  for (const d of result.diagnostics) {
    out.push(
      `${d.severity === 'error' ? 'error' : 'warning'}: line ${d.line}, column ${d.column}: ${d.message}`,
    );
  }
  if (out.length) out.push('');
  const namespaces = [
    ...new Set(result.cluster.pods.concat().map((p) => p.metadata?.namespace ?? 'default')),
  ];
  const userNamespaces = result.cluster.namespaces.filter(
    (ns) => !['kube-system', 'kube-public', 'kube-node-lease'].includes(ns) || namespaces.length === 0,
  );
  for (const ns of userNamespaces) {
    const table = kubectlGetAllWide(result, { namespace: ns });
    if (!table) continue;
    out.push(`$ kubectl get all -o wide -n ${ns}`, table, '');
    out.push(`$ kubectl get endpoints -n ${ns}`, kubectlGetEndpoints(result, { namespace: ns }), '');
  }
  if (args.node) {
    out.push(`$ iptables-save   # on ${args.node}`, report.iptables[args.node] ?? '(no such node)', '');
    if (report.ipvs[args.node])
      out.push(`$ ipvsadm -Ln   # on ${args.node}`, report.ipvs[args.node] ?? '', '');
  }
  for (const a of report.dns) {
    out.push(`$ nslookup -type=${a.type} ${a.name}${a.from ? `   # from a pod in ${a.from}` : ''}`);
    out.push(
      a.rcode === 'NOERROR'
        ? a.answers.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n') || '(no records)'
        : `** server can't find ${a.name}: ${a.rcode}`,
      '',
    );
  }
  for (const t of report.traces) {
    out.push(
      `# trace ${t.source} -> ${t.destination}/${t.protocol} on ${t.node}: ${t.verdict}${t.chosen ? ` -> ${t.chosen}` : ''}${t.masquerade ? ' (masquerade)' : ''}`,
    );
    for (const h of t.hops)
      out.push(`  ${h.kind.padEnd(12)} ${h.at.padEnd(44)} ${h.action.padEnd(10)} ${h.src} -> ${h.dst}`);
    out.push('');
  }
  return out.join('\n') + '\n';
}
