/**
 * One-click fixes for "why no endpoints?": from the engine's explanation of one pod, the edits that
 * would make the Service select it — change the Service's selector to the pod's label, give the pod (or
 * the Deployment/StatefulSet template it came from) the label the selector wants, drop a selector key the
 * pod lacks, or point a named targetPort at a port the container has. Pure; the text edit is yaml-edit's.
 */
import type { PodEndpointCheck, SimulationResult } from '../engine/index.ts';
import type { TextEdit } from './yaml-edit.ts';

export type FixKind = 'selectorValue' | 'selectorRemove' | 'podLabel' | 'targetPort';

export interface EndpointFix {
  kind: FixKind;
  /** The label key or the Service port. */
  key: string;
  from?: string;
  to: string;
  /** The object whose YAML is edited. */
  objectId: string;
  edits: TextEdit[];
}

/** The YAML object a pod came from: itself, or the workload whose template made it. */
export function podSourceObject(
  result: SimulationResult,
  podId: string,
): { id: string; document: number; template: boolean } | null {
  let id: string | undefined = podId;
  for (let hops = 0; id && hops < 4; hops++) {
    const src = result.sources.get(id);
    if (!src) return null;
    if (src.document !== undefined) return { id, document: src.document, template: id !== podId };
    id = src.ownerId;
  }
  return null;
}

function matchLabelsOf(result: SimulationResult, workloadId: string): Record<string, string> {
  const obj = result.objects.find(
    (o) => `${o.kind.toLowerCase()}/${o.metadata.namespace ?? ''}/${o.metadata.name}` === workloadId,
  ) as { spec?: { selector?: { matchLabels?: Record<string, string> } } } | undefined;
  return obj?.spec?.selector?.matchLabels ?? {};
}

/** The fixes offered for one pod that the Service `serviceId` does not (fully) select. */
export function endpointFixes(
  result: SimulationResult,
  serviceId: string,
  pod: PodEndpointCheck,
): EndpointFix[] {
  const svcDoc = result.sources.get(serviceId)?.document;
  const fixes: EndpointFix[] = [];
  if (!pod.sameNamespace) return fixes; // moving objects between namespaces is a decision, not a typo
  const source = podSourceObject(result, pod.podId);
  for (const l of pod.labels) {
    if (l.ok) continue;
    if (svcDoc !== undefined) {
      fixes.push(
        l.have !== undefined
          ? {
              kind: 'selectorValue',
              key: l.key,
              from: l.want,
              to: l.have,
              objectId: serviceId,
              edits: [{ document: svcDoc, path: ['spec', 'selector', l.key], op: 'set', value: l.have }],
            }
          : {
              kind: 'selectorRemove',
              key: l.key,
              from: l.want,
              to: '',
              objectId: serviceId,
              edits: [{ document: svcDoc, path: ['spec', 'selector', l.key], op: 'delete' }],
            },
      );
    }
    if (source) {
      const base = source.template ? ['spec', 'template', 'metadata', 'labels'] : ['metadata', 'labels'];
      const edits: TextEdit[] = [
        { document: source.document, path: [...base, l.key], op: 'set', value: l.want },
      ];
      // A workload's selector must keep matching its template: change both together.
      if (source.template && l.key in matchLabelsOf(result, source.id))
        edits.push({
          document: source.document,
          path: ['spec', 'selector', 'matchLabels', l.key],
          op: 'set',
          value: l.want,
        });
      fixes.push({
        kind: 'podLabel',
        key: l.key,
        ...(l.have !== undefined ? { from: l.have } : {}),
        to: l.want,
        objectId: source.id,
        edits,
      });
    }
  }
  const svcPorts = result.cluster.services.find(
    (s) => `service/${s.metadata?.namespace ?? 'default'}/${s.metadata?.name}` === serviceId,
  )?.spec?.ports;
  pod.ports.forEach((p) => {
    const index = svcPorts?.findIndex((sp) => sp.port === p.port && (sp.protocol ?? 'TCP') === p.protocol);
    const first = p.available[0];
    if (p.ok || svcDoc === undefined || index === undefined || index < 0 || !first) return;
    fixes.push({
      kind: 'targetPort',
      key: String(p.port),
      from: String(p.targetPort),
      to: String(first.name ?? first.containerPort),
      objectId: serviceId,
      edits: [
        {
          document: svcDoc,
          path: ['spec', 'ports', index, 'targetPort'],
          op: 'set',
          value: first.name ?? first.containerPort,
        },
      ],
    });
  });
  return fixes;
}
