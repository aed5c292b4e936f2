/**
 * Editor ↔ selection, both ways: decorations on the YAML of the inspected hop's object and of the selected
 * Service (scrolled into view when they change), and the cursor inside a Service's document selects it.
 */
import { exposeForTests } from '../../platform/test-hook.ts';
import { selectInspectedHopIndex, selectInspectedPacket } from '../../store/selectors.ts';
import type { PlaygroundStore } from '../../store/store.ts';
import type { PlaygroundState } from '../../store/types.ts';
import type { monaco as Monaco } from './monaco-env.ts';
import { objectAtLine, yamlFocus } from './yaml-focus.ts';

type Editor = Monaco.editor.IStandaloneCodeEditor;

function hopObject(s: PlaygroundState): string | undefined {
  if (s.selectedPacketId === null && s.selectedHop === null) return undefined;
  const p = selectInspectedPacket(s);
  if (!p) return undefined;
  const hop = p.trace.hops[selectInspectedHopIndex(s)];
  return hop?.objectId ?? p.trace.serviceId;
}

export function attachHighlights(editor: Editor, store: PlaygroundStore): () => void {
  const decorations = editor.createDecorationsCollection();
  let lastKey = '';
  const apply = (s: PlaygroundState) => {
    const focus = yamlFocus(s.lastValidResult, hopObject(s), s.selectedServiceId);
    const key = focus.map((f) => `${f.kind}:${f.id}:${f.range.line}`).join('|');
    if (key === lastKey) return;
    lastKey = key;
    decorations.set(
      focus.flatMap((f) => {
        const end = Math.max(f.range.line, f.range.endLine - (f.range.endColumn <= 1 ? 1 : 0));
        return [
          {
            range: { startLineNumber: f.range.line, startColumn: 1, endLineNumber: end, endColumn: 1 },
            options: {
              isWholeLine: true,
              className: `yaml-${f.kind}`,
              linesDecorationsClassName: `yaml-${f.kind}-bar`,
            },
          },
        ];
      }),
    );
    const first = focus[0];
    if (first)
      editor.revealLinesInCenterIfOutsideViewport(
        first.range.line,
        Math.max(first.range.line, first.range.endLine - 1),
      );
  };
  apply(store.getState());
  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.selectedPacketId !== prev.selectedPacketId ||
      s.selectedHop !== prev.selectedHop ||
      s.selectedServiceId !== prev.selectedServiceId ||
      s.lastValidResult !== prev.lastValidResult ||
      (s.selectedPacketId !== null && s.packets !== prev.packets)
    )
      apply(s);
  });
  const cursor = editor.onDidChangeCursorPosition((e) => {
    if (e.source !== 'mouse' && e.source !== 'keyboard') return;
    const s = store.getState();
    const id = objectAtLine(s.lastValidResult, e.position.lineNumber);
    if (id === undefined) return;
    const next = id.startsWith('service/') ? id : null;
    if (next !== s.selectedServiceId) s.selectService(next);
  });
  exposeForTests({
    decorations: () =>
      decorations.getRanges().flatMap((r) => {
        const opts = editor.getModel()?.getDecorationsInRange(r) ?? [];
        const cls = opts.find((d) => d.options.className?.startsWith('yaml-'))?.options.className ?? '';
        const lines: { line: number; className: string }[] = [];
        for (let l = r.startLineNumber; l <= r.endLineNumber; l++) lines.push({ line: l, className: cls });
        return lines;
      }),
  });
  return () => {
    unsubscribe();
    cursor.dispose();
    decorations.clear();
  };
}
