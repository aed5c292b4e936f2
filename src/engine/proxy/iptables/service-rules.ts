/**
 * The body of syncProxyRules' per-Service-port loop (pkg/proxy/iptables/proxier.go): capture rules for the
 * ClusterIP, externalIPs, LoadBalancer IPs and NodePort, REJECT/DROP rules in the filter table, and the
 * KUBE-SVC / KUBE-SVL / KUBE-EXT / KUBE-FW / KUBE-SEP chains — argument for argument as kube-proxy writes them.
 */
import { endpointString, type EndpointInfo } from '../endpoint-info.ts';
import { externallyAccessible, type ServicePortInfo } from '../service-port.ts';
import type { CategorizedEndpoints } from '../topology.ts';
import { ipInCIDR } from '../../net/ip.ts';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
  serviceExternalChainName,
  serviceFirewallChainName,
  servicePortEndpointChainName,
  servicePortPolicyClusterChain,
  servicePortPolicyLocalChainName,
} from './chain-names.ts';
import { computeProbability } from './probability.ts';
import type { TableBuffer } from './rule.ts';

export const LOCALHOST_NODEPORTS_COUNTER = 'localhost_nps_accepted_pkts';

/** Settings fixed for one sync. */
export interface SyncContext {
  filter: TableBuffer;
  nat: TableBuffer;
  /** --cluster-cidr ('' means no local traffic detector). */
  clusterCIDR: string;
  masqueradeAll: boolean;
  localhostNodePorts: boolean;
  nfacct: boolean;
  largeClusterMode: boolean;
  /** The node's primary IP, for loadBalancerSourceRanges that include the node. */
  nodeIP: string | undefined;
}

const comment = (c: string) => ['-m', 'comment', '--comment', c];
const proto = (p: string) => ['-m', p, '-p', p];

/** appendServiceCommentLocked: comments are dropped in large-cluster mode. */
function withComment(ctx: SyncContext, args: string[], c: string): string[] {
  return ctx.largeClusterMode ? args : [...args, ...comment(c)];
}

/**
 * Writes every rule and chain of one Service port. What it reads (the SyncContext settings, the endpoints'
 * ip, port and podId) is what shared-service-rules.ts compares to reuse one node's rules on another: keep
 * the two in step.
 */
export function writeServicePortRules(
  ctx: SyncContext,
  svcInfo: ServicePortInfo,
  eps: CategorizedEndpoints,
): void {
  const { filter, nat } = ctx;
  const protocol = svcInfo.protocol.toLowerCase();
  const name = svcInfo.nameString;
  const id = svcInfo.serviceId;
  const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints: hasEndpoints } = eps;
  const localDetector = ctx.clusterCIDR !== '';

  const clusterPolicyChain = servicePortPolicyClusterChain(name, protocol);
  const usesClusterPolicyChain =
    clusterEndpoints.length > 0 && (!svcInfo.internalPolicyLocal || externallyAccessible(svcInfo));
  const localPolicyChain = servicePortPolicyLocalChainName(name, protocol);
  const usesLocalPolicyChain =
    localEndpoints.length > 0 &&
    (svcInfo.internalPolicyLocal || (svcInfo.externalPolicyLocal && externallyAccessible(svcInfo)));

  let internalTrafficChain = clusterPolicyChain;
  let hasInternalEndpoints = hasEndpoints;
  if (svcInfo.internalPolicyLocal) {
    internalTrafficChain = localPolicyChain;
    if (localEndpoints.length === 0) hasInternalEndpoints = false;
  }
  let externalPolicyChain = clusterPolicyChain;
  let hasExternalEndpoints = hasEndpoints;
  if (svcInfo.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasExternalEndpoints = false;
  }
  const externalTrafficChain = serviceExternalChainName(name, protocol);
  // Based on hasEndpoints: the short-circuit rules are needed even without externally usable endpoints.
  const usesExternalTrafficChain = hasEndpoints && externallyAccessible(svcInfo);

  const fwChain = serviceFirewallChainName(name, protocol);
  const usesFWChain =
    hasEndpoints && svcInfo.loadBalancerVIPs.length > 0 && svcInfo.loadBalancerSourceRanges.length > 0;
  const loadBalancerTrafficChain = usesFWChain ? fwChain : externalTrafficChain;

  let internalFilterTarget = '';
  let internalFilterComment = '';
  let externalFilterTarget = '';
  let externalFilterComment = '';
  if (!hasEndpoints) {
    internalFilterTarget = externalFilterTarget = 'REJECT';
    internalFilterComment = externalFilterComment = `${name} has no endpoints`;
  } else {
    if (!hasInternalEndpoints) {
      internalFilterTarget = 'DROP';
      internalFilterComment = `${name} has no local endpoints`;
    }
    if (!hasExternalEndpoints) {
      externalFilterTarget = 'DROP';
      externalFilterComment = `${name} has no local endpoints`;
    }
  }

  const port = String(svcInfo.port);
  const vip = (ip: string) => [...proto(protocol), '-d', ip, '--dport', port];

  // Capture the clusterIP.
  if (hasInternalEndpoints) {
    nat.write(
      [
        '-A',
        KUBE_SERVICES,
        ...comment(`${name} cluster IP`),
        ...vip(svcInfo.clusterIP),
        '-j',
        internalTrafficChain,
      ],
      id,
    );
  } else {
    filter.write(
      [
        '-A',
        KUBE_SERVICES,
        ...comment(internalFilterComment),
        ...vip(svcInfo.clusterIP),
        '-j',
        internalFilterTarget,
      ],
      id,
    );
  }

  // Capture externalIPs.
  for (const externalIP of svcInfo.externalIPs) {
    if (hasEndpoints) {
      nat.write(
        [
          '-A',
          KUBE_SERVICES,
          ...comment(`${name} external IP`),
          ...vip(externalIP),
          '-j',
          externalTrafficChain,
        ],
        id,
      );
    }
    if (!hasExternalEndpoints) {
      filter.write(
        [
          '-A',
          KUBE_EXTERNAL_SERVICES,
          ...comment(externalFilterComment),
          ...vip(externalIP),
          '-j',
          externalFilterTarget,
        ],
        id,
      );
    }
  }

  // Capture load-balancer ingress.
  for (const lbip of svcInfo.loadBalancerVIPs) {
    if (hasEndpoints) {
      nat.write(
        [
          '-A',
          KUBE_SERVICES,
          ...comment(`${name} loadbalancer IP`),
          ...vip(lbip),
          '-j',
          loadBalancerTrafficChain,
        ],
        id,
      );
    }
    if (usesFWChain) {
      filter.write(
        [
          '-A',
          KUBE_PROXY_FIREWALL,
          ...comment(`${name} traffic not accepted by ${fwChain}`),
          ...vip(lbip),
          '-j',
          'DROP',
        ],
        id,
      );
    }
  }
  if (!hasExternalEndpoints) {
    for (const lbip of svcInfo.loadBalancerVIPs) {
      filter.write(
        [
          '-A',
          KUBE_EXTERNAL_SERVICES,
          ...comment(externalFilterComment),
          ...vip(lbip),
          '-j',
          externalFilterTarget,
        ],
        id,
      );
    }
  }

  // Capture nodeports (not subject to loadBalancerSourceRanges).
  if (svcInfo.nodePort !== 0) {
    const nodePort = String(svcInfo.nodePort);
    if (hasEndpoints) {
      if (ctx.localhostNodePorts && ctx.nfacct) {
        const nfacct = ['-m', 'nfacct', '--nfacct-name', LOCALHOST_NODEPORTS_COUNTER];
        nat.write(
          [
            '-A',
            KUBE_NODEPORTS,
            ...comment(name),
            ...proto(protocol),
            '-d',
            '127.0.0.0/8',
            '--dport',
            nodePort,
            ...nfacct,
            '-j',
            externalTrafficChain,
          ],
          id,
        );
      }
      nat.write(
        [
          '-A',
          KUBE_NODEPORTS,
          ...comment(name),
          ...proto(protocol),
          '--dport',
          nodePort,
          '-j',
          externalTrafficChain,
        ],
        id,
      );
    }
    if (!hasExternalEndpoints) {
      const local = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
      filter.write(
        [
          '-A',
          KUBE_EXTERNAL_SERVICES,
          ...comment(externalFilterComment),
          ...local,
          ...proto(protocol),
          '--dport',
          nodePort,
          '-j',
          externalFilterTarget,
        ],
        id,
      );
    }
  }

  // Capture healthCheckNodePorts.
  if (svcInfo.healthCheckNodePort !== 0) {
    const hc = String(svcInfo.healthCheckNodePort);
    filter.write(
      [
        '-A',
        KUBE_NODEPORTS,
        ...comment(`${name} health check node port`),
        ...proto('tcp'),
        '--dport',
        hc,
        '-j',
        'ACCEPT',
      ],
      id,
    );
  }

  // Set up internal traffic handling: masquerade off-cluster traffic to the ClusterIP.
  if (hasInternalEndpoints) {
    const args = ['-A', internalTrafficChain, ...comment(`${name} cluster IP`), ...vip(svcInfo.clusterIP)];
    if (ctx.masqueradeAll) nat.write([...args, '-j', KUBE_MARK_MASQ], id);
    else if (localDetector) nat.write([...args, '!', '-s', ctx.clusterCIDR, '-j', KUBE_MARK_MASQ], id);
  }

  // Set up external traffic handling.
  if (usesExternalTrafficChain) {
    nat.chain(externalTrafficChain);
    const ext = ['-A', externalTrafficChain];
    if (!svcInfo.externalPolicyLocal) {
      // Non-local endpoints may be on another node: masquerade.
      nat.write(
        [...ext, ...comment(`masquerade traffic for ${name} external destinations`), '-j', KUBE_MARK_MASQ],
        id,
      );
    } else {
      if (localDetector) {
        // Pod traffic to an external destination short-circuits to the Cluster policy chain.
        nat.write(
          [
            ...ext,
            ...comment(`pod traffic for ${name} external destinations`),
            '-s',
            ctx.clusterCIDR,
            '-j',
            clusterPolicyChain,
          ],
          id,
        );
      }
      const srcLocal = ['-m', 'addrtype', '--src-type', 'LOCAL'];
      nat.write(
        [
          ...ext,
          ...comment(`masquerade LOCAL traffic for ${name} external destinations`),
          ...srcLocal,
          '-j',
          KUBE_MARK_MASQ,
        ],
        id,
      );
      nat.write(
        [
          ...ext,
          ...comment(`route LOCAL traffic for ${name} external destinations`),
          ...srcLocal,
          '-j',
          clusterPolicyChain,
        ],
        id,
      );
    }
    if (hasExternalEndpoints) nat.write([...ext, '-j', externalPolicyChain], id);
  }

  // Set up the loadBalancerSourceRanges firewall chain.
  if (usesFWChain) {
    nat.chain(fwChain);
    const fw = ['-A', fwChain, ...comment(`${name} loadbalancer IP`)];
    let allowFromNode = false;
    for (const cidr of svcInfo.loadBalancerSourceRanges) {
      nat.write([...fw, '-s', cidr, '-j', externalTrafficChain], id);
      if (ctx.nodeIP !== undefined && ipInCIDR(ctx.nodeIP, cidr)) allowFromNode = true;
    }
    // A node reaching its own LB IP loops back with the LB IP as source.
    if (allowFromNode) {
      for (const lbip of svcInfo.loadBalancerVIPs)
        nat.write([...fw, '-s', lbip, '-j', externalTrafficChain], id);
    }
    nat.write(
      ['-A', fwChain, ...comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)],
      id,
    );
  }

  if (usesClusterPolicyChain) {
    nat.chain(clusterPolicyChain);
    writeServiceToEndpointRules(ctx, svcInfo, clusterPolicyChain, clusterEndpoints);
  }
  if (usesLocalPolicyChain) {
    nat.chain(localPolicyChain);
    writeServiceToEndpointRules(ctx, svcInfo, localPolicyChain, localEndpoints);
  }

  // Generate the per-endpoint chains.
  for (const ep of allReachableEndpoints) {
    const endpointChain = servicePortEndpointChainName(name, protocol, endpointString(ep));
    const epId = ep.podId ?? id;
    nat.chain(endpointChain);
    const args = withComment(ctx, ['-A', endpointChain], name);
    // Traffic that loops back to its originator (hairpin) is masqueraded.
    nat.write([...args, '-s', ep.ip, '-j', KUBE_MARK_MASQ], epId);
    const affinity =
      svcInfo.sessionAffinityType === 'ClientIP' ? ['-m', 'recent', '--name', endpointChain, '--set'] : [];
    nat.write(
      [...args, ...affinity, ...proto(protocol), '-j', 'DNAT', '--to-destination', endpointString(ep)],
      epId,
    );
  }
}

/** writeServiceToEndpointRules: affinity `recent --rcheck` rules, then the statistic load-balancing rules. */
function writeServiceToEndpointRules(
  ctx: SyncContext,
  svcInfo: ServicePortInfo,
  svcChain: string,
  endpoints: readonly EndpointInfo[],
): void {
  const name = svcInfo.nameString;
  const protocol = svcInfo.protocol.toLowerCase();
  const epChain = (ep: EndpointInfo) => servicePortEndpointChainName(name, protocol, endpointString(ep));
  if (svcInfo.sessionAffinityType === 'ClientIP') {
    for (const ep of endpoints) {
      const args = withComment(ctx, ['-A', svcChain], `${name} -> ${endpointString(ep)}`);
      const seconds = String(svcInfo.stickyMaxAgeSeconds);
      const recent = ['-m', 'recent', '--name', epChain(ep), '--rcheck', '--seconds', seconds, '--reap'];
      ctx.nat.write([...args, ...recent, '-j', epChain(ep)], ep.podId ?? svcInfo.serviceId);
    }
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const args = withComment(ctx, ['-A', svcChain], `${name} -> ${endpointString(ep)}`);
    // Each rule but the last is a probabilistic match; the last one always matches.
    if (i < n - 1)
      args.push('-m', 'statistic', '--mode', 'random', '--probability', computeProbability(n - i));
    ctx.nat.write([...args, '-j', epChain(ep)], ep.podId ?? svcInfo.serviceId);
  });
}
