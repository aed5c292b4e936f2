/**
 * The tracer half of the engine, loaded with import() on the main thread: a request is traced
 * synchronously when the learner sends it, against the result the worker computed.
 */
export { initialTraceState, tracePacket } from '../engine/index.ts';
