/**
 * The YAML parse of a manifest, reusing what did not change. A manifest is edited one document at a time
 * and re-simulated on every keystroke (and on every seed change), while parsing a document with positions
 * costs far more than simulating it. So the text is cut at its `---` lines, each document's text is parsed
 * on its own, and the parse of a document whose text was parsed before is reused.
 *
 * A `---` line at the start of a line always starts a new document (YAML 1.2 c-directives-end; it is
 * forbidden inside scalars), so parsing the pieces gives what parsing the whole text gives. The cut is only
 * made where that is plain to see: text with directives (`%`), document-end markers (`...`), content after
 * a `---` or old Mac line breaks is parsed whole, and so is any text whose pieces report an error or a
 * warning (the whole text then gives the messages exactly as before).
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';

/** The documents of one piece of the text; their ranges count from `offset`. */
export interface ParsedPiece {
  offset: number;
  docs: readonly Document.Parsed[];
}

export interface ParsedSource {
  pieces: ParsedPiece[];
  /** Line starts of the whole text, as yaml's LineCounter records them. */
  lineCounter: LineCounter;
}

interface CachedPiece {
  docs: readonly Document.Parsed[];
  /** LineCounter.lineStarts of the piece parsed on its own. */
  lineStarts: readonly number[];
  clean: boolean;
}

/**
 * Parsed pieces by text, least recently used first. Bounded by the characters they hold (a parsed document
 * takes some fifty times its text in memory): room for a few large manifests or many small ones.
 */
const cache = new Map<string, CachedPiece>();
const CACHE_CHARS = 500_000;
let cachedChars = 0;

function cached(text: string): CachedPiece {
  let piece = cache.get(text);
  if (piece) cache.delete(text);
  else {
    piece = parsePiece(text);
    cachedChars += text.length;
  }
  cache.set(text, piece); // now the most recently used
  return piece;
}

function evict(): void {
  for (const text of cache.keys()) {
    if (cachedChars <= CACHE_CHARS) break;
    cache.delete(text);
    cachedChars -= text.length;
  }
}

function parsePiece(text: string): CachedPiece {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  const clean = docs.every((d) => d.errors.length === 0 && d.warnings.length === 0);
  return { docs, lineStarts: lineCounter.lineStarts, clean };
}

const MARKER = /^---[ \t]*(#[^\n]*)?$/;

/**
 * Offsets of the lines that start a document (`---`, alone or with a comment), or undefined when the text
 * holds anything that makes cutting it less than obviously right.
 */
export function documentStarts(source: string): number[] | undefined {
  if (/\r(?!\n)|\uFEFF/.test(source)) return undefined;
  const starts: number[] = [];
  for (let at = 0; at < source.length;) {
    const nl = source.indexOf('\n', at);
    const end = nl < 0 ? source.length : nl;
    const c = source.charCodeAt(at);
    // Only lines beginning with `%`, `-` or `.` can be directives or markers.
    if (c === 0x25 /* % */) return undefined;
    if (c === 0x2d /* - */ || c === 0x2e /* . */) {
      const line = source.slice(at, end).replace(/\r$/, '');
      if (line.startsWith('...')) return undefined;
      if (line.startsWith('---')) {
        if (!MARKER.test(line)) return undefined;
        starts.push(at);
      }
    }
    at = end + 1;
  }
  return starts;
}

/** Parses `source` (without BOM), reusing the documents parsed before from the same text. */
export function parseSource(source: string): ParsedSource {
  const starts = documentStarts(source);
  let pieces: { offset: number; piece: CachedPiece }[] | undefined;
  if (starts !== undefined) {
    const bounds = [0, ...starts.filter((s) => s > 0), source.length];
    pieces = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const text = source.slice(bounds[i], bounds[i + 1]);
      if (text !== '') pieces.push({ offset: bounds[i]!, piece: cached(text) });
    }
    if (!pieces.every((p) => p.piece.clean)) pieces = undefined;
  }
  pieces ??= [{ offset: 0, piece: cached(source) }];
  evict();

  const lineCounter = new LineCounter();
  let last = -1;
  for (const { offset, piece } of pieces) {
    // A piece ends with the newline that starts the next one: each line start is recorded once.
    for (const s of piece.lineStarts) if (s + offset > last) lineCounter.addNewLine((last = s + offset));
  }
  if (pieces.length === 0) lineCounter.addNewLine(0);
  return { pieces: pieces.map(({ offset, piece }) => ({ offset, docs: piece.docs })), lineCounter };
}
