/**
 * The body of syncProxyRules' per-Service-port loop (pkg/proxy/iptables/proxier.go): capture rules for the
 * ClusterIP, externalIPs, LoadBalancer IPs and NodePort, REJECT/DROP rules in the filter table, and the
 * KUBE-SVC / KUBE-SVL / KUBE-EXT / KUBE-FW / KUBE-SEP chains — argument for argument as kube-proxy writes them.
 */
import type { EndpointInfo } from '../endpoint-info.ts';
import { externallyAccessible, type ServicePortInfo } from '../service-port.ts';
import type { CategorizedEndpoints } from '../topology.ts';
import { ipInCIDR } from '../../net/ip.ts';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
  servicePortChainNames,
  type ServicePortChainNames,
} from './chain-names.ts';
import { computeProbability } from './probability.ts';
import { RuleArgs, type TableBuffer } from './rule.ts';

export const LOCALHOST_NODEPORTS_COUNTER = 'localhost_nps_accepted_pkts';

const SRC_TYPE_LOCAL = ['-m', 'addrtype', '--src-type', 'LOCAL'];

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

/** appendServiceCommentLocked: `-A chain`, with the comment unless in large-cluster mode. */
function withComment(ctx: SyncContext, chain: string, comment: string): RuleArgs {
  const rule = new RuleArgs(chain);
  return ctx.largeClusterMode ? rule : rule.comment(comment);
}

/** A Service IP captured: `-A chain -m comment --comment c -m tcp -p tcp -d ip --dport port`. */
function capture(chain: string, comment: string, protocol: string, ip: string, port: string): RuleArgs {
  return new RuleArgs(chain).comment(comment).protocol(protocol).add('-d', ip, '--dport', port);
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
  const chains = servicePortChainNames(name, protocol);

  const clusterPolicyChain = chains.clusterPolicy;
  const usesClusterPolicyChain =
    clusterEndpoints.length > 0 && (!svcInfo.internalPolicyLocal || externallyAccessible(svcInfo));
  const localPolicyChain = chains.localPolicy;
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
  const externalTrafficChain = chains.external;
  // Based on hasEndpoints: the short-circuit rules are needed even without externally usable endpoints.
  const usesExternalTrafficChain = hasEndpoints && externallyAccessible(svcInfo);

  const fwChain = chains.firewall;
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

  // Capture the clusterIP.
  if (hasInternalEndpoints) {
    const rule = capture(KUBE_SERVICES, `${name} cluster IP`, protocol, svcInfo.clusterIP, port);
    nat.write(rule.jump(internalTrafficChain), id);
  } else {
    const rule = capture(KUBE_SERVICES, internalFilterComment, protocol, svcInfo.clusterIP, port);
    filter.write(rule.jump(internalFilterTarget), id);
  }

  // Capture externalIPs.
  for (const externalIP of svcInfo.externalIPs) {
    if (hasEndpoints) {
      const rule = capture(KUBE_SERVICES, `${name} external IP`, protocol, externalIP, port);
      nat.write(rule.jump(externalTrafficChain), id);
    }
    if (!hasExternalEndpoints) {
      const rule = capture(KUBE_EXTERNAL_SERVICES, externalFilterComment, protocol, externalIP, port);
      filter.write(rule.jump(externalFilterTarget), id);
    }
  }

  // Capture load-balancer ingress.
  for (const lbip of svcInfo.loadBalancerVIPs) {
    if (hasEndpoints) {
      const rule = capture(KUBE_SERVICES, `${name} loadbalancer IP`, protocol, lbip, port);
      nat.write(rule.jump(loadBalancerTrafficChain), id);
    }
    if (usesFWChain) {
      const c = `${name} traffic not accepted by ${fwChain}`;
      filter.write(capture(KUBE_PROXY_FIREWALL, c, protocol, lbip, port).jump('DROP'), id);
    }
  }
  if (!hasExternalEndpoints) {
    for (const lbip of svcInfo.loadBalancerVIPs) {
      const rule = capture(KUBE_EXTERNAL_SERVICES, externalFilterComment, protocol, lbip, port);
      filter.write(rule.jump(externalFilterTarget), id);
    }
  }

  // Capture nodeports (not subject to loadBalancerSourceRanges).
  if (svcInfo.nodePort !== 0) {
    const nodePort = String(svcInfo.nodePort);
    if (hasEndpoints) {
      if (ctx.localhostNodePorts && ctx.nfacct) {
        const rule = new RuleArgs(KUBE_NODEPORTS).comment(name).protocol(protocol);
        rule.add('-d', '127.0.0.0/8', '--dport', nodePort);
        rule.add('-m', 'nfacct', '--nfacct-name', LOCALHOST_NODEPORTS_COUNTER);
        nat.write(rule.jump(externalTrafficChain), id);
      }
      const rule = new RuleArgs(KUBE_NODEPORTS).comment(name).protocol(protocol).add('--dport', nodePort);
      nat.write(rule.jump(externalTrafficChain), id);
    }
    if (!hasExternalEndpoints) {
      const rule = new RuleArgs(KUBE_EXTERNAL_SERVICES).comment(externalFilterComment);
      rule.add('-m', 'addrtype', '--dst-type', 'LOCAL').protocol(protocol).add('--dport', nodePort);
      filter.write(rule.jump(externalFilterTarget), id);
    }
  }

  // Capture healthCheckNodePorts.
  if (svcInfo.healthCheckNodePort !== 0) {
    const hc = String(svcInfo.healthCheckNodePort);
    const rule = new RuleArgs(KUBE_NODEPORTS).comment(`${name} health check node port`).protocol('tcp');
    filter.write(rule.add('--dport', hc).jump('ACCEPT'), id);
  }

  // Set up internal traffic handling: masquerade off-cluster traffic to the ClusterIP.
  if (hasInternalEndpoints && (ctx.masqueradeAll || localDetector)) {
    const rule = capture(internalTrafficChain, `${name} cluster IP`, protocol, svcInfo.clusterIP, port);
    if (!ctx.masqueradeAll) rule.add('!', '-s', ctx.clusterCIDR);
    nat.write(rule.jump(KUBE_MARK_MASQ), id);
  }

  // Set up external traffic handling.
  if (usesExternalTrafficChain) {
    nat.chain(externalTrafficChain);
    if (!svcInfo.externalPolicyLocal) {
      // Non-local endpoints may be on another node: masquerade.
      const c = `masquerade traffic for ${name} external destinations`;
      nat.write(new RuleArgs(externalTrafficChain).comment(c).jump(KUBE_MARK_MASQ), id);
    } else {
      if (localDetector) {
        // Pod traffic to an external destination short-circuits to the Cluster policy chain.
        const c = `pod traffic for ${name} external destinations`;
        const rule = new RuleArgs(externalTrafficChain).comment(c).add('-s', ctx.clusterCIDR);
        nat.write(rule.jump(clusterPolicyChain), id);
      }
      const masq = `masquerade LOCAL traffic for ${name} external destinations`;
      const masqRule = new RuleArgs(externalTrafficChain).comment(masq).add(...SRC_TYPE_LOCAL);
      nat.write(masqRule.jump(KUBE_MARK_MASQ), id);
      const route = `route LOCAL traffic for ${name} external destinations`;
      const routeRule = new RuleArgs(externalTrafficChain).comment(route).add(...SRC_TYPE_LOCAL);
      nat.write(routeRule.jump(clusterPolicyChain), id);
    }
    if (hasExternalEndpoints) nat.write(new RuleArgs(externalTrafficChain).jump(externalPolicyChain), id);
  }

  // Set up the loadBalancerSourceRanges firewall chain.
  if (usesFWChain) {
    nat.chain(fwChain);
    const c = `${name} loadbalancer IP`;
    let allowFromNode = false;
    for (const cidr of svcInfo.loadBalancerSourceRanges) {
      nat.write(new RuleArgs(fwChain).comment(c).add('-s', cidr).jump(externalTrafficChain), id);
      if (ctx.nodeIP !== undefined && ipInCIDR(ctx.nodeIP, cidr)) allowFromNode = true;
    }
    // A node reaching its own LB IP loops back with the LB IP as source.
    if (allowFromNode) {
      for (const lbip of svcInfo.loadBalancerVIPs) {
        nat.write(new RuleArgs(fwChain).comment(c).add('-s', lbip).jump(externalTrafficChain), id);
      }
    }
    const dropped = `other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`;
    nat.write(new RuleArgs(fwChain).comment(dropped).args, id);
  }

  if (usesClusterPolicyChain) {
    nat.chain(clusterPolicyChain);
    writeServiceToEndpointRules(ctx, svcInfo, clusterPolicyChain, clusterEndpoints, chains);
  }
  if (usesLocalPolicyChain) {
    nat.chain(localPolicyChain);
    writeServiceToEndpointRules(ctx, svcInfo, localPolicyChain, localEndpoints, chains);
  }

  // Generate the per-endpoint chains.
  for (const ep of allReachableEndpoints) {
    const chain = chains.endpoint(ep.endpoint);
    const epId = ep.podId ?? id;
    nat.chain(chain);
    // Traffic that loops back to its originator (hairpin) is masqueraded.
    nat.write(withComment(ctx, chain, name).add('-s', ep.ip).jump(KUBE_MARK_MASQ), epId);
    const dnat = withComment(ctx, chain, name);
    if (svcInfo.sessionAffinityType === 'ClientIP') dnat.add('-m', 'recent', '--name', chain, '--set');
    nat.write(dnat.protocol(protocol).jump('DNAT', '--to-destination', ep.endpoint), epId);
  }
}

/** writeServiceToEndpointRules: affinity `recent --rcheck` rules, then the statistic load-balancing rules. */
function writeServiceToEndpointRules(
  ctx: SyncContext,
  svcInfo: ServicePortInfo,
  svcChain: string,
  endpoints: readonly EndpointInfo[],
  chains: ServicePortChainNames,
): void {
  if (svcInfo.sessionAffinityType === 'ClientIP') {
    const seconds = String(svcInfo.stickyMaxAgeSeconds);
    for (const ep of endpoints) {
      const chain = chains.endpoint(ep.endpoint);
      const recent = endpointRule(ctx, svcChain, svcInfo, ep).add('-m', 'recent', '--name', chain);
      recent.add('--rcheck', '--seconds', seconds, '--reap');
      ctx.nat.write(recent.jump(chain), ep.podId ?? svcInfo.serviceId);
    }
  }
  const n = endpoints.length;
  for (let i = 0; i < n; i++) {
    const ep = endpoints[i]!;
    const rule = endpointRule(ctx, svcChain, svcInfo, ep);
    // Each rule but the last is a probabilistic match; the last one always matches.
    if (i < n - 1)
      rule.add('-m', 'statistic', '--mode', 'random', '--probability', computeProbability(n - i));
    ctx.nat.write(rule.jump(chains.endpoint(ep.endpoint)), ep.podId ?? svcInfo.serviceId);
  }
}

/**
 * `-A svcChain` with withComment's comment for a rule to one endpoint, the comment built only when written:
 * large clusters have thousands of these rules.
 */
function endpointRule(
  ctx: SyncContext,
  svcChain: string,
  svcInfo: ServicePortInfo,
  ep: EndpointInfo,
): RuleArgs {
  const rule = new RuleArgs(svcChain);
  return ctx.largeClusterMode ? rule : rule.comment(`${svcInfo.nameString} -> ${ep.endpoint}`);
}
