/**
 * A selected Service, drawn: its card, its load balancer, the pods it sends to and the paths between
 * them get `is-related`; everything else of the cluster is dimmed. Pure: returns new node/edge arrays only
 * when something is selected, so an idle canvas keeps React Flow's inputs as they were.
 */
import type { FlowElements, PathEdge, PlaygroundNode } from './flow-types.ts';

export function relatedIds(flow: FlowElements, serviceId: string): Set<string> {
  const [, ns, name] = serviceId.split('/');
  const ids = new Set<string>([serviceId, `lb/${ns}/${name}`]);
  for (const e of flow.edges) {
    if (e.source === serviceId) ids.add(e.target);
  }
  return ids;
}

export function markSelection(
  flow: FlowElements,
  serviceId: string | null,
): { nodes: PlaygroundNode[]; edges: PathEdge[] } {
  if (!serviceId || !flow.nodes.some((n) => n.id === serviceId)) return flow;
  const ids = relatedIds(flow, serviceId);
  const cls = (id: string, type: string | undefined) =>
    type === 'lane' || type === 'podGroup' ? undefined : ids.has(id) ? 'is-related' : 'is-dimmed';
  return {
    nodes: flow.nodes.map((n) => {
      const className = cls(n.id, n.type);
      return className ? { ...n, className } : n;
    }),
    edges: flow.edges.map((e) => ({
      ...e,
      className: ids.has(e.source) && ids.has(e.target) ? 'is-related' : 'is-dimmed',
    })),
  };
}
