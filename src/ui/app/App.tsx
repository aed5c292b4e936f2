import { useRef } from 'react';
import { useT } from '../../i18n/react.ts';
import { CanvasPanel } from '../canvas/CanvasPanel.tsx';
import { EditorPanel } from '../editor/EditorPanel.tsx';
import { Dock } from '../panels/dock/Dock.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Header } from './Header.tsx';
import { SplitPane } from './SplitPane.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useSendShortcuts } from './use-shortcuts.ts';
import { useSimStatusAttribute } from './use-sim-status.ts';
import { useDocumentPreferences } from './use-theme.ts';

export function App() {
  const { lang } = useT();
  const theme = useDocumentPreferences();
  const root = useRef<HTMLDivElement>(null);
  useSendShortcuts();
  useSimStatusAttribute(root);
  return (
    <div className="app" ref={root}>
      <Header />
      <SplitPane
        left={
          <div className="left-column">
            <ErrorBoundary name="editor" language={lang}>
              <EditorPanel />
            </ErrorBoundary>
            <ErrorBoundary name="dock" language={lang}>
              <Dock />
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
