/**
 * SimulationResult → React Flow nodes and edges, in lanes left to right:
 * Clients → LoadBalancers → Nodes → Services → Pods (grouped under the node they run on).
 * Pure and deterministic: the same result gives the same positions, so the picture never jumps.
 */
import type { SimulationResult } from '../../engine/index.ts';
import { EXTERNAL_CLIENT_IP } from '../../store/traffic-defaults.ts';
import { serviceType, visibleServices, type ViewOptions } from '../../store/cluster-view.ts';
import type { Box, FlowElements, LaneId, PlaygroundNode, PodGroupData } from './flow-types.ts';
import * as L from './layout-constants.ts';
import { buildEdges } from './flow-edges.ts';
import { DNS_CARD_ID } from '../playback/paths.ts';
import {
  externalData,
  loadBalancerData,
  nodeData,
  podViews,
  serviceBackends,
  serviceData,
  serviceId,
  type PodView,
} from './read-cluster.ts';

export interface FlowOptions extends ViewOptions {
  /** The pod chosen as the in-cluster client; drawn in the Clients lane as `client/pod/<ns>/<name>`. */
  clientPod?: { namespace: string; name: string } | null;
  /** Draw the CoreDNS card (at the top of the Services lane): some request asks the cluster DNS. */
  dns?: boolean;
}

type Card = PlaygroundNode & { width: number; height: number };
interface Row {
  group: PodGroupData['group'];
  id: string;
  /** `title` is the card's name, which decides its height (one or two title lines). */
  members: { id: string; title: string; node: PlaygroundNode }[];
  nodeCard?: Card;
}

const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);

function dnsCard(result: SimulationResult): Card {
  const svc = result.cluster.services.find(
    (s) => s.metadata?.namespace === 'kube-system' && s.metadata?.name === 'kube-dns',
  );
  return {
    id: DNS_CARD_ID,
    type: 'dns',
    position: { x: 0, y: 0 },
    data: { clusterIP: svc?.spec?.clusterIP, domain: result.cluster.config.dnsDomain },
    width: L.WIDTH.services,
    height: L.cardHeight(2),
  };
}

export function toFlowElements(result: SimulationResult, opts: FlowOptions = {}): FlowElements {
  const services = visibleServices(result, opts).map((s) => ({ id: serviceId(s), svc: s }));
  services.sort(byId);
  const backends = new Map(services.map(({ id, svc }) => [id, serviceBackends(result, svc)]));

  const backendPorts = new Map<string, number[]>();
  const externals = new Map<string, { via: 'externalName' | 'endpoint'; ports: Set<number> }>();
  for (const list of backends.values()) {
    for (const b of list) {
      if (b.id.startsWith('pod/'))
        backendPorts.set(b.id, [...new Set([...(backendPorts.get(b.id) ?? []), ...b.ports])]);
      else {
        const e = externals.get(b.id) ?? { via: 'endpoint' as const, ports: new Set<number>() };
        b.ports.forEach((p) => e.ports.add(p));
        externals.set(b.id, e);
      }
    }
  }
  for (const { svc } of services) {
    const host = svc.spec?.externalName;
    if (serviceType(svc) === 'ExternalName' && host && !externals.has(`external/${host}`)) {
      externals.set(`external/${host}`, { via: 'externalName', ports: new Set() });
    }
  }

  // Cards per lane (positions filled in below).
  const clients: Card[] = [
    {
      id: 'client/external',
      type: 'client',
      position: { x: 0, y: 0 },
      data: { kind: 'external', ip: EXTERNAL_CLIENT_IP },
      width: L.WIDTH.clients,
      height: L.cardHeight(1),
    },
  ];
  const pods = podViews(result, opts, backendPorts).sort(byId);
  if (opts.clientPod) {
    const id = `pod/${opts.clientPod.namespace}/${opts.clientPod.name}`;
    const pod = pods.find((p) => p.id === id);
    if (pod) {
      const data = {
        kind: 'pod' as const,
        name: pod.data.name,
        namespace: pod.data.namespace,
        ip: pod.data.ip,
        nodeName: pod.nodeName,
      };
      clients.push({
        id: `client/${id}`,
        type: 'client',
        position: { x: 0, y: 0 },
        data,
        width: L.WIDTH.clients,
        height: L.cardHeight(2, L.titleLines(pod.data.name, L.WIDTH.clients)),
      });
    }
  }

  const lbs: Card[] = services
    .filter(({ svc }) => serviceType(svc) === 'LoadBalancer')
    .map(({ svc }) => {
      const data = loadBalancerData(svc);
      const id = `lb/${data.namespace}/${data.name}`;
      const lines = 1 + Math.max(1, data.addresses.length) + data.ports.length;
      return {
        id,
        type: 'loadBalancer',
        position: { x: 0, y: 0 },
        data,
        width: L.WIDTH.loadBalancers,
        height: L.cardHeight(lines, L.titleLines(data.name, L.WIDTH.loadBalancers)),
      };
    });

  const dnsCards: Card[] = opts.dns ? [dnsCard(result)] : [];
  const serviceCards: Card[] = services.map(({ id, svc }) => {
    const data = serviceData(svc, backends.get(id)?.length ?? 0);
    const lines =
      2 + data.ports.reduce((n, p) => n + (p.nodePort ? 2 : 1), 0) + (data.sessionAffinity ? 1 : 0);
    return {
      id,
      type: 'service',
      position: { x: 0, y: 0 },
      data,
      width: L.WIDTH.services,
      height: L.cardHeight(lines, L.titleLines(data.name, L.WIDTH.services)),
    };
  });

  // Rows: one per node (node card + its pod group), then unscheduled pods, then outside-the-cluster hosts.
  const rows: Row[] = [];
  const nodeNames = result.cluster.nodes.map((n) => n.metadata?.name ?? '').sort();
  const podCard = (p: PodView) => ({
    id: p.id,
    title: p.data.name,
    node: { id: p.id, type: 'pod', position: { x: 0, y: 0 }, data: p.data } as PlaygroundNode,
  });
  for (const name of nodeNames) {
    const data = nodeData(result, name, opts);
    const nodeCard: Card = {
      id: `node/${name}`,
      type: 'clusterNode',
      position: { x: 0, y: 0 },
      data,
      width: L.WIDTH.nodes,
      height: L.cardHeight(3 + data.nodePorts.length, L.titleLines(name, L.WIDTH.nodes)),
    };
    rows.push({
      group: { kind: 'node', name },
      id: `group/node/${name}`,
      members: pods.filter((p) => p.nodeName === name).map(podCard),
      nodeCard,
    });
  }
  const unscheduled = pods.filter((p) => !p.nodeName || !nodeNames.includes(p.nodeName));
  if (unscheduled.length)
    rows.push({ group: { kind: 'unscheduled' }, id: 'group/unscheduled', members: unscheduled.map(podCard) });
  if (externals.size) {
    const members = [...externals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, e]) => ({
        id,
        title: `${id.slice('external/'.length)}:${[...e.ports].join(',')}`,
        node: {
          id,
          type: 'external',
          position: { x: 0, y: 0 },
          data: externalData(
            id.slice('external/'.length),
            e.via,
            [...e.ports].sort((a, b) => a - b),
          ),
        } as PlaygroundNode,
      }));
    rows.push({ group: { kind: 'external' }, id: 'group/external', members });
  }

  // Lane x positions.
  const laneIds: LaneId[] = [
    'clients',
    ...(lbs.length ? (['loadBalancers'] as const) : []),
    'nodes',
    'services',
    'pods',
  ];
  const laneX = {} as Record<LaneId, number>;
  let x = 0;
  for (const lane of laneIds) {
    laneX[lane] = x;
    x += L.WIDTH[lane] + L.LANE_GAP;
  }

  const nodes: PlaygroundNode[] = [];
  const boxes: Record<string, Box> = {};
  const place = (card: Card, px: number, py: number) => {
    card.position = { x: px, y: py };
    boxes[card.id] = { x: px, y: py, width: card.width, height: card.height };
  };

  // Rows in the Nodes and Pods lanes.
  let y = 0;
  const rowNodes: PlaygroundNode[] = [];
  for (const row of rows) {
    const heights = row.members.map((m) => L.podHeight(m.title));
    const gh = L.groupHeight(heights);
    const h = Math.max(gh, row.nodeCard?.height ?? 0);
    if (row.nodeCard) place(row.nodeCard, laneX.nodes, y);
    const group: Card = {
      id: row.id,
      type: 'podGroup',
      position: { x: 0, y: 0 },
      data: { group: row.group, count: row.members.length },
      width: L.WIDTH.pods,
      height: gh,
      selectable: false,
    };
    place(group, laneX.pods, y);
    rowNodes.push(...(row.nodeCard ? [row.nodeCard] : []), group);
    let py = L.GROUP_HEADER + L.GROUP_PAD;
    row.members.forEach((m, i) => {
      const height = heights[i] ?? 0;
      const rel = { x: L.GROUP_PAD, y: py };
      py += height + L.POD_GAP;
      rowNodes.push({
        ...m.node,
        parentId: row.id,
        extent: 'parent',
        position: rel,
        width: L.POD_WIDTH,
        height,
      } as PlaygroundNode);
      boxes[m.id] = { x: laneX.pods + rel.x, y: y + rel.y, width: L.POD_WIDTH, height };
    });
    y += h + L.ROW_GAP;
  }
  const stackHeight = (cards: Card[]) =>
    cards.reduce((s, c) => s + c.height, 0) + Math.max(0, cards.length - 1) * L.STACK_GAP;
  const total = Math.max(
    y - L.ROW_GAP,
    stackHeight(clients),
    stackHeight(lbs),
    stackHeight([...dnsCards, ...serviceCards]),
    120,
  );
  const stack = (cards: Card[], lane: LaneId) => {
    let sy = Math.round((total - stackHeight(cards)) / 2);
    for (const c of cards) {
      place(c, laneX[lane], sy);
      sy += c.height + L.STACK_GAP;
    }
  };
  stack(clients, 'clients');
  stack(lbs, 'loadBalancers');
  stack([...dnsCards, ...serviceCards], 'services');

  for (const lane of laneIds) {
    nodes.push({
      id: `lane/${lane}`,
      type: 'lane',
      position: { x: laneX[lane] - L.LANE_PAD, y: L.LANE_TOP },
      data: { lane },
      width: L.WIDTH[lane] + 2 * L.LANE_PAD,
      height: total - L.LANE_TOP + L.LANE_PAD,
      selectable: false,
      draggable: false,
      focusable: false,
      zIndex: -1,
    });
  }
  nodes.push(...clients, ...lbs, ...rowNodes, ...dnsCards, ...serviceCards);

  return { nodes, edges: buildEdges({ clients, lbs, services, nodeNames, backends }), boxes };
}
