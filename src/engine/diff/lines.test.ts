import { describe, expect, it } from 'vitest';
import { diffLines } from './lines.ts';

describe('diffLines', () => {
  it('finds nothing between equal texts', () => {
    expect(diffLines('a\nb\nc', 'a\nb\nc')).toEqual({ added: [], removed: [] });
  });

  it('numbers added lines in the new text and removed lines in the old one', () => {
    expect(diffLines('a\nb\nc\nd', 'a\nx\nc\nd\ne')).toEqual({
      added: [
        { line: 2, text: 'x' },
        { line: 5, text: 'e' },
      ],
      removed: [{ line: 2, text: 'b' }],
    });
  });

  it('treats an empty text as no lines', () => {
    expect(diffLines('', 'a\nb')).toEqual({
      added: [
        { line: 1, text: 'a' },
        { line: 2, text: 'b' },
      ],
      removed: [],
    });
    expect(diffLines('a', '')).toEqual({ added: [], removed: [{ line: 1, text: 'a' }] });
  });

  it('handles repeated lines (COMMIT appears once per table)', () => {
    const d = diffLines('*filter\nCOMMIT\n*nat\nCOMMIT', '*filter\nCOMMIT\n*nat\n-A X\nCOMMIT');
    expect(d).toEqual({ added: [{ line: 4, text: '-A X' }], removed: [] });
  });

  it('still names every changed line when the middle is too big for an LCS table', () => {
    const a = Array.from({ length: 2500 }, (_, i) => `l${i}`);
    const b = [...a.slice(1), 'new'].reverse();
    const d = diffLines(a.join('\n'), b.join('\n'));
    expect(d.added.map((l) => l.text)).toEqual(['new']);
    expect(d.removed.map((l) => l.text)).toEqual(['l0']);
  });
});
