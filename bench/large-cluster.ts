/** A manifest with `services` Deployments + Services and `pods` pods in all, for the scale benchmark. */
export function largeClusterYaml(services: number, pods: number): string {
  const perService = Math.max(1, Math.floor(pods / services));
  const docs: string[] = [];
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
