/**
 * A manifest with `services` Deployments + Services and `pods` pods in all, on 3 nodes sized to run them:
 * a default kubelet admits 110 pods and a /24 podCIDR holds 254, so the nodes say maxPods 1000 and /21.
 */
export function largeClusterYaml(services: number, pods: number): string {
  const perService = Math.max(1, Math.floor(pods / services));
  const docs: string[] = [];
  for (let n = 1; n <= 3; n++) {
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: big-${n}
  labels: { kubernetes.io/hostname: big-${n} }
spec:
  podCIDR: 10.244.${(n - 1) * 8}.0/21
status:
  capacity: { cpu: "64", memory: 256Gi, pods: "1000" }
  allocatable: { cpu: "64", memory: 256Gi, pods: "1000" }
  addresses: [{ type: InternalIP, address: 10.0.3.${n} }]`);
  }
  for (let i = 0; i < services; i++) {
    const name = `app-${String(i).padStart(3, '0')}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${perService}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 8080, name: http }]
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: ${i % 4 === 0 ? 'NodePort' : 'ClusterIP'}
  selector: { app: ${name} }
  ports: [{ name: http, port: 80, targetPort: http }]`);
  }
  return docs.join('\n---\n');
}
