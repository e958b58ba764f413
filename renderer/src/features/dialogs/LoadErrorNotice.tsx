import { strings } from '../../i18n';

/** Something could not be loaded: say what, and offer to try again. */
export function LoadErrorNotice({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="field__error">
      <p>{message}</p>
      <button type="button" onClick={onRetry}>
        {strings.library.retry}
      </button>
    </div>
  );
}
