/** The paths that exist between lanes: client → LB → nodes → Services → pods (what packets can travel). */
import type { Service } from '../../engine/index.ts';
import { serviceType } from '../../store/cluster-view.ts';
import type { PathData, PathEdge, PathKind, PlaygroundNode } from './flow-types.ts';

type Card = PlaygroundNode & { width: number; height: number };

const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);

export function buildEdges(ctx: {
  clients: Card[];
  lbs: Card[];
  services: { id: string; svc: Service }[];
  nodeNames: string[];
  backends: Map<string, { id: string; ready: boolean }[]>;
}): PathEdge[] {
  const edges: PathEdge[] = [];
  const seen = new Set<string>();
  const edge = (source: string, target: string, kind: PathKind, ready = true) => {
    const id = `edge/${source}->${target}`;
    if (seen.has(id)) return;
    seen.add(id);
    const data: PathData = { kind, ready };
    edges.push({ id, source, target, type: 'path', data, selectable: false, focusable: false });
  };
  const nodeIds = ctx.nodeNames.map((n) => `node/${n}`);
  const exposed = ctx.services.filter(({ svc }) => ['NodePort', 'LoadBalancer'].includes(serviceType(svc)));
  const clientPod = ctx.clients.find((c) => c.id.startsWith('client/pod/'));
  // A pod's packets leave through its own node, whose kube-proxy rules pick the Service's endpoint.
  const clientNode =
    clientPod?.type === 'client' && clientPod.data.kind === 'pod' && clientPod.data.nodeName
      ? `node/${clientPod.data.nodeName}`
      : undefined;
  if (clientPod && clientNode) edge(clientPod.id, clientNode, 'entry');

  for (const lb of ctx.lbs) {
    edge('client/external', lb.id, 'entry');
    for (const n of nodeIds) edge(lb.id, n, 'entry');
  }
  if (exposed.length) for (const n of nodeIds) edge('client/external', n, 'entry');
  for (const { id } of exposed) for (const n of nodeIds) edge(n, id, 'nodePort');
  for (const { id, svc } of ctx.services) {
    const host = svc.spec?.externalName;
    const proxied = serviceType(svc) !== 'ExternalName' && svc.spec?.clusterIP !== 'None';
    if (clientNode && proxied) edge(clientNode, id, 'clusterIP');
    if (clientPod && host && serviceType(svc) === 'ExternalName')
      edge(clientPod.id, `external/${host}`, 'externalName');
    if (serviceType(svc) === 'ExternalName' && host) edge(id, `external/${host}`, 'externalName');
    for (const b of ctx.backends.get(id) ?? []) edge(id, b.id, 'endpoint', b.ready);
  }
  return edges.sort(byId);
}
