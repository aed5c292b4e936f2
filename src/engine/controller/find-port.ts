import type { Container, Pod, ServicePort } from '../api/objects.ts';

/** The containerPort named `name` with `protocol`; with `sidecarsOnly`, of restartPolicy Always containers. */
function findNamedPort(
  containers: readonly Container[],
  name: string,
  protocol: string,
  sidecarsOnly: boolean,
): number | undefined {
  for (const c of containers) {
    if (sidecarsOnly && c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) {
      if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/**
 * Mirrors podutil.FindPort (pkg/api/v1/pod/util.go, also k8s.io/endpointslice FindPort): a numeric
 * `targetPort` is used as is; a named one is looked up among the pod's container ports by name AND
 * protocol, then among sidecar init containers (restartPolicy: Always). Returns `undefined` where Go
 * returns the error "no suitable port for manifest: <uid>".
 *
 * Differs only in tolerating undefaulted input: a missing protocol is TCP and a missing targetPort is
 * `port`, as the apiserver's defaulting would have made them.
 */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const spec = pod.spec;
  if (!spec) return undefined;
  const found = findNamedPort(spec.containers ?? [], target, protocol, false);
  if (found !== undefined) return found;
  return findNamedPort(spec.initContainers ?? [], target, protocol, true);
}
