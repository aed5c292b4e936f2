/**
 * The Go types of the fields the engine reads, so that a value of the wrong JSON type is rejected the way
 * the apiserver's decoder rejects it (`json: cannot unmarshal string into Go struct field ... of type int32`)
 * before any validation runs. Only the fields the simulation reads are typed; others pass through.
 * Field names and types follow k8s.io/api core/v1, apps/v1 and discovery/v1.
 */

export type Scalar = 'string' | 'int32' | 'int64' | 'boolean' | 'intOrString' | 'quantity' | 'any';

export type Schema = Scalar | { list: Schema } | { map: Schema } | { fields: Record<string, Schema> };

const obj = (fields: Record<string, Schema>): Schema => ({ fields });
const list = (items: Schema): Schema => ({ list: items });
const mapOf = (v: Schema): Schema => ({ map: v });
const stringMap = mapOf('string');
const strings = list('string');

const ownerReference = obj({
  apiVersion: 'string',
  kind: 'string',
  name: 'string',
  uid: 'string',
  controller: 'boolean',
  blockOwnerDeletion: 'boolean',
});

export const objectMetaSchema = obj({
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  uid: 'string',
  resourceVersion: 'string',
  generation: 'int64',
  labels: stringMap,
  annotations: stringMap,
  finalizers: strings,
  ownerReferences: list(ownerReference),
});

const labelSelector = obj({
  matchLabels: stringMap,
  matchExpressions: list(obj({ key: 'string', operator: 'string', values: strings })),
});

const objectReference = obj({
  kind: 'string',
  namespace: 'string',
  name: 'string',
  uid: 'string',
  apiVersion: 'string',
  resourceVersion: 'string',
  fieldPath: 'string',
});

const servicePort = obj({
  name: 'string',
  protocol: 'string',
  appProtocol: 'string',
  port: 'int32',
  targetPort: 'intOrString',
  nodePort: 'int32',
});

const serviceSpec = obj({
  type: 'string',
  clusterIP: 'string',
  clusterIPs: strings,
  externalName: 'string',
  externalIPs: strings,
  sessionAffinity: 'string',
  sessionAffinityConfig: obj({ clientIP: obj({ timeoutSeconds: 'int32' }) }),
  selector: stringMap,
  ports: list(servicePort),
  externalTrafficPolicy: 'string',
  internalTrafficPolicy: 'string',
  healthCheckNodePort: 'int32',
  publishNotReadyAddresses: 'boolean',
  loadBalancerIP: 'string',
  loadBalancerSourceRanges: strings,
  loadBalancerClass: 'string',
  allocateLoadBalancerNodePorts: 'boolean',
  ipFamilies: strings,
  ipFamilyPolicy: 'string',
  trafficDistribution: 'string',
});

const serviceStatus = obj({
  loadBalancer: obj({
    ingress: list(
      obj({
        ip: 'string',
        hostname: 'string',
        ipMode: 'string',
        ports: list(obj({ port: 'int32', protocol: 'string', error: 'string' })),
      }),
    ),
  }),
});

const intOrStringPort = obj({ port: 'intOrString', host: 'string' });
const probe = obj({
  httpGet: obj({
    path: 'string',
    host: 'string',
    scheme: 'string',
    port: 'intOrString',
    httpHeaders: list(obj({ name: 'string', value: 'string' })),
  }),
  tcpSocket: intOrStringPort,
  grpc: obj({ port: 'int32', service: 'string' }),
  exec: obj({ command: strings }),
  initialDelaySeconds: 'int32',
  timeoutSeconds: 'int32',
  periodSeconds: 'int32',
  successThreshold: 'int32',
  failureThreshold: 'int32',
  terminationGracePeriodSeconds: 'int64',
});

const container = obj({
  name: 'string',
  image: 'string',
  imagePullPolicy: 'string',
  command: strings,
  args: strings,
  workingDir: 'string',
  ports: list(
    obj({ name: 'string', containerPort: 'int32', hostPort: 'int32', hostIP: 'string', protocol: 'string' }),
  ),
  env: list(obj({ name: 'string', value: 'string' })),
  resources: obj({ limits: mapOf('quantity'), requests: mapOf('quantity') }),
  readinessProbe: probe,
  livenessProbe: probe,
  startupProbe: probe,
  restartPolicy: 'string',
  terminationMessagePath: 'string',
  terminationMessagePolicy: 'string',
  volumeMounts: list(obj({ name: 'string', mountPath: 'string', readOnly: 'boolean', subPath: 'string' })),
  stdin: 'boolean',
  tty: 'boolean',
});

export const podSpecSchema = obj({
  containers: list(container),
  initContainers: list(container),
  restartPolicy: 'string',
  dnsPolicy: 'string',
  dnsConfig: obj({
    nameservers: strings,
    searches: strings,
    options: list(obj({ name: 'string', value: 'string' })),
  }),
  nodeName: 'string',
  nodeSelector: stringMap,
  hostname: 'string',
  subdomain: 'string',
  setHostnameAsFQDN: 'boolean',
  hostNetwork: 'boolean',
  serviceAccountName: 'string',
  serviceAccount: 'string',
  automountServiceAccountToken: 'boolean',
  schedulerName: 'string',
  priorityClassName: 'string',
  priority: 'int32',
  preemptionPolicy: 'string',
  enableServiceLinks: 'boolean',
  terminationGracePeriodSeconds: 'int64',
  activeDeadlineSeconds: 'int64',
  volumes: list(obj({ name: 'string' })),
  tolerations: list(
    obj({ key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'int64' }),
  ),
  readinessGates: list(obj({ conditionType: 'string' })),
});

const podStatus = obj({
  phase: 'string',
  podIP: 'string',
  podIPs: list(obj({ ip: 'string' })),
  hostIP: 'string',
  hostIPs: list(obj({ ip: 'string' })),
  qosClass: 'string',
  reason: 'string',
  message: 'string',
  conditions: list(obj({ type: 'string', status: 'string', reason: 'string', message: 'string' })),
});

const podTemplate = obj({ metadata: objectMetaSchema, spec: podSpecSchema });

const deploymentSpec = obj({
  replicas: 'int32',
  selector: labelSelector,
  template: podTemplate,
  strategy: obj({
    type: 'string',
    rollingUpdate: obj({ maxUnavailable: 'intOrString', maxSurge: 'intOrString' }),
  }),
  minReadySeconds: 'int32',
  revisionHistoryLimit: 'int32',
  progressDeadlineSeconds: 'int32',
  paused: 'boolean',
});

const replicaSetSpec = obj({
  replicas: 'int32',
  minReadySeconds: 'int32',
  selector: labelSelector,
  template: podTemplate,
});

const statefulSetSpec = obj({
  replicas: 'int32',
  selector: labelSelector,
  template: podTemplate,
  serviceName: 'string',
  podManagementPolicy: 'string',
  updateStrategy: obj({
    type: 'string',
    rollingUpdate: obj({ partition: 'int32', maxUnavailable: 'intOrString' }),
  }),
  revisionHistoryLimit: 'int32',
  minReadySeconds: 'int32',
  persistentVolumeClaimRetentionPolicy: obj({ whenDeleted: 'string', whenScaled: 'string' }),
  ordinals: obj({ start: 'int32' }),
  volumeClaimTemplates: list('any'),
});

const workloadStatus = obj({
  replicas: 'int32',
  readyReplicas: 'int32',
  availableReplicas: 'int32',
  updatedReplicas: 'int32',
  observedGeneration: 'int64',
});

const endpointAddress = obj({
  ip: 'string',
  hostname: 'string',
  nodeName: 'string',
  targetRef: objectReference,
});

const endpointsSubsets = list(
  obj({
    addresses: list(endpointAddress),
    notReadyAddresses: list(endpointAddress),
    ports: list(obj({ name: 'string', port: 'int32', protocol: 'string', appProtocol: 'string' })),
  }),
);

const sliceEndpoint = obj({
  addresses: strings,
  conditions: obj({ ready: 'boolean', serving: 'boolean', terminating: 'boolean' }),
  hostname: 'string',
  targetRef: objectReference,
  nodeName: 'string',
  zone: 'string',
  deprecatedTopology: stringMap,
});

const nodeSpec = obj({
  podCIDR: 'string',
  podCIDRs: strings,
  providerID: 'string',
  unschedulable: 'boolean',
  taints: list(obj({ key: 'string', value: 'string', effect: 'string' })),
});

const nodeStatus = obj({
  addresses: list(obj({ type: 'string', address: 'string' })),
  capacity: mapOf('quantity'),
  allocatable: mapOf('quantity'),
  conditions: list(obj({ type: 'string', status: 'string', reason: 'string', message: 'string' })),
});

const top = (rest: Record<string, Schema>): Schema =>
  obj({ apiVersion: 'string', kind: 'string', metadata: objectMetaSchema, ...rest });

/** Per kind, the schema of the whole object. Unknown kinds get the generic envelope. */
export const KIND_SCHEMAS: Readonly<Record<string, Schema>> = {
  Service: top({ spec: serviceSpec, status: serviceStatus }),
  Pod: top({ spec: podSpecSchema, status: podStatus }),
  Deployment: top({ spec: deploymentSpec, status: workloadStatus }),
  ReplicaSet: top({ spec: replicaSetSpec, status: workloadStatus }),
  StatefulSet: top({ spec: statefulSetSpec, status: workloadStatus }),
  Endpoints: top({ subsets: endpointsSubsets }),
  EndpointSlice: top({
    addressType: 'string',
    endpoints: list(sliceEndpoint),
    ports: list(obj({ name: 'string', protocol: 'string', appProtocol: 'string', port: 'int32' })),
  }),
  Node: top({ spec: nodeSpec, status: nodeStatus }),
  Namespace: top({ spec: obj({ finalizers: strings }), status: obj({ phase: 'string' }) }),
};

export const GENERIC_SCHEMA: Schema = top({});

/** The API group/version each simulated kind is served at. */
export const KIND_API_VERSIONS: Readonly<Record<string, string>> = {
  Pod: 'v1',
  Service: 'v1',
  Endpoints: 'v1',
  Node: 'v1',
  Namespace: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  EndpointSlice: 'discovery.k8s.io/v1',
};
