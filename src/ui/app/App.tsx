import { useT } from '../../i18n/react.ts';
import { CanvasPanel } from '../canvas/CanvasPanel.tsx';
import { EditorPanel } from '../editor/EditorPanel.tsx';
import { TracePanel } from '../panels/TracePanel.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Header } from './Header.tsx';
import { SplitPane } from './SplitPane.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useSendShortcuts } from './use-shortcuts.ts';
import { useDocumentPreferences } from './use-theme.ts';

export function App() {
  const { lang } = useT();
  const theme = useDocumentPreferences();
  useSendShortcuts();
  return (
    <div className="app">
      <Header />
      <SplitPane
        left={
          <div className="left-column">
            <ErrorBoundary name="editor" language={lang}>
              <EditorPanel />
            </ErrorBoundary>
            <ErrorBoundary name="trace" language={lang}>
              <TracePanel />
            </ErrorBoundary>
          </div>
        }
        right={
          <ErrorBoundary name="canvas" language={lang}>
            <CanvasPanel theme={theme} />
          </ErrorBoundary>
        }
      />
      <StatusBar />
    </div>
  );
}
