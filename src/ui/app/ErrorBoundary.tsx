import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t, type Language } from '../../i18n/t.ts';
import { recoverPanelForTests, useCrashForTests } from './crash-for-tests.ts';

interface Props {
  name: string;
  language: Language;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

function CrashForTests({ name }: { name: string }) {
  useCrashForTests(name);
  return null;
}

/** One per panel: a crash in the canvas leaves the editor usable, and the other way round. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[${this.props.name}]`, error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error)
      return (
        <>
          {this.props.children}
          <CrashForTests name={this.props.name} />
        </>
      );
    const lang = this.props.language;
    return (
      <div className="panel-error" role="alert" data-panel={this.props.name}>
        <p>{t(lang, 'error.panel', { message: error.message })}</p>
        <button
          type="button"
          onClick={() => {
            recoverPanelForTests(this.props.name);
            this.setState({ error: null });
          }}
        >
          {t(lang, 'error.retry')}
        </button>
      </div>
    );
  }
}
