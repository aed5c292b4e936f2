/**
 * The engine's one import surface. Everything here is plain, deterministic TypeScript: the same text and
 * seed give the same cluster, rules and packet paths in the browser, in Node (the CLI) and in tests.
 */
export { simulate, Simulator, type SimulateOptions } from './sim/simulate.ts';
export { resultText } from './sim/result-text.ts';
export { tracePacket, initialTraceState, type TraceState } from './sim/trace-session.ts';
export { resolveDns } from './sim/dns-session.ts';
export { HOP_MESSAGES } from './trace/codes.ts';
export { kubectlGetAllWide, kubectlGetEndpoints } from './kubectl/get.ts';
export { formatFieldError, type FieldError } from './api/field-error.ts';
export { idOf, objectId } from './api/objects.ts';
export * from './explain/index.ts';
export * from './diff/index.ts';
export type * from './api/objects.ts';
export type * from './sim/result.ts';
export type * from './trace/types.ts';
export type * from './dns/types.ts';
export type * from './proxy/types.ts';
export type { ClusterConfig } from './sim/config.ts';
// Scenario YAMLs (EXAMPLES, DEFAULT_EXAMPLE_ID) are not engine code: they live in /examples and the UI reads
// them through src/examples/catalog.ts (a Vite glob import); the CLI and tests read the files directly.
