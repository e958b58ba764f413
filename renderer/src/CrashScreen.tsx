import { Component, type ErrorInfo, type ReactNode } from 'react';
import { strings } from './i18n';

/**
 * The last resort when a screen throws: a plain-English message and a reload, instead of a blank
 * window. Unsaved text survives through the draft journal, which the reload replays.
 */
export class CrashBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Lectern renderer crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <CrashScreen body={strings.crash.body} canReload />;
  }
}

export function CrashScreen({ body, canReload }: { body: string; canReload: boolean }) {
  return (
    <main className="crash" role="alert">
      <h1>{strings.crash.heading}</h1>
      <p>{body}</p>
      {canReload && (
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {strings.crash.reload}
        </button>
      )}
    </main>
  );
}
