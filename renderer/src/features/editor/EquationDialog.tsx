import { useMemo, useState } from 'react';
import katex from 'katex';
import { Dialog } from '../dialogs/Dialog';
import { strings } from '../../i18n';
import { KATEX_OPTIONS, type EquationKind, type EquationRequest } from './mathematics';

/** Writes or edits an equation's LaTeX, with a live preview drawn by KaTeX. */
export function EquationDialog({
  request,
  onApply,
  onRemove,
  onClose,
}: {
  request: EquationRequest;
  onApply: (latex: string, kind: EquationKind) => void;
  onRemove: () => void;
  onClose: () => void;
}) {
  const t = strings.equationDialog;
  const [latex, setLatex] = useState(request.latex);
  const [kind, setKind] = useState<EquationKind>(request.kind);
  const editing = request.pos !== undefined;
  // KaTeX escapes the source and, with trust off, emits no links, scripts or images.
  const preview = useMemo(() => katex.renderToString(latex || '\\,', { ...KATEX_OPTIONS, displayMode: kind === 'block' }), [latex, kind]);
  return (
    <Dialog title={editing ? t.editTitle : t.title} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (latex.trim()) onApply(latex.trim(), kind);
        }}
      >
        <label className="field">
          <span>{t.latexLabel}</span>
          <textarea autoFocus rows={3} spellCheck={false} value={latex} aria-describedby="equation-hint" onChange={(event) => setLatex(event.target.value)} />
        </label>
        <p id="equation-hint" className="field__hint">
          {t.hint}
        </p>
        {!editing && (
          <fieldset className="field">
            <legend>{t.kindLabel}</legend>
            <label>
              <input type="radio" name="equation-kind" checked={kind === 'inline'} onChange={() => setKind('inline')} /> {t.inline}
            </label>
            <label>
              <input type="radio" name="equation-kind" checked={kind === 'block'} onChange={() => setKind('block')} /> {t.block}
            </label>
          </fieldset>
        )}
        <div className="equation-preview" aria-label={t.preview} role="group" dangerouslySetInnerHTML={{ __html: preview }} />
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            {t.cancel}
          </button>
          {editing && (
            <button type="button" onClick={onRemove}>
              {t.remove}
            </button>
          )}
          <button type="submit" className="primary" disabled={!latex.trim()}>
            {editing ? t.save : t.insert}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
