/**
 * A line diff for rule dumps (`iptables-save`, `ipvsadm -Ln`): which lines a kube-proxy sync added and
 * removed. Common head and tail are trimmed, the middle is diffed by longest common subsequence; a
 * middle too large for that (thousands of Services) falls back to a multiset comparison, which still
 * names every added and removed line but may pair moved lines differently.
 */
export interface DiffLine {
  /** 1-based line number: in the new text for an added line, in the old text for a removed one. */
  line: number;
  text: string;
}

export interface LineDiff {
  added: DiffLine[];
  removed: DiffLine[];
}

const LCS_LIMIT = 4_000_000;

export function diffLines(before: string, after: string): LineDiff {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  if (am.length * bm.length > LCS_LIMIT) return multisetDiff(am, bm, head);
  return lcsDiff(am, bm, head);
}

function lcsDiff(a: string[], b: string[], offset: number): LineDiff {
  const n = a.length;
  const m = b.length;
  // table[i][j] = LCS length of a[i..] and b[j..], flattened.
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[at(i, j)] =
        a[i] === b[j] ? table[at(i + 1, j + 1)]! + 1 : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
  const added: DiffLine[] = [];
  const removed: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || table[at(i, j + 1)]! >= table[at(i + 1, j)]!)) {
      added.push({ line: offset + j + 1, text: b[j]! });
      j++;
    } else {
      removed.push({ line: offset + i + 1, text: a[i]! });
      i++;
    }
  }
  return { added, removed };
}

function multisetDiff(a: string[], b: string[], offset: number): LineDiff {
  const count = new Map<string, number>();
  for (const l of a) count.set(l, (count.get(l) ?? 0) + 1);
  const added: DiffLine[] = [];
  b.forEach((l, j) => {
    const c = count.get(l) ?? 0;
    if (c > 0) count.set(l, c - 1);
    else added.push({ line: offset + j + 1, text: l });
  });
  const left = new Map<string, number>();
  for (const l of b) left.set(l, (left.get(l) ?? 0) + 1);
  const removed: DiffLine[] = [];
  a.forEach((l, i) => {
    const c = left.get(l) ?? 0;
    if (c > 0) left.set(l, c - 1);
    else removed.push({ line: offset + i + 1, text: l });
  });
  return { added, removed };
}
