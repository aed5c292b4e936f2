/**
 * The lazily loaded half of the editor: creates the Monaco editor, and wires it to the store in both
 * directions (typing → setManifestText; example switch → model text; diagnostics → markers).
 */
import { diagnosticText } from '../../i18n/t.ts';
import { markLatest } from '../../platform/perf-marks.ts';
import { exposeForTests } from '../../platform/test-hook.ts';
import type { PlaygroundStore } from '../../store/store.ts';
import { attachHighlights } from './highlights.ts';
import { toMonacoMarkers } from './to-monaco-markers.ts';
import { configureYaml, monaco, MODEL_URI } from './monaco-env.ts';

export const MARKER_OWNER = 'k8s-playground';

export interface EditorHandle {
  setTheme(dark: boolean): void;
  dispose(): void;
}

export interface MountOptions {
  store: PlaygroundStore;
  schemaUrl: string;
  dark: boolean;
  ariaLabel: string;
  onSend: () => void;
  /** The component unmounted while the schema loaded: create nothing. */
  isCancelled: () => boolean;
}

async function loadSchema(url: string): Promise<Record<string, unknown> | null> {
  try {
    const res = await fetch(url);
    return res.ok ? ((await res.json()) as Record<string, unknown>) : null;
  } catch {
    return null; // the editor still works; completion and hover docs are just missing
  }
}

export async function mountEditor(container: HTMLElement, opts: MountOptions): Promise<EditorHandle | null> {
  const { store } = opts;
  const schema = await loadSchema(opts.schemaUrl);
  if (opts.isCancelled()) return null;
  const yaml = schema ? configureYaml(schema) : null;

  const uri = monaco.Uri.parse(MODEL_URI);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(store.getState().manifestText, 'yaml', uri);
  const editor = monaco.editor.create(container, {
    model,
    theme: opts.dark ? 'vs-dark' : 'vs',
    automaticLayout: true,
    editContext: false, // Monaco's EditContext path drops spaces typed by Playwright (TOOLCHAIN.md pitfall 4)
    minimap: { enabled: false },
    fontSize: 13.5,
    lineHeight: 21,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    renderLineHighlight: 'line',
    ariaLabel: opts.ariaLabel,
    fixedOverflowWidgets: true,
    padding: { top: 8 },
    // Enter always starts a new line; Tab accepts a suggestion. The YAML worker's suggestions can arrive a
    // moment after a line is typed, and with Enter accepting them a fast typist's newline silently became
    // a completion (the next line then replaced the one just typed; an e2e test caught it under load).
    acceptSuggestionOnEnter: 'off',
  });
  markLatest('monaco-ready'); // read by bench/ui.bench.ts
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, opts.onSend);

  const applyMarkers = () => {
    const { result, language } = store.getState();
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      toMonacoMarkers(result.diagnostics, (d) => diagnosticText(language, d)),
    );
  };
  applyMarkers();

  const detachHighlights = attachHighlights(editor, store);
  const typing = model.onDidChangeContent(() => store.getState().setManifestText(model.getValue()));
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.manifestText !== prev.manifestText && s.manifestText !== model.getValue()) {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: s.manifestText }], () => null);
      editor.setScrollTop(0);
    }
    if (s.result !== prev.result || s.language !== prev.language) applyMarkers();
  });

  exposeForTests({
    setText: (text) => model.setValue(text),
    getText: () => model.getValue(),
    markers: () =>
      monaco.editor.getModelMarkers({ resource: uri }).map((m) => ({
        owner: m.owner,
        severity: m.severity,
        message: m.message,
        startLineNumber: m.startLineNumber,
        startColumn: m.startColumn,
      })),
  });

  return {
    setTheme: (dark) => monaco.editor.setTheme(dark ? 'vs-dark' : 'vs'),
    dispose() {
      unsubscribe();
      detachHighlights();
      typing.dispose();
      editor.dispose();
      model.dispose();
      yaml?.dispose();
    },
  };
}
