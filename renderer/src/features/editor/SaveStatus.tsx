import { describeError, strings } from '../../i18n';
import type { SaveState } from './autosaver';

export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const text = {
    saved: strings.saveStatus.saved,
    pending: strings.saveStatus.unsaved,
    saving: strings.saveStatus.saving,
    retrying: strings.saveStatus.retrying,
  }[state.kind];
  return (
    <div className={`save-status save-status--${state.kind}`}>
      <span role="status" aria-live="polite">
        {text}
      </span>
      {state.kind === 'retrying' && (
        <>
          <span role="alert" className="save-status__error">
            {describeError(state.error)}
          </span>
          <button type="button" onClick={onRetry}>
            {strings.saveStatus.retryNow}
          </button>
        </>
      )}
    </div>
  );
}
