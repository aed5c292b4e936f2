import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { resultText } from './result-text.ts';

const nodeport = readFileSync('examples/nodeport.yaml', 'utf8');
const withNodes = `apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\n---\n${nodeport}`;
const withConfig = `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: { serviceSubnet: 10.100.0.0/16 }\n---\n${nodeport}`;

/** simulate() from a fresh copy of the engine: no bootstrap snapshot (or any other cache) yet. */
async function freshSimulate() {
  vi.resetModules();
  return (await import('./simulate.ts')).simulate;
}

describe('bootstrap snapshot', () => {
  it.each([
    ['the default cluster', nodeport, 1],
    ['another seed', nodeport, 7],
    ['user nodes', withNodes, 1],
    ['a ClusterConfiguration', withConfig, 3],
  ])('a simulation restored from the snapshot equals the first one (%s)', async (_, text, seed) => {
    const simulate = await freshSimulate();
    const first = resultText(simulate(text, { seed }));
    const again = resultText(simulate(text, { seed }));
    expect(again).toBe(first);
    // And a later simulation does not see what an earlier one did to its (restored) objects.
    simulate(withNodes, { seed });
    expect(resultText(simulate(text, { seed }))).toBe(first);
  });
});
