/**
 * The target of a request: parse `name[:port]` / `ip:port`, ask the cluster DNS when the client uses it
 * (ExternalName answers with a CNAME, headless Services with pod IPs), pick the source port, and emit the
 * client and DNS hops.
 */
import type { DnsAnswer } from '../dns/types.ts';
import { isIPv4, serviceOwningVip } from './cluster-index.ts';
import { parseTarget } from './client.ts';
import {
  DNS_AT,
  EPHEMERAL_BASE,
  EPHEMERAL_COUNT,
  candidateFor,
  firstPort,
  noDecision,
  serviceFromFqdn,
  serviceIdOf,
  type Ctx,
  type Result,
  type Target,
} from './context.ts';
import type { DnsStep, Packet, TraceCandidate } from './types.ts';

export function resolveTarget(ctx: Ctx): { done: Result } | Target {
  const { hops, client, index, req, input, rng, protocol } = ctx;
  const parsed = parseTarget(req.target);
  const srcPort =
    req.srcPort !== undefined && Number.isInteger(req.srcPort) && req.srcPort > 0 && req.srcPort < 65536
      ? req.srcPort
      : EPHEMERAL_BASE + rng.int(EPHEMERAL_COUNT);
  const clientObj = client.pod ? { objectId: client.at } : {};
  const clientNode = client.node ? { node: client.node } : {};
  const none = (node: string, extra: Partial<Result> = {}) => ({ done: noDecision(node, extra) });

  if (!parsed) {
    const p: Packet = { src: client.src, srcPort, dst: String(req.target ?? ''), dstPort: 0, protocol };
    hops.add({
      kind: 'client',
      at: client.at,
      ...clientNode,
      before: p,
      after: p,
      action: 'drop',
      code: 'hop.target.invalid',
      params: { target: String(req.target ?? '') },
      rules: [],
      ...clientObj,
    });
    return none(client.node ?? '');
  }

  let dst = parsed.host;
  let dstPort = parsed.port;
  let dns: DnsStep | undefined;
  let serviceId: string | undefined;
  let headless: TraceCandidate[] | undefined;
  let headlessChosen: TraceCandidate | undefined;
  const named: Packet = { src: client.src, srcPort, dst: parsed.host, dstPort: parsed.port ?? 0, protocol };
  if (!parsed.isIP) {
    if (!client.usesClusterDns) {
      dns = { query: parsed.host, type: 'A', rcode: 'NXDOMAIN', answers: [] };
      hops.add({
        kind: 'client',
        at: client.at,
        ...clientNode,
        before: named,
        after: named,
        action: 'send',
        code: 'hop.client.send',
        params: {
          client: client.label,
          protocol,
          src: client.src,
          srcPort,
          dst: parsed.host,
          dstPort: parsed.port ?? 0,
        },
        rules: [],
        ...clientObj,
      });
      hops.add({
        kind: 'dns',
        at: client.at,
        before: named,
        after: named,
        action: 'nxdomain',
        code: 'hop.dns.noClusterDns',
        params: { client: client.label, query: parsed.host },
        rules: [],
      });
      return none(client.node ?? '', { dns });
    }
    let answer: DnsAnswer;
    try {
      answer = input.resolve({
        name: parsed.host,
        type: 'A',
        ...(client.namespace ? { from: client.namespace } : {}),
      });
    } catch {
      answer = { name: parsed.host, type: 'A', rcode: 'NXDOMAIN', answers: [] };
      dns = { query: parsed.host, type: 'A', rcode: 'SERVFAIL', answers: [] };
    }
    const ips = (answer?.answers ?? []).filter((a): a is string => typeof a === 'string' && isIPv4(a));
    dns ??= {
      query: parsed.host,
      type: 'A',
      rcode: answer?.rcode === 'NOERROR' ? 'NOERROR' : 'NXDOMAIN',
      answers: (answer?.answers ?? []).map((a) => (typeof a === 'string' ? a : `${a.target}:${a.port}`)),
      ...(answer?.resolvedName ? { resolvedName: answer.resolvedName } : {}),
      ...(answer?.cname ? { cname: answer.cname } : {}),
    };
    const named2: Packet = { ...named, dstPort: parsed.port ?? 80 };
    const svcByName = serviceFromFqdn(index, answer?.resolvedName, input.config.dnsDomain);
    if (svcByName) serviceId = serviceIdOf(svcByName.metadata?.namespace, svcByName.metadata?.name);
    if (answer?.cname) {
      const port = parsed.port ?? firstPort(svcByName) ?? 80;
      const p: Packet = { ...named, dst: answer.cname, dstPort: port };
      hops.add({
        kind: 'client',
        at: client.at,
        ...clientNode,
        before: p,
        after: p,
        action: 'send',
        code: 'hop.client.send',
        params: { client: client.label, protocol, src: client.src, srcPort, dst: parsed.host, dstPort: port },
        rules: [],
        ...clientObj,
      });
      hops.add({
        kind: 'dns',
        at: DNS_AT,
        before: { ...named, dstPort: port },
        after: p,
        action: 'cname',
        code: 'hop.dns.cname',
        params: { query: parsed.host, cname: answer.cname },
        rules: [],
        ...(serviceId ? { objectId: serviceId } : {}),
      });
      hops.add({
        kind: 'external',
        at: `external/${answer.cname}`,
        before: p,
        after: p,
        action: 'leave',
        code: 'hop.external.leave',
        params: { host: answer.cname, dstPort: port },
        rules: [],
      });
      return none(client.node ?? '', { dns, ...(serviceId ? { serviceId } : {}) });
    }
    if (dns.rcode !== 'NOERROR' || ips.length === 0) {
      hops.add({
        kind: 'client',
        at: client.at,
        ...clientNode,
        before: named2,
        after: named2,
        action: 'send',
        code: 'hop.client.send',
        params: {
          client: client.label,
          protocol,
          src: client.src,
          srcPort,
          dst: parsed.host,
          dstPort: named2.dstPort,
        },
        rules: [],
        ...clientObj,
      });
      hops.add({
        kind: 'dns',
        at: DNS_AT,
        before: named2,
        after: named2,
        action: 'nxdomain',
        code: 'hop.dns.nxdomain',
        params: { query: parsed.host, rcode: dns.rcode },
        rules: [],
      });
      return none(client.node ?? '', { dns, ...(serviceId ? { serviceId } : {}) });
    }
    const vip = serviceOwningVip(index, ips[0]!);
    if (vip && vip.kind === 'clusterIP') {
      dst = ips[0]!;
      dstPort = parsed.port ?? firstPort(vip.svc) ?? 80;
      serviceId = serviceIdOf(vip.svc.metadata?.namespace, vip.svc.metadata?.name);
    } else {
      // Headless: the answers are the pods; CoreDNS's loadbalance plugin shuffles them, the client takes the first.
      const chosenIP = ips.length === 1 ? ips[0]! : ips[rng.int(ips.length)]!;
      dst = chosenIP;
      dstPort = parsed.port ?? firstPort(svcByName) ?? 80;
      headless = ips.map((ip) => candidateFor(index, ip, dstPort!, 1 / ips.length));
      headlessChosen = headless.find((c) => c.ip === chosenIP);
    }
  }
  if (dstPort === undefined) {
    const vip = serviceOwningVip(index, dst);
    dstPort = (vip && firstPort(vip.svc)) ?? 80;
  }

  const first: Packet = { src: client.src, srcPort, dst, dstPort, protocol };
  hops.add({
    kind: 'client',
    at: client.at,
    ...clientNode,
    before: first,
    after: first,
    action: 'send',
    code: 'hop.client.send',
    params: { client: client.label, protocol, src: client.src, srcPort, dst, dstPort },
    rules: [],
    ...clientObj,
  });
  if (dns) {
    const before: Packet = { ...first, dst: parsed.host };
    hops.add({
      kind: 'dns',
      at: DNS_AT,
      before,
      after: first,
      action: 'resolve',
      code: headless ? 'hop.dns.headless' : 'hop.dns.resolve',
      params: headless
        ? { query: parsed.host, answers: dns.answers.join(', '), chosen: dst }
        : { query: parsed.host, answers: dns.answers.join(', ') },
      rules: [],
      ...(serviceId ? { objectId: serviceId } : {}),
    });
  }
  return {
    first,
    host: parsed.host,
    ...(dns ? { dns } : {}),
    ...(serviceId ? { serviceId } : {}),
    ...(headless ? { headless } : {}),
    ...(headlessChosen ? { headlessChosen } : {}),
  };
}
