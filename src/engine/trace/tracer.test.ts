import { describe, expect, it } from 'vitest';
import { makePod, makeTestService } from '../proxy/testing/fixtures.ts';
import { createRng } from '../sim/rng.ts';
import { emptyProxyRuntime } from './runtime.ts';
import {
  basePods,
  makeCluster,
  NODE1,
  NODE1_IP,
  NODE2,
  NODE2_IP,
  sliceFor,
  webService,
} from './testing/cluster.ts';
import { traceRequest } from './tracer.ts';
import type { Trace, TraceInput, TraceRequest } from './types.ts';

const pods = basePods();
const [, webA, webB] = pods as [unknown, (typeof pods)[number], (typeof pods)[number]];
const fromPod: TraceRequest['client'] = { kind: 'pod', namespace: 'default', name: 'client' };

function trace(input: TraceInput, req: Partial<TraceRequest> & { target: string }, seed = 1) {
  return traceRequest(input, { client: fromPod, ...req }, emptyProxyRuntime(), createRng(seed)).trace;
}

/** Every rule a hop cites is the line it claims to be in the node's iptables-save. */
function expectRuleLinesExact(input: TraceInput, t: Trace) {
  for (const hop of t.hops) {
    for (const r of hop.rules) {
      const state = input.proxy[r.node]!;
      const text = r.table === 'ipvs' ? state.ipvsadm : state.iptablesSave;
      expect(text.split('\n')[r.line - 1]).toBe(r.text);
    }
  }
}

describe('traceRequest', () => {
  it('ClusterIP from a pod: DNS, DNAT by the statistic rules, delivery and reply', () => {
    const { input } = makeCluster({
      services: [webService()],
      slices: [sliceFor('default', 'web', [webA, webB], [{ name: 'http', port: 8080 }])],
    });
    const t = trace(input, { target: 'web' }, 7);
    expect(t.verdict).toBe('DNAT');
    expect(t.masquerade).toBe(false);
    expect(t.node).toBe(NODE1);
    expect(t.serviceId).toBe('service/default/web');
    expect(t.dns).toMatchObject({
      query: 'web',
      rcode: 'NOERROR',
      answers: ['10.96.100.10'],
      resolvedName: 'web.default.svc.cluster.local',
    });
    expect(t.packet).toMatchObject({ src: '10.244.1.10', dst: '10.96.100.10', dstPort: 80, protocol: 'TCP' });
    expect(t.candidates.map((c) => [c.ip, c.port, c.probability, c.podId])).toEqual([
      ['10.244.1.2', 8080, 0.5, 'pod/default/web-a'],
      ['10.244.2.2', 8080, 0.5, 'pod/default/web-b'],
    ]);
    expect(t.candidates.every((c) => c.chain?.startsWith('KUBE-SEP-'))).toBe(true);
    expect(t.candidates).toContainEqual(t.chosen);
    const nodeHop = t.hops.find((h) => h.kind === 'node' && h.action === 'dnat')!;
    expect(nodeHop.at).toBe(`node/${NODE1}`);
    expect(nodeHop.after.dst).toBe(t.chosen!.ip);
    const texts = nodeHop.rules.map((r) => r.text);
    expect(texts[0]).toBe('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
    expect(texts).toContain(
      '-A KUBE-SERVICES -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.100.10 --dport 80 -j KUBE-SVC-IWXZ4ORAM6GI3VMY'.replace(
        'IWXZ4ORAM6GI3VMY',
        nodeHop.rules.find((r) => r.chain.startsWith('KUBE-SVC-'))!.chain.slice(9),
      ),
    );
    expect(texts.some((r) => r.includes(`-j DNAT --to-destination ${t.chosen!.ip}:8080`))).toBe(true);
    expectRuleLinesExact(input, t);
    expect(t.hops.map((h) => `${h.kind}:${h.action}${h.reply ? ':reply' : ''}`)).toEqual(
      t.chosen!.ip === '10.244.1.2'
        ? [
            'client:send',
            'dns:resolve',
            'node:dnat',
            'service:match',
            'pod:deliver',
            'pod:reply:reply',
            'node:reply:reply',
            'client:deliver:reply',
          ]
        : [
            'client:send',
            'dns:resolve',
            'node:dnat',
            'service:match',
            'node:forward',
            'pod:deliver',
            'pod:reply:reply',
            'node:forward:reply',
            'node:reply:reply',
            'client:deliver:reply',
          ],
    );
    const last = t.hops[t.hops.length - 1]!;
    expect(last.after).toMatchObject({
      src: '10.96.100.10',
      srcPort: 80,
      dst: '10.244.1.10',
      dstPort: t.packet.srcPort,
    });
    expect(t.hops.map((h) => h.index)).toEqual(t.hops.map((_, i) => i));
  });

  it('both endpoints are reachable over many seeds (sampling follows the rules)', () => {
    const { input } = makeCluster({
      services: [webService()],
      slices: [sliceFor('default', 'web', [webA, webB], [{ name: 'http', port: 8080 }])],
    });
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++)
      seen.add(trace(input, { target: '10.96.100.10:80' }, seed).chosen!.ip);
    expect([...seen].sort()).toEqual(['10.244.1.2', '10.244.2.2']);
  });

  it('NodePort from outside to a node without the pod: masquerade, forward, reverse NAT', () => {
    const svc = webService((s) => {
      s.spec.type = 'NodePort';
      s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }];
    });
    const { input } = makeCluster({
      services: [svc],
      slices: [sliceFor('default', 'web', [webB], [{ name: 'http', port: 8080 }])],
    });
    const t = traceRequest(
      input,
      { client: { kind: 'external', ip: '203.0.113.7' }, target: `${NODE1_IP}:30080`, srcPort: 51000 },
      emptyProxyRuntime(),
      createRng(3),
    ).trace;
    expect(t.verdict).toBe('DNAT');
    expect(t.masquerade).toBe(true);
    expect(t.node).toBe(NODE1);
    expect(t.candidates).toEqual([
      {
        ip: '10.244.2.2',
        port: 8080,
        probability: 1,
        podId: 'pod/default/web-b',
        nodeName: NODE2,
        chain: t.candidates[0]!.chain,
      },
    ]);
    const masq = t.hops.find((h) => h.action === 'masquerade')!;
    expect(masq.before.src).toBe('203.0.113.7');
    expect(masq.after).toMatchObject({ src: NODE1_IP, dst: '10.244.2.2', dstPort: 8080 });
    expect(masq.rules.map((r) => r.text)).toContain(
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    );
    const dnat = t.hops.find((h) => h.action === 'dnat')!;
    expect(dnat.rules.map((r) => r.chain)).toEqual(
      expect.arrayContaining([
        'PREROUTING',
        'KUBE-SERVICES',
        'KUBE-NODEPORTS',
        expect.stringMatching(/^KUBE-EXT-/),
        'KUBE-MARK-MASQ',
        expect.stringMatching(/^KUBE-SVC-/),
        expect.stringMatching(/^KUBE-SEP-/),
        'FORWARD',
        'KUBE-FORWARD',
      ]),
    );
    expect(t.hops.map((h) => `${h.at}:${h.action}`)).toEqual([
      'client/external:send',
      `node/${NODE1}:dnat`,
      'service/default/web:match',
      `node/${NODE1}:masquerade`,
      `node/${NODE2}:forward`,
      'pod/default/web-b:deliver',
      'pod/default/web-b:reply',
      `node/${NODE2}:forward`,
      `node/${NODE1}:reply`,
      'client/external:deliver',
    ]);
    expect(t.hops[6]!.after).toMatchObject({ src: '10.244.2.2', dst: NODE1_IP, dstPort: 51000 });
    expect(t.hops[9]!.after).toMatchObject({
      src: NODE1_IP,
      srcPort: 30080,
      dst: '203.0.113.7',
      dstPort: 51000,
    });
    expectRuleLinesExact(input, t);
  });

  it('externalTrafficPolicy Local drops on a node without local endpoints', () => {
    const svc = webService((s) => {
      s.spec.type = 'NodePort';
      s.spec.externalTrafficPolicy = 'Local';
      s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }];
    });
    const { input } = makeCluster({
      services: [svc],
      slices: [sliceFor('default', 'web', [webB], [{ name: 'http', port: 8080 }])],
    });
    const ext = { kind: 'external' as const, ip: '203.0.113.7' };
    const t = traceRequest(
      input,
      { client: ext, target: `${NODE1_IP}:30080` },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(t.verdict).toBe('DROP');
    expect(t.candidates).toEqual([]);
    const last = t.hops[t.hops.length - 1]!;
    expect(last).toMatchObject({
      kind: 'node',
      at: `node/${NODE1}`,
      action: 'drop',
      code: 'hop.node.drop',
      params: { comment: 'default/web:http has no local endpoints' },
    });
    expect(last.rules.map((r) => r.text)).toContain(
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP',
    );
    // The node with the endpoint keeps the client's address.
    const ok = traceRequest(
      input,
      { client: ext, target: `${NODE2_IP}:30080` },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(ok.verdict).toBe('DNAT');
    expect(ok.masquerade).toBe(false);
    expect(ok.hops.find((h) => h.action === 'deliver' && !h.reply)!.after.src).toBe('203.0.113.7');
  });

  it('REJECT when the Service has no endpoints', () => {
    const { input } = makeCluster({ services: [webService()], slices: [] });
    const t = trace(input, { target: 'web:80' });
    expect(t.verdict).toBe('REJECT');
    const last = t.hops[t.hops.length - 1]!;
    expect(last).toMatchObject({
      action: 'reject',
      code: 'hop.node.reject',
      params: { comment: 'default/web:http has no endpoints' },
    });
    expect(last.rules.map((r) => r.text)).toContain(
      '-A KUBE-SERVICES -m comment --comment "default/web:http has no endpoints" -m tcp -p tcp -d 10.96.100.10 --dport 80 -j REJECT',
    );
    expectRuleLinesExact(input, t);
  });

  it('session affinity sticks within the timeout and can change after it', () => {
    const svc = webService((s) => {
      s.spec.sessionAffinity = 'ClientIP';
      s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 60 } };
    });
    const { input } = makeCluster({
      services: [svc],
      slices: [sliceFor('default', 'web', [webA, webB], [{ name: 'http', port: 8080 }])],
    });
    const rng = createRng(11);
    let rt = emptyProxyRuntime();
    const go = (time: number) => {
      const r = traceRequest(input, { client: fromPod, target: 'web', time }, rt, rng);
      rt = r.runtime;
      return r.trace;
    };
    const first = go(0);
    expect(first.candidates).toHaveLength(2);
    const sticky = first.chosen!.ip;
    const listName = first.candidates.find((c) => c.ip === sticky)!.chain!;
    expect(rt.recent[NODE1]![listName]!['10.244.1.10']).toBe(0);
    for (const time of [10, 30, 59, 100]) {
      const t = go(time);
      if (time < 100) {
        expect(t.chosen!.ip).toBe(sticky);
        expect(t.candidates).toEqual([expect.objectContaining({ ip: sticky, probability: 1 })]);
        expect(t.hops.find((h) => h.kind === 'service')!.code).toBe('hop.service.affinity');
      }
    }
    // 59 + 60 < 200: the entry has expired; the statistic rules decide again, and the choice can change.
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const t = go(200 + i * 100);
      expect(t.candidates).toHaveLength(2);
      seen.add(t.chosen!.ip);
    }
    expect(seen.size).toBe(2);
  });

  it('headless Service: DNS returns pod IPs and the client connects directly (no kube-proxy rules)', () => {
    const headless = makeTestService('default', 'web-h', (s) => {
      s.spec.clusterIP = 'None';
      s.spec.ports = [{ name: 'http', port: 8080, protocol: 'TCP' }];
    });
    const { input } = makeCluster({
      services: [headless],
      slices: [sliceFor('default', 'web-h', [webA, webB], [{ name: 'http', port: 8080 }])],
    });
    const t = trace(input, { target: 'web-h' }, 5);
    expect(t.verdict).toBe('NONE');
    expect(t.dns?.answers.sort()).toEqual(['10.244.1.2', '10.244.2.2']);
    expect(t.candidates.map((c) => c.probability)).toEqual([0.5, 0.5]);
    expect(t.hops.some((h) => h.action === 'dnat')).toBe(false);
    expect(t.hops.every((h) => h.rules.length === 0)).toBe(true);
    const dnsHop = t.hops.find((h) => h.kind === 'dns')!;
    expect(dnsHop.code).toBe('hop.dns.headless');
    const deliver = t.hops.find((h) => h.action === 'deliver' && !h.reply)!;
    expect(deliver.after).toMatchObject({ src: '10.244.1.10', dst: t.chosen!.ip, dstPort: 8080 });
  });

  it('ExternalName: the answer is a CNAME and the packet leaves the cluster', () => {
    const ext = makeTestService('default', 'db', (s) => {
      s.spec.type = 'ExternalName';
      s.spec.externalName = 'db.example.com';
    });
    const { input } = makeCluster({ services: [ext], slices: [] });
    const t = trace(input, { target: 'db:5432' });
    expect(t.dns).toMatchObject({ cname: 'db.example.com', rcode: 'NOERROR' });
    expect(t.hops.map((h) => `${h.kind}:${h.action}:${h.at}`)).toEqual([
      'client:send:pod/default/client',
      'dns:cname:service/kube-system/kube-dns',
      'external:leave:external/db.example.com',
    ]);
    expect(t.verdict).toBe('NONE');
    expect(t.serviceId).toBe('service/default/db');
  });

  it('external clients cannot resolve cluster names', () => {
    const { input } = makeCluster({ services: [webService()], slices: [] });
    const t = traceRequest(
      input,
      { client: { kind: 'external', ip: '203.0.113.7' }, target: 'web' },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(t.dns?.rcode).toBe('NXDOMAIN');
    expect(t.hops.map((h) => h.action)).toEqual(['send', 'nxdomain']);
  });

  it('LoadBalancer with externalTrafficPolicy Local: the health check steers the LB to the node with endpoints', () => {
    const svc = webService((s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.externalTrafficPolicy = 'Local';
      s.spec.healthCheckNodePort = 32000;
      s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }];
      s.status.loadBalancer = { ingress: [{ ip: '192.168.56.240' }] };
    });
    const { input } = makeCluster({
      services: [svc],
      slices: [sliceFor('default', 'web', [webB], [{ name: 'http', port: 8080 }])],
    });
    for (let seed = 0; seed < 10; seed++) {
      const t = traceRequest(
        input,
        { client: { kind: 'external', ip: '203.0.113.7' }, target: '192.168.56.240:80' },
        emptyProxyRuntime(),
        createRng(seed),
      ).trace;
      expect(t.hops[1]).toMatchObject({
        kind: 'loadbalancer',
        at: 'lb/default/web',
        after: { dst: NODE2_IP, dstPort: 30080 },
        params: { healthyNodes: 1 },
      });
      expect(t.verdict).toBe('DNAT');
      expect(t.masquerade).toBe(false);
      const reply = t.hops[t.hops.length - 1]!;
      expect(reply.after).toMatchObject({ src: '192.168.56.240', srcPort: 80, dst: '203.0.113.7' });
    }
    // kube-proxy's health check port answers on every node.
    const hc = traceRequest(
      input,
      { client: { kind: 'external', ip: '203.0.113.9' }, target: `${NODE2_IP}:32000` },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(hc.verdict).toBe('ACCEPT');
    expect(hc.hops[hc.hops.length - 1]).toMatchObject({
      code: 'hop.node.healthCheck',
      params: { localEndpoints: 1 },
    });
  });

  it('loadBalancerSourceRanges: the LB refuses other sources; pods hit KUBE-PROXY-FIREWALL', () => {
    const svc = webService((s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }];
      s.spec.loadBalancerSourceRanges = ['203.0.113.0/25'];
      s.status.loadBalancer = { ingress: [{ ip: '192.168.56.240' }] };
    });
    const { input } = makeCluster({
      services: [svc],
      slices: [sliceFor('default', 'web', [webA, webB], [{ name: 'http', port: 8080 }])],
    });
    const denied = traceRequest(
      input,
      { client: { kind: 'external', ip: '203.0.113.200' }, target: '192.168.56.240:80' },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(denied.verdict).toBe('DROP');
    expect(denied.hops[1]).toMatchObject({ code: 'hop.lb.sourceRangeDenied' });
    const pod = trace(input, { target: '192.168.56.240:80' });
    expect(pod.verdict).toBe('DROP');
    expect(pod.hops[pod.hops.length - 1]!.rules.map((r) => r.chain)).toContain('KUBE-PROXY-FIREWALL');
  });

  it("a pod reaching another node's NodePort is evaluated on that node", () => {
    const svc = webService((s) => {
      s.spec.type = 'NodePort';
      s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }];
    });
    const { input } = makeCluster({
      services: [svc],
      slices: [sliceFor('default', 'web', [webA], [{ name: 'http', port: 8080 }])],
    });
    const t = trace(input, { target: `${NODE2_IP}:30080` });
    expect(t.node).toBe(NODE2);
    expect(t.verdict).toBe('DNAT');
    expect(t.masquerade).toBe(true);
    expect(t.hops.map((h) => `${h.at}:${h.action}`).slice(0, 3)).toEqual([
      'pod/default/client:send',
      `node/${NODE2}:route`,
      `node/${NODE2}:dnat`,
    ]);
  });

  it('ipvs mode: rr goes round the real servers and the trace cites ipvsadm lines', () => {
    const { input } = makeCluster({
      services: [webService()],
      slices: [sliceFor('default', 'web', [webA, webB], [{ name: 'http', port: 8080 }])],
      config: { proxyMode: 'ipvs' },
    });
    let rt = emptyProxyRuntime();
    const rng = createRng(2);
    const chosen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = traceRequest(input, { client: fromPod, target: 'web' }, rt, rng);
      rt = r.runtime;
      expect(r.trace.verdict).toBe('DNAT');
      expect(r.trace.candidates.map((c) => c.probability)).toEqual([0.5, 0.5]);
      expectRuleLinesExact(input, r.trace);
      const dnat = r.trace.hops.find((h) => h.action === 'dnat')!;
      expect(dnat.code).toBe('hop.node.ipvs');
      expect(dnat.rules.filter((x) => x.table === 'ipvs').map((x) => x.text)[0]).toBe(
        'TCP  10.96.100.10:80 rr',
      );
      chosen.push(r.trace.chosen!.ip);
    }
    expect(chosen).toEqual(['10.244.1.2', '10.244.2.2', '10.244.1.2', '10.244.2.2']);
    expect(rt.ipvs[NODE1]!['TCP 10.96.100.10:80']!.scheduled).toBe(4);
  });

  it('ipvs mode: ClientIP affinity is IPVS persistence', () => {
    const svc = webService((s) => {
      s.spec.sessionAffinity = 'ClientIP';
      s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 100 } };
    });
    const { input } = makeCluster({
      services: [svc],
      slices: [sliceFor('default', 'web', [webA, webB], [{ name: 'http', port: 8080 }])],
      config: { proxyMode: 'ipvs' },
    });
    expect(input.proxy[NODE1]!.ipvsadm).toContain('TCP  10.96.100.10:80 rr persistent 100\n');
    let rt = emptyProxyRuntime();
    const rng = createRng(2);
    const at = (time: number) => {
      const r = traceRequest(input, { client: fromPod, target: 'web', time }, rt, rng);
      rt = r.runtime;
      return r.trace;
    };
    const a = at(0).chosen!.ip;
    expect(at(50).chosen!.ip).toBe(a);
    expect(at(120).chosen!.ip).toBe(a);
    expect(at(300).chosen!.ip).not.toBe(a);
  });

  it('ipvs mode: NodePort from outside is masqueraded (KUBE-NODE-PORT) and REJECT-free when endpoints are missing', () => {
    const svc = webService((s) => {
      s.spec.type = 'NodePort';
      s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }];
    });
    const { input } = makeCluster({
      services: [svc],
      slices: [sliceFor('default', 'web', [webB], [{ name: 'http', port: 8080 }])],
      config: { proxyMode: 'ipvs' },
    });
    const t = traceRequest(
      input,
      { client: { kind: 'external', ip: '203.0.113.7' }, target: `${NODE1_IP}:30080` },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(t.verdict).toBe('DNAT');
    expect(t.masquerade).toBe(true);
    const dnat = t.hops.find((h) => h.action === 'dnat')!;
    expect(dnat.rules.map((r) => r.text)).toContain(
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
    );
    expectRuleLinesExact(input, t);
  });

  it('ipvs mode: externalTrafficPolicy Local without local endpoints sends the reply the wrong way', () => {
    const svc = webService((s) => {
      s.spec.type = 'NodePort';
      s.spec.externalTrafficPolicy = 'Local';
      s.spec.ports = [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }];
    });
    const { input } = makeCluster({
      services: [svc],
      slices: [sliceFor('default', 'web', [webB], [{ name: 'http', port: 8080 }])],
      config: { proxyMode: 'ipvs' },
    });
    const t = traceRequest(
      input,
      { client: { kind: 'external', ip: '203.0.113.7' }, target: `${NODE1_IP}:30080` },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(t.masquerade).toBe(false);
    expect(t.verdict).toBe('DROP');
    expect(t.hops[t.hops.length - 1]).toMatchObject({
      kind: 'client',
      action: 'drop',
      code: 'hop.reply.dropped',
    });
  });

  it('a node client goes through nat OUTPUT and is masqueraded (off-cluster source)', () => {
    const { input } = makeCluster({
      services: [webService()],
      slices: [sliceFor('default', 'web', [webA], [{ name: 'http', port: 8080 }])],
    });
    const t = traceRequest(
      input,
      { client: { kind: 'node', name: NODE2 }, target: '10.96.100.10:80' },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(t.verdict).toBe('DNAT');
    expect(t.masquerade).toBe(true);
    expect(t.hops.find((h) => h.action === 'dnat')!.rules[0]!.text).toBe(
      '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    );
  });

  it('hostNetwork pods use the node address and OUTPUT; pods with dnsPolicy Default cannot resolve names', () => {
    const hostPod = makePod('kube-system', 'agent', NODE1, NODE1_IP, { hostNetwork: true });
    const dflt = makePod('default', 'plain', NODE1, '10.244.1.20', { dnsPolicy: 'Default' });
    const { input } = makeCluster({
      services: [webService()],
      slices: [sliceFor('default', 'web', [webA], [{ name: 'http', port: 8080 }])],
      pods: [...pods, hostPod, dflt],
    });
    const t = traceRequest(
      input,
      { client: { kind: 'pod', namespace: 'kube-system', name: 'agent' }, target: '10.96.100.10' },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(t.packet.src).toBe(NODE1_IP);
    expect(t.hops.find((h) => h.action === 'dnat')!.rules[0]!.chain).toBe('OUTPUT');
    const n = traceRequest(
      input,
      { client: { kind: 'pod', namespace: 'default', name: 'plain' }, target: 'web' },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(n.hops[1]!.code).toBe('hop.dns.noClusterDns');
  });

  it('the same seed gives the same trace; the input runtime is not modified', () => {
    const { input } = makeCluster({
      services: [webService()],
      slices: [sliceFor('default', 'web', [webA, webB], [{ name: 'http', port: 8080 }])],
    });
    const rt = emptyProxyRuntime();
    const a = traceRequest(input, { client: fromPod, target: 'web' }, rt, createRng(99));
    const b = traceRequest(input, { client: fromPod, target: 'web' }, rt, createRng(99));
    expect(a).toEqual(b);
    expect(rt).toEqual(emptyProxyRuntime());
    expect(JSON.parse(JSON.stringify(a.trace))).toEqual(a.trace);
  });

  it('unknown clients and bad targets end the trace without throwing', () => {
    const { input } = makeCluster({ services: [webService()], slices: [] });
    expect(
      traceRequest(
        input,
        { client: { kind: 'pod', namespace: 'x', name: 'y' }, target: 'web' },
        emptyProxyRuntime(),
        createRng(1),
      ).trace.hops[0]!.code,
    ).toBe('hop.client.unknown');
    expect(trace(input, { target: 'not a target!' }).hops[0]!.code).toBe('hop.target.invalid');
    expect(trace(input, { target: 'web:99999' }).hops[0]!.code).toBe('hop.target.invalid');
    const ext = traceRequest(
      input,
      { client: { kind: 'external', ip: '203.0.113.1' }, target: '8.8.8.8:53' },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(ext.hops[ext.hops.length - 1]!.code).toBe('hop.external.unroutable');
    const wrongPort = trace(input, { target: '10.96.100.10:81' });
    expect(wrongPort.hops[wrongPort.hops.length - 1]!.code).toBe('hop.node.timeout');
  });

  it('an external client reaching a ClusterIP arrives at the node the request names (static route), masqueraded', () => {
    const { input } = makeCluster({
      services: [webService()],
      slices: [sliceFor('default', 'web', [webA, webB], [{ name: 'http', port: 8080 }])],
    });
    const ext = { kind: 'external' as const, ip: '203.0.113.7' };
    const first = traceRequest(
      input,
      { client: ext, target: '10.96.100.10:80' },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(first.node).toBe(NODE1);
    expect(first.hops[1]).toMatchObject({ action: 'route', at: `node/${NODE1}`, code: 'hop.node.route' });
    expect(first.masquerade).toBe(true);
    const named = traceRequest(
      input,
      { client: ext, target: '10.96.100.10:80', node: NODE2 },
      emptyProxyRuntime(),
      createRng(1),
    ).trace;
    expect(named.node).toBe(NODE2);
    const masqRule = named.hops
      .find((h) => h.action === 'dnat')!
      .rules.find((r) => r.chain.startsWith('KUBE-SVC-') && r.text.endsWith('-j KUBE-MARK-MASQ'))!;
    expect(masqRule.text).toMatch(
      /^-A KUBE-SVC-\S+ -m comment --comment "default\/web:http cluster IP" -m tcp -p tcp -d 10\.96\.100\.10 --dport 80 ! -s 10\.244\.0\.0\/16 -j KUBE-MARK-MASQ$/,
    );
    expect(masqRule.node).toBe(NODE2);
  });
});
