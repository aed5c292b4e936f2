/**
 * The packet tracer: `traceRequest` follows one request through the cluster, decided by the kube-proxy
 * rules each node holds (src/engine/proxy). The runtime carries kernel state between requests.
 */
export { traceRequest } from './tracer.ts';
export { emptyProxyRuntime, emptyProxyRuntime as initialProxyRuntime, cloneRuntime } from './runtime.ts';
export { HOP_CODES, HOP_MESSAGES, formatHopMessage, type HopCode } from './codes.ts';
export type * from './types.ts';
