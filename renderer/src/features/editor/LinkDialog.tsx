import { useState } from 'react';
import { Dialog } from '../dialogs/Dialog';
import { strings } from '../../i18n';
import { SAFE_LINK } from './extensions';

export function LinkDialog({
  initial,
  onApply,
  onRemove,
  onClose,
}: {
  initial: string;
  onApply: (href: string) => void;
  onRemove: () => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  return (
    <Dialog title={strings.linkDialog.title} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const href = value.trim();
          if (!SAFE_LINK.test(href)) {
            setInvalid(true);
            return;
          }
          onApply(href);
        }}
      >
        <label className="field">
          <span>{strings.linkDialog.urlLabel}</span>
          <input
            type="url"
            autoFocus
            value={value}
            aria-invalid={invalid}
            aria-describedby="link-hint"
            onChange={(event) => {
              setValue(event.target.value);
              setInvalid(false);
            }}
          />
        </label>
        <p id="link-hint" className={invalid ? 'field__error' : 'field__hint'} role={invalid ? 'alert' : undefined}>
          {invalid ? strings.linkDialog.invalid : strings.linkDialog.hint}
        </p>
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            {strings.linkDialog.cancel}
          </button>
          {initial && (
            <button type="button" onClick={onRemove}>
              {strings.linkDialog.remove}
            </button>
          )}
          <button type="submit" className="primary">
            {strings.linkDialog.apply}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
