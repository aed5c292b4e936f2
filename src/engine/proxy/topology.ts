/**
 * pkg/proxy/topology.go CategorizeEndpoints: which endpoints the Cluster and Local traffic policies use on
 * this node, including topology-aware (zone) hints and the fallback to serving-terminating endpoints when
 * no ready endpoint exists. Node hints (PreferSameNode, alpha in v1.33) are not modelled.
 */
import type { EndpointInfo } from './endpoint-info.ts';
import { usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from './service-port.ts';

/** Read-only lists: one may be the endpoints passed in, when all of them qualify. */
export interface CategorizedEndpoints {
  /** Usable endpoints for the Cluster policy; empty if the Service never uses it. */
  clusterEndpoints: readonly EndpointInfo[];
  /** Usable endpoints for the Local policy; empty if the Service never uses it. */
  localEndpoints: readonly EndpointInfo[];
  /** Union of the two: the endpoints this node can send traffic to (one KUBE-SEP chain each). */
  allReachableEndpoints: readonly EndpointInfo[];
  /** The Service has usable endpoints somewhere in the cluster (even if none are reachable here). */
  hasAnyEndpoints: boolean;
}

/** topologyModeFromHints: "PreferSameZone" when every ready endpoint has zone hints and one names our zone. */
export function topologyModeFromHints(
  endpoints: readonly EndpointInfo[],
  zone: string,
): '' | 'PreferSameZone' {
  let hasReady = false;
  let allHaveZoneHints = true;
  let hasForZone = false;
  for (const ep of endpoints) {
    if (!ep.isReady) continue;
    hasReady = true;
    if (ep.zoneHints.length === 0) allHaveZoneHints = false;
    else if (ep.zoneHints.includes(zone)) hasForZone = true;
  }
  if (!hasReady) return '';
  return allHaveZoneHints && hasForZone ? 'PreferSameZone' : '';
}

const NO_ENDPOINTS: readonly EndpointInfo[] = [];

/** The endpoints that pass `keep`: the list itself when all do (usually), so nothing is copied. */
function filterAll(
  endpoints: readonly EndpointInfo[],
  keep: (ep: EndpointInfo) => boolean,
): readonly EndpointInfo[] {
  return endpoints.every(keep) ? endpoints : endpoints.filter(keep);
}

/** CategorizeEndpoints(endpoints, svcInfo, nodeName, topologyLabels). */
export function categorizeEndpoints(
  endpoints: readonly EndpointInfo[],
  svcInfo: ServicePortInfo,
  nodeName: string,
  zone = '',
): CategorizedEndpoints {
  const result: CategorizedEndpoints = {
    clusterEndpoints: NO_ENDPOINTS,
    localEndpoints: NO_ENDPOINTS,
    allReachableEndpoints: NO_ENDPOINTS,
    hasAnyEndpoints: false,
  };
  void nodeName; // isLocal was computed against nodeName when the endpoints map was built
  if (endpoints.length === 0) return result;

  let topologyMode: '' | 'PreferSameZone' = '';
  let useServingTerminatingEndpoints = false;

  if (usesClusterEndpoints(svcInfo)) {
    topologyMode = topologyModeFromHints(endpoints, zone);
    result.clusterEndpoints = filterAll(
      endpoints,
      (ep) => ep.isReady && (topologyMode === '' || ep.zoneHints.includes(zone)),
    );
    // If no endpoints are ready anywhere, fall back to serving-terminating ones.
    if (result.clusterEndpoints.length === 0) {
      result.clusterEndpoints = filterAll(endpoints, (ep) => ep.isServing && ep.isTerminating);
    }
    if (result.clusterEndpoints.length > 0) result.hasAnyEndpoints = true;
  }

  if (!usesLocalEndpoints(svcInfo)) {
    result.allReachableEndpoints = result.clusterEndpoints;
    return result;
  }

  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.isReady) {
      result.hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.isServing && ep.isTerminating) {
      result.hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }

  if (hasLocalReady) {
    result.localEndpoints = filterAll(endpoints, (ep) => ep.isLocal && ep.isReady);
  } else if (hasLocalServingTerminating) {
    useServingTerminatingEndpoints = true;
    result.localEndpoints = filterAll(endpoints, (ep) => ep.isLocal && ep.isServing && ep.isTerminating);
  }

  if (!usesClusterEndpoints(svcInfo)) {
    result.allReachableEndpoints = result.localEndpoints;
    return result;
  }

  if (topologyMode === '' && !useServingTerminatingEndpoints) {
    result.allReachableEndpoints = result.clusterEndpoints;
    return result;
  }

  // Merge: cluster endpoints may be remote, local ones may be terminating or outside the topology.
  const merged = new Map<string, EndpointInfo>();
  for (const ep of result.clusterEndpoints) merged.set(ep.endpoint, ep);
  for (const ep of result.localEndpoints) merged.set(ep.endpoint, ep);
  result.allReachableEndpoints = [...merged.values()].sort((a, b) =>
    a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0,
  );
  return result;
}
