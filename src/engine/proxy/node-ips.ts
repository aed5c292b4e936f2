/** The node addresses kube-proxy works with (--bind-address / status.addresses). IPv4 only. */
import type { Node } from '../api/objects.ts';
import { parseIPv4 } from '../net/ip.ts';

/** status.addresses of type InternalIP, then ExternalIP (IPv4), without duplicates. */
export function nodeAddresses(node: Node | undefined): string[] {
  if (!node) return [];
  const addrs = node.status?.addresses ?? [];
  const out: string[] = [];
  for (const type of ['InternalIP', 'ExternalIP']) {
    for (const a of addrs) {
      if (a.type === type && parseIPv4(a.address) !== undefined && !out.includes(a.address))
        out.push(a.address);
    }
  }
  return out;
}

/** The node's primary IP (kube-proxy's nodeIP): the first InternalIP. */
export function primaryNodeIP(node: Node | undefined): string | undefined {
  return nodeAddresses(node)[0];
}

export function findNode(nodes: readonly Node[], name: string): Node | undefined {
  return nodes.find((n) => n.metadata?.name === name);
}

/** Node label topology.kubernetes.io/zone, used for topology-aware hints. */
export function nodeZone(node: Node | undefined): string {
  return node?.metadata?.labels?.['topology.kubernetes.io/zone'] ?? '';
}
