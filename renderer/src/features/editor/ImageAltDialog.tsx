import { useState } from 'react';
import { Dialog } from '../dialogs/Dialog';
import { format, strings } from '../../i18n';
import type { AltChoice } from './imageNode';

/** Asked when an image is inserted, and from the image's "Alt text" button later (issue 10 §3). */
export function ImageAltDialog({
  initial,
  fileName,
  editing,
  onDone,
}: {
  initial?: AltChoice;
  fileName?: string;
  editing: boolean;
  onDone: (choice: AltChoice | undefined) => void;
}) {
  const t = strings.imageDialog;
  const [alt, setAlt] = useState(initial?.alt ?? '');
  const [decorative, setDecorative] = useState(initial?.decorative ?? false);
  const [invalid, setInvalid] = useState(false);
  return (
    <Dialog title={editing ? t.editTitle : t.title} onClose={() => onDone(undefined)}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!decorative && alt.trim() === '') {
            setInvalid(true);
            return;
          }
          onDone({ alt: decorative ? '' : alt.trim(), decorative });
        }}
      >
        {fileName && <p className="field__hint">{format(t.file, { name: fileName })}</p>}
        <label className="field">
          <span>{t.altLabel}</span>
          <textarea
            autoFocus
            rows={3}
            maxLength={1000}
            value={alt}
            disabled={decorative}
            aria-invalid={invalid}
            aria-describedby="image-alt-hint"
            onChange={(event) => {
              setAlt(event.target.value);
              setInvalid(false);
            }}
          />
        </label>
        <p id="image-alt-hint" className={invalid ? 'field__error' : 'field__hint'} role={invalid ? 'alert' : undefined}>
          {invalid ? t.required : t.hint}
        </p>
        <label className="field field--checkbox">
          <input
            type="checkbox"
            checked={decorative}
            onChange={(event) => {
              setDecorative(event.target.checked);
              setInvalid(false);
            }}
          />
          <span>{t.decorative}</span>
        </label>
        <div className="dialog__actions">
          <button type="button" onClick={() => onDone(undefined)}>
            {t.cancel}
          </button>
          <button type="submit" className="primary">
            {editing ? t.save : t.insert}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
