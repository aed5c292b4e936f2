import { parseRFC3339 } from '../sim/time.ts';
import type { Deployment, Endpoints, Pod, ReplicaSet, Service, StatefulSet } from '../api/objects.ts';
import type { SimulationResult } from '../sim/result.ts';
import { formatTable, humanDuration } from './table.ts';

/**
 * `kubectl get all -o wide` for one namespace (or all with `-A`), column for column as kubectl's
 * printers (pkg/printers/internalversion/printers.go) print them. `now` is the virtual time to age from.
 */
export function kubectlGetAllWide(
  result: SimulationResult,
  opts: { namespace?: string; now?: string } = {},
): string {
  const ns = opts.namespace ?? 'default';
  const all = ns === '*';
  const now = opts.now ?? result.now;
  const pick = <T extends { metadata?: { namespace?: string } }>(xs: T[]) =>
    all ? xs : xs.filter((x) => x.metadata?.namespace === ns);
  const nsCol = (o: { metadata?: { namespace?: string } }) => (all ? [o.metadata?.namespace ?? ''] : []);
  const nsHead = all ? ['NAMESPACE'] : [];
  const age = (o: { metadata?: { creationTimestamp?: string } }) => ageOf(o.metadata?.creationTimestamp, now);
  const sections: string[] = [];

  const pods = pick(result.cluster.pods);
  if (pods.length)
    sections.push(
      formatTable(
        [
          ...nsHead,
          'NAME',
          'READY',
          'STATUS',
          'RESTARTS',
          'AGE',
          'IP',
          'NODE',
          'NOMINATED NODE',
          'READINESS GATES',
        ],
        pods.map((p) => [
          ...nsCol(p),
          `pod/${p.metadata?.name}`,
          podReady(p),
          podStatus(p),
          '0',
          age(p),
          p.status?.podIP ?? '<none>',
          p.spec?.nodeName ?? '<none>',
          '<none>',
          '<none>',
        ]),
      ),
    );
  const services = pick(result.cluster.services);
  if (services.length)
    sections.push(
      formatTable(
        [...nsHead, 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
        services.map((s) => [
          ...nsCol(s),
          `service/${s.metadata?.name}`,
          s.spec?.type ?? 'ClusterIP',
          s.spec?.type === 'ExternalName' ? '<none>' : (s.spec?.clusterIP ?? '<none>'),
          serviceExternalIP(s),
          servicePorts(s),
          age(s),
          selectorString(s.spec?.selector),
        ]),
      ),
    );
  const deployments = pick(result.cluster.deployments);
  if (deployments.length)
    sections.push(
      formatTable(
        [...nsHead, 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        deployments.map((d: Deployment) => [
          ...nsCol(d),
          `deployment.apps/${d.metadata?.name}`,
          `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
          String(d.status?.updatedReplicas ?? 0),
          String(d.status?.availableReplicas ?? 0),
          age(d),
          containerNames(d.spec?.template.spec?.containers),
          containerImages(d.spec?.template.spec?.containers),
          selectorString(d.spec?.selector?.matchLabels),
        ]),
      ),
    );
  const replicaSets = pick(result.cluster.replicaSets);
  if (replicaSets.length)
    sections.push(
      formatTable(
        [...nsHead, 'NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        replicaSets.map((r: ReplicaSet) => [
          ...nsCol(r),
          `replicaset.apps/${r.metadata?.name}`,
          String(r.spec?.replicas ?? 1),
          String(r.status?.replicas ?? 0),
          String(r.status?.readyReplicas ?? 0),
          age(r),
          containerNames(r.spec?.template?.spec?.containers),
          containerImages(r.spec?.template?.spec?.containers),
          selectorString(r.spec?.selector?.matchLabels),
        ]),
      ),
    );
  const statefulSets = pick(result.cluster.statefulSets);
  if (statefulSets.length)
    sections.push(
      formatTable(
        [...nsHead, 'NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES'],
        statefulSets.map((s: StatefulSet) => [
          ...nsCol(s),
          `statefulset.apps/${s.metadata?.name}`,
          `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`,
          age(s),
          containerNames(s.spec?.template.spec?.containers),
          containerImages(s.spec?.template.spec?.containers),
        ]),
      ),
    );
  return sections.join('\n\n');
}

/** `kubectl get endpoints`: at most three addresses, then "+ N more...". */
export function kubectlGetEndpoints(
  result: SimulationResult,
  opts: { namespace?: string; now?: string } = {},
): string {
  const ns = opts.namespace ?? 'default';
  const now = opts.now ?? result.now;
  const list = result.cluster.endpoints.filter((e) => e.metadata?.namespace === ns);
  if (!list.length) return `No resources found in ${ns} namespace.`;
  return formatTable(
    ['NAME', 'ENDPOINTS', 'AGE'],
    list.map((e) => [e.metadata?.name ?? '', endpointsString(e), ageOf(e.metadata?.creationTimestamp, now)]),
  );
}

function endpointsString(e: Endpoints): string {
  const all: string[] = [];
  for (const ss of e.subsets ?? []) {
    for (const a of ss.addresses ?? []) {
      if (!ss.ports?.length) all.push(a.ip);
      for (const p of ss.ports ?? []) all.push(`${a.ip}:${p.port}`);
    }
  }
  if (!all.length) return '<none>';
  const extra = all.length - 3;
  return extra > 0 ? `${all.slice(0, 3).join(',')} + ${extra} more...` : all.join(',');
}

function podReady(p: Pod): string {
  const statuses = p.status?.containerStatuses ?? [];
  const total = p.spec?.containers?.length ?? 0;
  return `${statuses.filter((c) => c.ready).length}/${total}`;
}

function podStatus(p: Pod): string {
  if (p.metadata?.deletionTimestamp) return 'Terminating';
  return p.status?.phase ?? 'Pending';
}

function serviceExternalIP(s: Service): string {
  const type = s.spec?.type ?? 'ClusterIP';
  if (type === 'ExternalName') return s.spec?.externalName ?? '<none>';
  const ips = [...(s.spec?.externalIPs ?? [])];
  if (type === 'LoadBalancer') {
    for (const ing of s.status?.loadBalancer?.ingress ?? []) ips.push(ing.ip ?? ing.hostname ?? '');
    if (!ips.length) return '<pending>';
  }
  return ips.length ? ips.join(',') : '<none>';
}

function servicePorts(s: Service): string {
  const ports = s.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function selectorString(sel: Record<string, string> | undefined): string {
  if (!sel || !Object.keys(sel).length) return '<none>';
  return Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(',');
}

function containerNames(cs: { name: string }[] | undefined): string {
  return (cs ?? []).map((c) => c.name).join(',');
}
function containerImages(cs: { image?: string }[] | undefined): string {
  return (cs ?? []).map((c) => c.image ?? '').join(',');
}

function ageOf(created: string | undefined, now: string): string {
  if (!created) return '<unknown>';
  return humanDuration(parseRFC3339(now) - parseRFC3339(created));
}
