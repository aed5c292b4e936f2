/**
 * Generates public/schemas/kubernetes.schema.json, the JSON Schema monaco-yaml uses for completion, hover
 * docs and validation in the editor. Source: the .d.ts files of kubernetes-types (generated from the
 * Kubernetes OpenAPI; their JSDoc carries the API's field descriptions), one kind at a time through
 * ts-json-schema-generator, combined with if/then on `kind`. Offline and reproducible:
 *
 *   npx tsx scripts/gen-schemas.ts
 *
 * Re-run after bumping kubernetes-types; commit the output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

type Schema = Record<string, unknown>;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'public/schemas/kubernetes.schema.json');

/** The kinds the playground simulates, with the file and apiVersion kubernetes-types gives them. */
const KINDS = [
  { kind: 'Service', file: 'core/v1.d.ts', apiVersion: 'v1' },
  { kind: 'Pod', file: 'core/v1.d.ts', apiVersion: 'v1' },
  { kind: 'Endpoints', file: 'core/v1.d.ts', apiVersion: 'v1' },
  { kind: 'Node', file: 'core/v1.d.ts', apiVersion: 'v1' },
  { kind: 'Deployment', file: 'apps/v1.d.ts', apiVersion: 'apps/v1' },
  { kind: 'StatefulSet', file: 'apps/v1.d.ts', apiVersion: 'apps/v1' },
  { kind: 'ReplicaSet', file: 'apps/v1.d.ts', apiVersion: 'apps/v1' },
  { kind: 'EndpointSlice', file: 'discovery/v1.d.ts', apiVersion: 'discovery.k8s.io/v1' },
] as const;

/**
 * One kind's schema. The root type is reached through a uniquely named alias in a generated entry file:
 * looked up by its bare name, `Node` would find ESTree's or the DOM's `Node` before Kubernetes'.
 */
function generate(file: string, type: string): { definitions: Record<string, Schema> } {
  const dir = resolve(root, 'node_modules/.cache/gen-schemas');
  mkdirSync(dir, { recursive: true });
  const entry = resolve(dir, `${type}.ts`);
  const alias = `Kubernetes${type}`;
  const from = `kubernetes-types/${file.replace(/\.d\.ts$/, '')}`;
  writeFileSync(entry, `import type { ${type} } from '${from}';\nexport type ${alias} = ${type};\n`);
  const tsconfig = resolve(root, 'scripts/gen-schemas.tsconfig.json');
  const generator = createGenerator({
    path: entry,
    tsconfig,
    type: alias,
    skipTypeCheck: true,
    expose: 'all',
    topRef: true,
  });
  const definitions = (generator.createSchema(alias).definitions ?? {}) as Record<string, Schema>;
  // The alias is ours; store the kind under its own name.
  const top = definitions[alias];
  delete definitions[alias];
  if (top && !('$ref' in top)) definitions[type] = top;
  return { definitions };
}

/** Rewrites every `#/definitions/X` inside a schema through `rename`. */
function renameRefs(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, rename));
  if (value && typeof value === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      o[k] =
        k === '$ref' && typeof v === 'string'
          ? `#/definitions/${rename(decodeURIComponent(v.replace('#/definitions/', '')))}`
          : renameRefs(v, rename);
    }
    return o;
  }
  return value;
}

const perKind = KINDS.map((k) => ({ ...k, ...generate(k.file, k.kind) }));

// Definitions with the same name and the same content are shared (PodSpec, ObjectMeta...); a name used
// for different shapes in different API groups (EndpointPort in core/v1 and discovery/v1) gets a prefix.
const byName = new Map<string, Set<string>>();
for (const k of perKind) {
  for (const [name, def] of Object.entries(k.definitions)) {
    const set = byName.get(name) ?? new Set<string>();
    set.add(JSON.stringify(def));
    byName.set(name, set);
  }
}
const definitions: Record<string, Schema> = {};
const branches: Schema[] = [];
for (const k of perKind) {
  const group = k.apiVersion.replace(/[^a-z0-9]+/gi, '.');
  const rename = (name: string) => ((byName.get(name)?.size ?? 1) > 1 ? `${group}.${name}` : name);
  for (const [name, def] of Object.entries(k.definitions))
    definitions[rename(name)] = renameRefs(def, rename) as Schema;
  // `kind` is decided by the if/then below; a second `const` here would make the completion engine
  // propose the same value twice (yaml-language-server then fails in mergeSimpleInsertTexts).
  const top = definitions[rename(k.kind)] as { properties?: Record<string, Schema> };
  if (top.properties?.kind) delete top.properties.kind.const;
  branches.push({
    if: { properties: { kind: { const: k.kind } }, required: ['kind'] },
    then: { $ref: `#/definitions/${rename(k.kind)}` },
  });
}

const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'inmemory://schemas/kubernetes.schema.json',
  title: 'Kubernetes objects simulated by the K8s Service Playground',
  description: 'Generated by scripts/gen-schemas.ts from kubernetes-types. Do not edit by hand.',
  type: 'object',
  properties: {
    apiVersion: {
      type: 'string',
      description: 'APIVersion defines the versioned schema of this representation of an object.',
    },
    // No enum here: the `if` branches below already offer each kind for completion, and the same value
    // offered twice makes yaml-language-server fail in mergeSimpleInsertTexts.
    kind: {
      type: 'string',
      description: 'Kind is a string value representing the REST resource this object represents.',
    },
  },
  allOf: branches,
  definitions: sorted,
};

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(schema) + '\n');
console.log(`wrote ${out}: ${KINDS.length} kinds, ${Object.keys(sorted).length} definitions`);
