import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

const run = (args: string[], input?: string) =>
  spawnSync('npx', ['tsx', 'cli/sim.ts', ...args], { input, encoding: 'utf8', timeout: 60_000 });

describe('parseArgs', () => {
  it('reads every option of the contract', () => {
    expect(
      parseArgs([
        'f.yaml',
        '--json',
        '--node',
        'myserver02',
        '--dns',
        'web:SRV',
        '--dns',
        'db',
        '--from',
        'shop',
        '--trace',
        '10.244.1.5->10.96.0.10:53/udp',
        '--seed',
        '7',
      ]),
    ).toEqual({
      file: 'f.yaml',
      json: true,
      node: 'myserver02',
      dns: [
        { name: 'web', type: 'SRV' },
        { name: 'db', type: 'A' },
      ],
      from: 'shop',
      traces: [{ src: '10.244.1.5', dst: '10.96.0.10', port: 53, protocol: 'UDP' }],
      seed: 7,
    });
  });
  it('explains bad arguments', () => {
    expect(parseArgs([])).toEqual({ error: 'missing FILE (use - for standard input)' });
    expect(parseArgs(['f', '--trace', 'nonsense'])).toMatchObject({
      error: expect.stringContaining('SRC_IP->DST_IP'),
    });
    expect(parseArgs(['f', '--dns', 'x:MX'])).toMatchObject({ error: expect.stringContaining('MX') });
  });
});

describe('npm run sim (the CLI contract)', () => {
  it('prints one JSON object and exits 0 when everything is accepted', () => {
    const r = run([
      'examples/nodeport.yaml',
      '--json',
      '--node',
      'myserver02',
      '--dns',
      'web-service-nodeport',
      '--from',
      'default',
      '--trace',
      '203.0.113.10->10.0.2.5:31001',
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual([
      'dns',
      'errors',
      'iptables',
      'ipvs',
      'objects',
      'traces',
      'warnings',
    ]);
    expect(Object.keys(out.iptables)).toEqual(['myserver02']);
    expect(out.iptables.myserver02).toContain('-A KUBE-NODEPORTS');
    expect(out.dns[0]).toMatchObject({
      name: 'web-service-nodeport',
      type: 'A',
      from: 'default',
      rcode: 'NOERROR',
    });
    const t = out.traces[0];
    expect(t).toMatchObject({
      source: '203.0.113.10',
      destination: '10.0.2.5:31001',
      protocol: 'TCP',
      node: 'myserver02',
      verdict: 'DNAT',
      masquerade: true,
    });
    expect(t.candidates).toHaveLength(3);
    expect(t.candidates).toContain(t.chosen);
    expect(out.objects.some((o: { kind: string }) => o.kind === 'EndpointSlice')).toBe(true);
    // As kubectl get -o json prints them: fields in alphabetical order at every level, and every object
    // with the resourceVersion of its last write.
    const pod = out.objects.find((o: { kind: string }) => o.kind === 'Pod');
    expect(Object.keys(pod)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(Object.keys(pod.metadata)).toEqual([...Object.keys(pod.metadata)].sort());
    expect(Object.keys(pod.spec.containers[0])).toEqual([...Object.keys(pod.spec.containers[0])].sort());
    for (const o of out.objects) expect(o.metadata.resourceVersion).toMatch(/^\d+$/);
  });

  it('exits 1 and still prints the result when an object is rejected', () => {
    const r = run(
      ['-', '--json'],
      'apiVersion: v1\nkind: Service\nmetadata: {name: Web}\nspec:\n  ports: [{port: 80}]\n',
    );
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.errors[0]).toMatchObject({
      kind: 'Service',
      name: 'Web',
      field: 'metadata.name',
      type: 'Invalid value',
      line: 3,
    });
  });

  it('exits 2 for text that is not YAML at all', () => {
    const r = run(['-', '--json'], 'key: [unclosed\n  : : :');
    expect(r.status).toBe(2);
  });
});
