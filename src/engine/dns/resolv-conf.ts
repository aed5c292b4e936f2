/**
 * What a pod's resolver does before CoreDNS sees a name. The kubelet (pkg/kubelet/network/dns/dns.go) writes the
 * pod's /etc/resolv.conf for dnsPolicy ClusterFirst: `search <ns>.svc.<zone> svc.<zone> <zone>`, the cluster
 * DNS Service as nameserver, `options ndots:5`. glibc's res_nsearch then walks the search list: a name with
 * fewer than ndots dots tries each search suffix first and itself last, a name with more tries itself first, a
 * trailing dot makes it absolute. (The node's own search domains, appended by the kubelet, are not simulated.)
 */

/** The kubelet's ndots for ClusterFirst pods. */
export const NDOTS = 5;

/** The kubelet's cluster search domains for a pod in `namespace`. */
export function searchDomains(namespace: string, zone: string): string[] {
  return [`${namespace}.svc.${zone}`, `svc.${zone}`, zone];
}

/** /etc/resolv.conf as a ClusterFirst pod in `namespace` reads it. */
export function resolvConf(namespace: string, zone: string, nameserver: string): string {
  return [
    `search ${searchDomains(namespace, zone).join(' ')}`,
    `nameserver ${nameserver}`,
    `options ndots:${NDOTS}`,
    '',
  ].join('\n');
}

/**
 * The fully qualified names res_nsearch sends, in order, for `name` asked from a pod in `namespace` (none: no
 * search path, the name is sent as is).
 */
export function searchCandidates(name: string, namespace: string | undefined, zone: string): string[] {
  const trimmed = name.trim();
  if (trimmed.endsWith('.') || trimmed === '' || !namespace) return [trimmed.replace(/\.$/, '')];
  const expanded = searchDomains(namespace, zone).map((domain) => `${trimmed}.${domain}`);
  const dots = trimmed.split('.').length - 1;
  return dots >= NDOTS ? [trimmed, ...expanded] : [...expanded, trimmed];
}
