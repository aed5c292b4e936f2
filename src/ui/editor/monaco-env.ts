/**
 * Monaco, slim: the editor core, its features and the YAML tokenizer only (no TS/CSS/HTML/JSON services).
 * Workers come from Vite `?worker` imports, so everything is bundled and served from our own origin.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml, type MonacoYaml } from 'monaco-yaml';
import YamlWorker from './yaml.worker?worker';

export { monaco };

/** The model URI and the schema's fileMatch must agree, or monaco-yaml never validates the text. */
export const MODEL_URI = 'file:///playground/manifest.yaml';
export const SCHEMA_FILE_MATCH = ['**/manifest.yaml'];
export const SCHEMA_URI = 'inmemory://schemas/kubernetes.schema.json';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'yaml') return new YamlWorker();
    if (label === 'editorWorkerService') return new EditorWorker();
    throw new Error(`No Monaco worker for "${label}"`);
  },
};

interface LegacyWorkerOptions {
  moduleId?: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
  worker?: Worker | Promise<Worker>;
}

/**
 * monaco-yaml 5.5.1 (through monaco-worker-manager 2.0.1) still calls the pre-0.55 form
 * `createWebWorker({ moduleId, label, createData })`; Monaco 0.57 only takes `{ worker }`. This shim
 * does what Monaco 0.53/0.54 did inside: start the worker, then send it the init messages
 * (monaco-yaml #272, PR #282).
 */
function createWebWorkerCompat(opts: LegacyWorkerOptions) {
  if (opts.worker)
    return monaco.editor.createWebWorker(opts as Parameters<typeof monaco.editor.createWebWorker>[0]);
  const worker = Promise.resolve(
    self.MonacoEnvironment!.getWorker!(opts.moduleId ?? 'workerMain.js', opts.label ?? ''),
  ).then((w) => {
    w.postMessage('ignore');
    w.postMessage(opts.createData);
    return w;
  });
  return monaco.editor.createWebWorker({
    worker,
    host: opts.host,
    keepIdleModels: opts.keepIdleModels,
  } as Parameters<typeof monaco.editor.createWebWorker>[0]);
}

/** monaco-yaml's handle; its IDisposable comes through monaco-types, which does not resolve against 0.57's d.ts. */
export type YamlHandle = MonacoYaml & { dispose(): void };

let yaml: YamlHandle | null = null;

/** Schema-backed completion, hover docs and validation for the kinds the playground simulates. */
export function configureYaml(schema: Record<string, unknown>): YamlHandle {
  yaml?.dispose();
  const compat = {
    ...monaco,
    editor: { ...monaco.editor, createWebWorker: createWebWorkerCompat },
  } as unknown as typeof monaco;
  yaml = configureMonacoYaml(compat, {
    enableSchemaRequest: false,
    isKubernetes: true,
    hover: true,
    completion: true,
    validate: true,
    format: { enable: true },
    schemas: [{ uri: SCHEMA_URI, fileMatch: SCHEMA_FILE_MATCH, schema }],
  }) as YamlHandle;
  return yaml;
}
