/**
 * Pod spec defaulting. Mirrors pkg/apis/core/v1/defaults.go SetDefaults_PodSpec, SetDefaults_Pod,
 * SetDefaults_Container, SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_Volume and the
 * `+default=TCP` of ContainerPort.protocol; plus, for Pods only, the mutating admission plugins every
 * kubeadm cluster runs (ServiceAccount, Priority, DefaultTolerationSeconds), whose results
 * `kubectl get pod -o yaml` shows. The kube-api-access-xxxxx projected volume is left out.
 */
import { asArray, hasOwn, isRecord, own, setOwn } from '../validation/util.ts';

type Rec = Record<string, unknown>;

function setDefault(o: Rec, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null) o[k] = v;
}

/** parsers.ParseImageName's tag: `latest` when there is neither a tag nor a digest. */
function imageTag(image: string): string {
  if (!/^[a-z0-9][a-z0-9._\-/:@]*$/.test(image)) return '';
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > lastSlash) return withoutDigest.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

function setDefaultsProbe(p: unknown): void {
  if (!isRecord(p)) return;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  const http = own(p, 'httpGet');
  if (isRecord(http)) {
    if (!http.path) http.path = '/';
    if (!http.scheme) http.scheme = 'HTTP';
  }
}

/** SetDefaults_Container (+ port protocol and probe defaults). */
function setDefaultsContainer(c: unknown): void {
  if (!isRecord(c)) return;
  if (!c.imagePullPolicy) {
    c.imagePullPolicy =
      imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  setDefault(c, 'resources', {});
  for (const port of asArray(c.ports)) if (isRecord(port) && !port.protocol) port.protocol = 'TCP';
  setDefaultsProbe(c.livenessProbe);
  setDefaultsProbe(c.readinessProbe);
  setDefaultsProbe(c.startupProbe);
}

/** SetDefaults_PodSpec and what it reaches: containers, probes, volumes. Used for Pods and templates. */
export function setDefaultsPodSpec(spec: unknown): void {
  if (!isRecord(spec)) return;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const c of asArray(spec.containers)) setDefaultsContainer(c);
  for (const c of asArray(spec.initContainers)) setDefaultsContainer(c);
  for (const v of asArray(spec.volumes)) {
    if (isRecord(v) && Object.keys(v).every((k) => k === 'name')) v.emptyDir = {};
  }
}

/** SetDefaults_Pod: enableServiceLinks, and hostNetwork ports default their hostPort to containerPort. */
export function setDefaultsPod(spec: unknown): void {
  if (!isRecord(spec)) return;
  setDefaultsPodSpec(spec);
  setDefault(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const c of [...asArray(spec.containers), ...asArray(spec.initContainers)]) {
      for (const port of asArray(own(c, 'ports'))) {
        if (isRecord(port) && !port.hostPort) port.hostPort = port.containerPort;
      }
    }
  }
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/**
 * The admission plugins' mutations of a Pod: ServiceAccount (serviceAccountName/serviceAccount `default`),
 * Priority (priority 0, preemptionPolicy PreemptLowerPriority) and DefaultTolerationSeconds (tolerate
 * not-ready and unreachable NoExecute taints for 300 s).
 */
export function admitPod(spec: unknown): void {
  if (!isRecord(spec)) return;
  if (!spec.serviceAccountName)
    spec.serviceAccountName =
      typeof spec.serviceAccount === 'string' && spec.serviceAccount ? spec.serviceAccount : 'default';
  if (!spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  setDefault(spec, 'priority', 0);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const tolerates = (key: string) =>
    tolerations.some(
      (t) =>
        isRecord(t) &&
        (t.effect === 'NoExecute' || !t.effect) &&
        ((t.operator === 'Exists' && (!t.key || t.key === key)) || t.key === key),
    );
  const added: Rec[] = [];
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!tolerates(key)) added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  if (added.length > 0) spec.tolerations = [...tolerations, ...added];
}

function hasResource(c: unknown, kind: 'limits' | 'requests', r: string): boolean {
  const res = own(own(c, 'resources'), kind);
  return isRecord(res) && res[r] !== undefined && res[r] !== null;
}

/** qos.GetPodQOS, simplified to cpu and memory with quantities compared as written. */
export function podQOSClass(spec: unknown): string {
  const containers = [...asArray(own(spec, 'containers')), ...asArray(own(spec, 'initContainers'))];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    for (const r of ['cpu', 'memory']) {
      const lim = hasResource(c, 'limits', r);
      const req = hasResource(c, 'requests', r);
      if (lim || req) any = true;
      const limits = own(own(c, 'resources'), 'limits');
      const requests = own(own(c, 'resources'), 'requests');
      const reqVal = req ? own(requests, r) : own(limits, r);
      if (!lim || String(own(limits, r)) !== String(reqVal)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** SetDefaults_Pod's resource rule: requests default to limits when unset. */
export function defaultRequestsFromLimits(spec: unknown): void {
  for (const c of [...asArray(own(spec, 'containers')), ...asArray(own(spec, 'initContainers'))]) {
    const res = own(c, 'resources');
    const limits = own(res, 'limits');
    if (!isRecord(res) || !isRecord(limits)) continue;
    if (!isRecord(res.requests)) res.requests = {};
    const requests = res.requests as Rec;
    for (const [k, v] of Object.entries(limits)) if (!hasOwn(requests, k)) setOwn(requests, k, v);
  }
}
