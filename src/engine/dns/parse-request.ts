/**
 * plugin/kubernetes/parse.go parseRequest: splits a name inside the cluster zone into its Kubernetes parts.
 * The multicluster and `zonal` forms are not enabled by kubeadm's Corefile and are not parsed.
 */
import { splitLabels, trimZone } from './names.ts';

export interface RecordRequest {
  /** The named port of an SRV-style name (`_https`), underscore stripped. */
  port: string;
  /** The protocol of an SRV-style name (`_tcp`), underscore stripped. */
  protocol: string;
  /** The endpoint label in `endpoint.service.namespace.svc.zone`. */
  endpoint: string;
  service: string;
  namespace: string;
  /** "pod", "svc", or "" for the apex, `svc.<zone>` and `pod.<zone>` (answered NODATA). */
  podOrSvc: string;
}

export type ParseResult = { ok: true; request: RecordRequest } | { ok: false };

function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

/**
 * Four shapes: `_port._protocol.service.namespace.svc.zone`, `endpoint.service.namespace.svc.zone`,
 * `service.namespace.svc.zone`, `namespace.svc.zone`. Anything longer, or whose label left of the zone is
 * neither `svc` nor `pod`, is an invalid request (NXDOMAIN). Two labels left of the service are always read as
 * port and protocol, underscores or not, as CoreDNS does.
 */
export function parseRequest(name: string, zone: string): ParseResult {
  const r: RecordRequest = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' };
  const base = trimZone(name, zone);
  if (base === '' || base === 'svc' || base === 'pod') return { ok: true, request: r };
  const segs = splitLabels(base);
  let last = segs.length - 1;
  r.podOrSvc = segs[last] ?? '';
  if (r.podOrSvc !== 'pod' && r.podOrSvc !== 'svc') return { ok: false };
  if (--last < 0) return { ok: true, request: r };
  r.namespace = segs[last] ?? '';
  if (--last < 0) return { ok: true, request: r };
  r.service = segs[last] ?? '';
  if (--last < 0) return { ok: true, request: r };
  if (last === 0) {
    r.endpoint = segs[0] ?? '';
  } else if (last === 1) {
    r.protocol = stripUnderscore(segs[1] ?? '');
    r.port = stripUnderscore(segs[0] ?? '');
  } else {
    return { ok: false };
  }
  return { ok: true, request: r };
}
