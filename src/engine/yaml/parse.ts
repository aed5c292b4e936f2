import { isMap, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { KubeObject } from '../api/objects.ts';
import type { Diagnostic, SourceRange } from '../sim/result.ts';
import { parseSource } from './document-cache.ts';

/** One YAML document of the manifest, with what it parsed to and where it sits. */
export interface ManifestDocument {
  /** 0-based index among the documents of the text (`---` separated), as kubectl numbers them. */
  index: number;
  /** The document's value when it is an object with a kind; undefined for empty or broken documents. */
  object?: KubeObject;
  range: SourceRange;
  /** Finds the source range of a field path such as `spec.ports[0].nodePort` (or its nearest parent). */
  locate(fieldPath: string): SourceRange;
}

export interface ParsedManifests {
  documents: ManifestDocument[];
  diagnostics: Diagnostic[];
  /** True when the text is not YAML at all (nothing could be read). */
  fatal: boolean;
}

/** Aliases beyond this many expansions are refused: a "billion laughs" document costs nothing. */
const MAX_ALIAS_COUNT = 100;

/**
 * Splits a multi-document manifest as `kubectl apply -f` reads it and keeps positions, so every
 * diagnostic, apiserver error and canvas selection can point at a line and column.
 */
export function parseManifests(text: string): ParsedManifests {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM is not content
  const { pieces, lineCounter } = parseSource(source);
  const diagnostics: Diagnostic[] = [];
  const documents: ManifestDocument[] = [];
  let fatal = false;
  for (const { offset, docs } of pieces) {
    // Ranges in a piece count from its start.
    const rangeOf = (start: number, end: number): SourceRange => {
      const a = lineCounter.linePos(offset + start);
      const b = lineCounter.linePos(offset + Math.max(start, end));
      return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
    };
    for (const doc of docs) readDocument(doc, documents.length, rangeOf, documents, diagnostics);
  }
  // Text with content but no readable document at all is "not YAML" for the CLI (exit 2).
  if (source.trim() !== '' && documents.every((d) => d.object === undefined)) {
    fatal = diagnostics.some(
      (d) => d.source === 'yaml' && d.severity === 'error' && d.code === 'yaml.syntax',
    );
  }
  return { documents, diagnostics, fatal };
}

/** One document: its diagnostics, and its object when it is one kubectl would send. */
function readDocument(
  doc: Document.Parsed,
  index: number,
  rangeOf: (start: number, end: number) => SourceRange,
  documents: ManifestDocument[],
  diagnostics: Diagnostic[],
): void {
  // The contents' range, not the document's: a document's range starts at its `---` marker.
  const [start, , end] = (doc.contents as YamlNode | null)?.range ?? doc.range;
  const range = rangeOf(start, end);
  const locate = (path: string) => locateField(doc, path, rangeOf) ?? range;
  let hasError = false;
  for (const err of doc.errors) {
    hasError = true;
    const [s, e] = err.pos;
    diagnostics.push({
      ...rangeOf(s, e),
      severity: 'error',
      source: 'yaml',
      code: 'yaml.syntax',
      params: { detail: firstLine(err.message) },
      message: firstLine(err.message),
      document: index,
    });
  }
  for (const w of doc.warnings) {
    const [s, e] = w.pos;
    diagnostics.push({
      ...rangeOf(s, e),
      severity: 'warning',
      source: 'yaml',
      code: 'yaml.warning',
      params: { detail: firstLine(w.message) },
      message: firstLine(w.message),
      document: index,
    });
  }
  const entry: ManifestDocument = { index, range, locate };
  documents.push(entry);
  if (hasError || doc.contents === null) return;
  const read = objectOf(doc);
  if ('object' in read) entry.object = read.object;
  else diagnostics.push({ ...range, severity: 'error', source: 'yaml', ...read.problem, document: index });
}

type ReadObject = { object: KubeObject } | { problem: { code: string; message: string; params?: Params } };
type Params = Record<string, string>;

/**
 * What a parsed document reads as, once per document: a document whose text did not change is the same
 * parsed Document (document-cache.ts), and so is its object. Nothing changes these objects afterwards (the
 * apiserver decodes a copy), so one simulation after another can read the same one.
 */
const readObjects = new WeakMap<Document.Parsed, ReadObject>();

function objectOf(doc: Document.Parsed): ReadObject {
  let read = readObjects.get(doc);
  if (!read) readObjects.set(doc, (read = toObject(doc)));
  return read;
}

function toObject(doc: Document.Parsed): ReadObject {
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { problem: { code: 'yaml.alias', params: { detail }, message: detail } };
  }
  const problem = objectProblem(value);
  if (problem) return { problem };
  const obj = value as KubeObject;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = { name: '' };
  return { object: obj };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

const CONFIG_KINDS_WITHOUT_METADATA: ReadonlySet<string> = new Set([
  'ClusterConfiguration',
  'InitConfiguration',
  'KubeProxyConfiguration',
  'KubeletConfiguration',
]);

/** kubectl's own checks before anything reaches the apiserver. */
function objectProblem(
  value: unknown,
): { code: string; message: string; params?: Record<string, string> } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      code: 'manifest.notObject',
      message: 'error: a document must be a mapping with apiVersion and kind',
    };
  }
  const v = value as Record<string, unknown>;
  if (typeof v.apiVersion !== 'string' || v.apiVersion === '') {
    return {
      code: 'manifest.noApiVersion',
      message: "error: unable to decode: Object 'apiVersion' is missing",
    };
  }
  if (typeof v.kind !== 'string' || v.kind === '') {
    return { code: 'manifest.noKind', message: "error: unable to decode: Object 'Kind' is missing" };
  }
  // kubeadm's and kube-proxy's configuration documents carry no metadata.
  if (CONFIG_KINDS_WITHOUT_METADATA.has(v.kind)) return null;
  const meta = v.metadata;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    return { code: 'manifest.noName', message: 'error: resource name may not be empty' };
  }
  const name = (meta as Record<string, unknown>).name;
  if (typeof name !== 'string' || name === '') {
    return { code: 'manifest.noName', message: 'error: resource name may not be empty' };
  }
  return null;
}

/** `spec.ports[0].nodePort` -> ['spec', 'ports', 0, 'nodePort']. Map keys in brackets stay strings. */
export function splitFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

function locateField(
  doc: Document.Parsed,
  path: string,
  rangeOf: (s: number, e: number) => SourceRange,
): SourceRange | undefined {
  let node: unknown = doc.contents;
  let found: YamlNode | undefined = isMap(node) ? node : undefined;
  let keyRange: [number, number] | undefined;
  for (const seg of splitFieldPath(path)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as { value?: unknown } | null;
        return k !== null && typeof k === 'object' && String(k.value) === String(seg);
      });
      if (!pair) break;
      const key = pair.key as YamlNode;
      if (key.range) keyRange = [key.range[0], key.range[1]];
      node = pair.value;
      if (node && (node as YamlNode).range) found = node as YamlNode;
      else break;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item || !item.range) break;
      keyRange = undefined;
      node = item;
      found = item;
    } else break;
  }
  if (!found?.range) return undefined;
  // A scalar points at itself; a collection points at its key (one line, not the whole block).
  if (!isMap(found) && !isSeq(found)) return rangeOf(found.range[0], found.range[1]);
  if (keyRange) return rangeOf(keyRange[0], keyRange[1]);
  return rangeOf(found.range[0], found.range[0] + 1);
}
