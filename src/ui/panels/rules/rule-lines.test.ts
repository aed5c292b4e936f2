import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../engine/index.ts';
import {
  chainsOf,
  filterByChain,
  linesOn,
  numberedLines,
  serviceIpvsLines,
  serviceLines,
} from './rule-lines.ts';

const nodeport = readFileSync(new URL('../../../../examples/nodeport.yaml', import.meta.url), 'utf8');
const SVC = 'service/default/web-service-nodeport';

describe('rule lines', () => {
  const result = simulate(nodeport);
  const proxy = result.proxy['myserver02']!;
  const lines = numberedLines(proxy.iptablesSave);

  it('numbers every line and knows its chain', () => {
    expect(lines[0]).toEqual({ line: 1, text: '*filter' });
    const sep = lines.find((l) => l.text.startsWith('-A KUBE-SEP-'))!;
    expect(sep.chain).toMatch(/^KUBE-SEP-/);
    expect(chainsOf(lines)).toContain('KUBE-SERVICES');
    expect(filterByChain(lines, 'KUBE-NODEPORTS').every((l) => l.chain === 'KUBE-NODEPORTS')).toBe(true);
  });

  it('marks a Service’s rules from the rules kube-proxy wrote for it', () => {
    const marked = serviceLines(proxy, SVC);
    expect(marked.size).toBeGreaterThan(5);
    for (const n of marked)
      expect(lines[n - 1]!.text).toMatch(/default\/web-service-nodeport|^-A KUBE-(EXT|SVC|SEP|FW)-/);
    expect(serviceLines(proxy, null).size).toBe(0);
  });

  it('marks a virtual server and its real servers in ipvsadm output', () => {
    const ipvs = simulate(
      `${nodeport}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n`,
    );
    const p = ipvs.proxy['myserver02']!;
    const text = p.ipvsadm.split('\n');
    const marked = [...serviceIpvsLines(p, SVC)].map((n) => text[n - 1]!);
    expect(marked.some((t) => /^TCP\s+10\.108\.166\.32:80/.test(t))).toBe(true);
    expect(marked.filter((t) => t.trim().startsWith('->')).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps only the rule refs of one node and one view', () => {
    const refs = [
      { node: 'a', table: 'nat' as const, chain: 'X', line: 3, text: '' },
      { node: 'a', table: 'ipvs' as const, chain: 'X', line: 4, text: '' },
      { node: 'b', table: 'nat' as const, chain: 'X', line: 5, text: '' },
    ];
    expect([...linesOn(refs, 'a', 'iptables')]).toEqual([3]);
    expect([...linesOn(refs, 'a', 'ipvs')]).toEqual([4]);
  });
});
