import { useId, useState } from 'react';
import type { RevisionSummary } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { Dialog } from '../dialogs/Dialog';
import { libraryEvents } from '../library/libraryEvents';

/**
 * "Save version…": asks for a name, saves the editor first (so the version holds what is on
 * screen), then records it. Used by the history panel and by the File menu.
 */
export function SaveVersionDialog({
  documentId,
  flush,
  onClose,
  onSaved,
}: {
  documentId: string;
  flush: () => Promise<boolean>;
  onClose: () => void;
  onSaved: (revision: RevisionSummary, announcement: string) => void;
}) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const id = useId();
  const h = strings.history;

  const save = async () => {
    const name = label.trim();
    if (name === '') {
      setError(h.nameRequired);
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      if (!(await flush())) {
        setError(h.notFlushed);
        return;
      }
      const revision = await unwrap(lectern().revisions.create({ documentId, label: name }));
      libraryEvents.emit({ type: 'revisions-changed', documentId });
      onSaved(revision, format(h.saved, { label: revision.label ?? name }));
    } catch (failure) {
      setError(format(h.saveFailed, { reason: describeError(failure) }));
    } finally {
      setSaving(false);
    }
  };

  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <Dialog title={h.saveTitle} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-label`}>{h.nameLabel}</label>
          <input
            id={`${id}-label`}
            autoFocus
            value={label}
            maxLength={100}
            aria-invalid={error !== undefined}
            aria-describedby={describedBy}
            onChange={(event) => setLabel(event.target.value)}
          />
          <p id={`${id}-hint`} className="field__hint">
            {h.nameHint}
          </p>
          {error && (
            <p id={`${id}-error`} role="alert" className="field__error">
              {error}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            {h.cancel}
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? h.saving : h.save}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
