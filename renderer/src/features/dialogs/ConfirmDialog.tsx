import { Dialog } from './Dialog';
import { strings } from '../../i18n';

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog title={title} onClose={onCancel} role="alertdialog">
      <p>{body}</p>
      <div className="dialog__actions">
        {/* Cancel first and focused: the safe choice is the default. */}
        <button type="button" autoFocus onClick={onCancel}>
          {strings.dialogs.cancel}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
