/**
 * Chain names, hash-derived exactly as pkg/proxy/iptables/proxier.go does it: the first 16 characters of
 * base32(sha256(servicePortName + protocol [+ endpoint])), behind a KUBE-SVC-/SVL-/EXT-/FW-/SEP- prefix
 * (iptables chain names must be at most 28 characters).
 */
import { base32StdEncode } from '../base32.ts';
import { sha256 } from '../sha256.ts';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY';
/** kubelet's firewall chain, duplicated by kube-proxy for the localhost-NodePort martian rule. */
export const KUBE_FIREWALL = 'KUBE-FIREWALL';

export const SVC_PREFIX = 'KUBE-SVC-';
export const SVL_PREFIX = 'KUBE-SVL-';
export const FW_PREFIX = 'KUBE-FW-';
export const EXT_PREFIX = 'KUBE-EXT-';
export const SEP_PREFIX = 'KUBE-SEP-';

/** The default masquerade mark (--iptables-masquerade-bit 14), as iptables-save prints it. */
export const MASQUERADE_MARK = '0x4000';

/** The first 16 characters of base32(sha256(s)). */
function hash16(s: string): string {
  return base32StdEncode(sha256(s)).slice(0, 16);
}

/** portProtoHash: 16 characters of base32(sha256(servicePortName + protocol)). */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol);
}

/** KUBE-SVC-XXXX: dispatches to endpoints under the Cluster traffic policy. */
export function servicePortPolicyClusterChain(servicePortName: string, protocol: string): string {
  return SVC_PREFIX + portProtoHash(servicePortName, protocol);
}

/** KUBE-SVL-XXXX: dispatches to local endpoints under the Local traffic policy. */
export function servicePortPolicyLocalChainName(servicePortName: string, protocol: string): string {
  return SVL_PREFIX + portProtoHash(servicePortName, protocol);
}

/** KUBE-FW-XXXX: loadBalancerSourceRanges filtering. */
export function serviceFirewallChainName(servicePortName: string, protocol: string): string {
  return FW_PREFIX + portProtoHash(servicePortName, protocol);
}

/** KUBE-EXT-XXXX: external destinations (NodePort, LoadBalancer, externalIPs). */
export function serviceExternalChainName(servicePortName: string, protocol: string): string {
  return EXT_PREFIX + portProtoHash(servicePortName, protocol);
}

/** KUBE-SEP-XXXX for one endpoint (`ip:port`). */
export function servicePortEndpointChainName(
  servicePortName: string,
  protocol: string,
  endpoint: string,
): string {
  return SEP_PREFIX + hash16(servicePortName + protocol + endpoint);
}

/**
 * Chain names kept by servicePortChainNames, in all. Every node (and every re-simulation of the same YAML)
 * names the same chains, and a pure-TypeScript sha256 is the dearest part of writing a rule; all are
 * forgotten when there are this many, so a long session editing many Services keeps a bounded cache.
 */
const CHAIN_NAMES_LIMIT = 50_000;
let chainNamesKept = 0;
const chainNamesByPort = new Map<string, ServicePortChainNames>();

function keepChainNames(count: number): void {
  if (chainNamesKept + count > CHAIN_NAMES_LIMIT) {
    chainNamesByPort.clear();
    chainNamesKept = 0;
  }
  chainNamesKept += count;
}

/** The chains named after one Service port (they share portProtoHash) and its endpoints' chains. */
export class ServicePortChainNames {
  readonly clusterPolicy: string;
  readonly localPolicy: string;
  readonly external: string;
  readonly firewall: string;
  private readonly endpoints = new Map<string, string>();

  constructor(
    private readonly servicePortName: string,
    private readonly protocol: string,
  ) {
    const hash = portProtoHash(servicePortName, protocol);
    this.clusterPolicy = SVC_PREFIX + hash;
    this.localPolicy = SVL_PREFIX + hash;
    this.external = EXT_PREFIX + hash;
    this.firewall = FW_PREFIX + hash;
  }

  /** servicePortEndpointChainName for one of the port's endpoints (`ip:port`). */
  endpoint(endpoint: string): string {
    let chain = this.endpoints.get(endpoint);
    if (chain === undefined) {
      keepChainNames(1);
      chain = servicePortEndpointChainName(this.servicePortName, this.protocol, endpoint);
      this.endpoints.set(endpoint, chain);
    }
    return chain;
  }
}

/** The chain names of a Service port (`ns/name:port`, lower-case protocol), named once and kept. */
export function servicePortChainNames(servicePortName: string, protocol: string): ServicePortChainNames {
  const key = `${servicePortName}/${protocol}`;
  let names = chainNamesByPort.get(key);
  if (names === undefined) {
    keepChainNames(4);
    names = new ServicePortChainNames(servicePortName, protocol);
    chainNamesByPort.set(key, names);
  }
  return names;
}

export function isServiceChainName(chain: string): boolean {
  return [SVC_PREFIX, SVL_PREFIX, SEP_PREFIX, FW_PREFIX, EXT_PREFIX].some((p) => chain.startsWith(p));
}
