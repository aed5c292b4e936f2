/**
 * Small edits to the manifest text that leave every other character alone: set a scalar, add a key to a
 * block mapping (creating the missing parent mappings), or delete a key. Positions come from the `yaml`
 * package's parse of the same text, so comments, quoting and indentation elsewhere survive. Pure.
 */
import { isMap, isScalar, parseAllDocuments, type Document, type Pair, type YAMLMap } from 'yaml';

export type YamlPath = readonly (string | number)[];

export interface TextEdit {
  /** 0-based document index, as SimulationResult.sources numbers documents. */
  document: number;
  path: YamlPath;
  op: 'set' | 'delete';
  value?: string | number;
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const AMBIGUOUS =
  /^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.]*(e[-+]?[0-9]+)?|0x[0-9a-f]+|0o[0-7]+)$/i;

/** A scalar as YAML text: plain where that reads back as the same string, else double-quoted. */
export function formatScalar(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return PLAIN.test(value) && !AMBIGUOUS.test(value) ? value : JSON.stringify(value);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

function documents(text: string): Document.Parsed[] {
  return parseAllDocuments(text) as Document.Parsed[];
}

/** The column of a block mapping's keys, and where its last entry's line ends. */
function blockMapAnchor(text: string, map: YAMLMap): { indent: number; end: number } | null {
  if (map.flow || map.items.length === 0) return null;
  const first = map.items[0] as Pair<
    { range?: [number, number, number] },
    { range?: [number, number, number] }
  >;
  const last = map.items[map.items.length - 1] as typeof first;
  const keyStart = first.key?.range?.[0];
  const lastEnd = last.value?.range?.[1] ?? last.key?.range?.[1];
  if (keyStart === undefined || lastEnd === undefined) return null;
  return {
    indent: keyStart - lineStart(text, keyStart),
    end: lineEnd(text, Math.max(keyStart, lastEnd - 1)),
  };
}

function setIn(text: string, doc: Document.Parsed, path: YamlPath, value: string | number): string | null {
  const node = doc.getIn(path, true);
  if (isScalar(node) && node.range) {
    const [start, end] = node.range;
    return text.slice(0, start) + formatScalar(value) + text.slice(end);
  }
  if (node !== undefined) return null; // a mapping or sequence: not a scalar to replace
  // Find the deepest existing block mapping on the path, then write the missing keys beneath it.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (parent === undefined || parent === null) continue;
    if (!isMap(parent)) return null;
    const anchor = blockMapAnchor(text, parent);
    if (!anchor) return null;
    const rest = path.slice(depth);
    if (rest.some((k) => typeof k !== 'string')) return null;
    const lines = rest.map((k, i) => {
      const pad = ' '.repeat(anchor.indent + 2 * i);
      return i === rest.length - 1
        ? `${pad}${formatScalar(String(k))}: ${formatScalar(value)}`
        : `${pad}${k}:`;
    });
    return `${text.slice(0, anchor.end)}\n${lines.join('\n')}${text.slice(anchor.end)}`;
  }
  return null;
}

function deleteIn(text: string, doc: Document.Parsed, path: YamlPath): string | null {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent) || parent.flow) return null;
  const key = path[path.length - 1];
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key) as
    Pair<{ range?: [number, number, number] }, { range?: [number, number, number] }> | undefined;
  const start = pair?.key?.range?.[0];
  const end = pair?.value?.range?.[1] ?? pair?.key?.range?.[1];
  if (start === undefined || end === undefined) return null;
  const from = lineStart(text, start);
  const to = lineEnd(text, Math.max(start, end - 1));
  return text.slice(0, from) + text.slice(Math.min(text.length, to + 1));
}

/** Applies one edit; null when the path does not lead somewhere this editor can write. */
export function applyYamlEdit(text: string, edit: TextEdit): string | null {
  const doc = documents(text)[edit.document];
  if (!doc || doc.errors.length) return null;
  if (edit.op === 'delete') return deleteIn(text, doc, edit.path);
  if (edit.value === undefined) return null;
  return setIn(text, doc, edit.path, edit.value);
}

/** Applies edits in order (each against the text the previous one produced); null if any fails. */
export function applyYamlEdits(text: string, edits: readonly TextEdit[]): string | null {
  let out: string | null = text;
  for (const e of edits) {
    out = out === null ? null : applyYamlEdit(out, e);
  }
  return out;
}

export const KUBE_PROXY_IPVS_DOC =
  'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n';

/**
 * Switches kube-proxy's mode in the text: sets `mode` in an existing KubeProxyConfiguration, or appends
 * one (`mode: ipvs`). Switching back removes a document that is exactly the one appended here.
 */
export function setProxyModeInText(text: string, mode: 'iptables' | 'ipvs'): string {
  const docs = documents(text);
  const index = docs.findIndex((d) => {
    const kind = d.get('kind');
    return !d.errors.length && kind === 'KubeProxyConfiguration';
  });
  if (index < 0) {
    if (mode === 'iptables') return text;
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${sep}---\n${KUBE_PROXY_IPVS_DOC}`;
  }
  const doc = docs[index]!;
  const [start, , end] = doc.contents?.range ?? [0, 0, 0];
  if (mode === 'iptables' && text.slice(start, end).trim() === KUBE_PROXY_IPVS_DOC.trim()) {
    // Remove the document and the `---` line before it.
    const marker = text.lastIndexOf('---', start);
    const from = marker >= 0 ? lineStart(text, marker) : start;
    const cut = text.slice(0, from) + text.slice(Math.min(text.length, end));
    return cut.replace(/\n+$/, '\n');
  }
  return applyYamlEdit(text, { document: index, path: ['mode'], op: 'set', value: mode }) ?? text;
}
