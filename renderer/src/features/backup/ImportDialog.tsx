import { useId, useState } from 'react';
import type { ImportPreview, ImportReport } from '../../../../electron/contract';
import { lectern, LecternCallError, unwrap } from '../../api/lectern';
import { format, strings } from '../../i18n';
import { Dialog } from '../dialogs/Dialog';
import { countOf } from '../library/countOf';
import { libraryEvents } from '../library/libraryEvents';
import { describeImportFailure } from './describeLibraryError';
import { importReportLines } from './importReportLines';
import { useStartOnce } from './useStartOnce';

type Choice = 'copy' | 'skip' | 'replace';
type State =
  | { status: 'inspecting' }
  | { status: 'preview'; preview: ImportPreview; error?: string }
  | { status: 'importing'; preview: ImportPreview }
  | { status: 'done'; report: ImportReport }
  | { status: 'failed'; message: string };

const s = strings.librarySettings;
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' });

/**
 * "Import library…": the app asks for the file, core checks all of it and describes it (changing
 * nothing), the teacher decides what happens to lessons they already have, and only then is
 * anything imported. Replacing is never the default and always comes with a warning.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const [state, setState] = useState<State>({ status: 'inspecting' });
  const [choice, setChoice] = useState<Choice>('copy');
  const id = useId();

  useStartOnce((mounted) => {
    unwrap(lectern().library.inspectImport({})).then(
      (preview) => mounted() && setState({ status: 'preview', preview }),
      (error: unknown) => {
        if (!mounted()) return;
        if (error instanceof LecternCallError && error.code === 'CANCELLED') onClose();
        else setState({ status: 'failed', message: describeImportFailure(error) });
      },
    );
  });

  const start = async (preview: ImportPreview) => {
    setState({ status: 'importing', preview });
    try {
      const report = await unwrap(lectern().library.importLibrary({ importId: preview.importId, duplicates: preview.duplicates.length > 0 ? choice : 'copy' }));
      setState({ status: 'done', report });
      libraryEvents.emit({ type: 'changed' });
    } catch (error) {
      setState({ status: 'preview', preview, error: describeImportFailure(error) });
    }
  };

  const preview = state.status === 'preview' || state.status === 'importing' ? state.preview : undefined;
  return (
    <Dialog title={s.importTitle} onClose={onClose}>
      <div role="status" aria-live="polite">
        {state.status === 'inspecting' && <p>{s.inspecting}</p>}
        {state.status === 'importing' && <p>{s.importing}</p>}
        {state.status === 'done' && importReportLines(state.report).map((line) => <p key={line}>{line}</p>)}
      </div>
      {state.status === 'failed' && (
        <p role="alert" className="field__error">
          {state.message}
        </p>
      )}
      {preview && (
        <div className="import">
          <p className="import__file">{format(s.importFile, { file: preview.file })}</p>
          <p>
            {format(s.importExportedAt, { date: date.format(preview.exportedAt) })}{' '}
            {format(s.importHolds, { lessons: countOf(preview.documents, 'lessons'), versions: countOf(preview.revisions, 'versions') })}
          </p>
          {preview.duplicates.length === 0 ? (
            <p>{s.importNoDuplicates}</p>
          ) : (
            <>
              <h3 id={`${id}-dups`}>{s.duplicatesHeading}</h3>
              <p>{format(s.duplicatesIntro, { lessons: countOf(preview.duplicates.length, 'lessons') })}</p>
              <ul className="import__duplicates" aria-labelledby={`${id}-dups`}>
                {preview.duplicates.map((d) => (
                  <li key={`${d.id}:${d.reason}`}>{format(s.duplicateItem, { title: d.title || strings.library.untitled, reason: s.duplicateReasons[d.reason] })}</li>
                ))}
              </ul>
              <fieldset className="import__choice">
                <legend>{s.duplicatesChoice}</legend>
                {(['copy', 'skip', 'replace'] as const).map((option) => (
                  <div key={option} className="import__option">
                    <input
                      type="radio"
                      id={`${id}-${option}`}
                      name={`${id}-choice`}
                      value={option}
                      checked={choice === option}
                      aria-describedby={option === 'replace' ? `${id}-replace-warning` : undefined}
                      onChange={() => setChoice(option)}
                    />
                    <label htmlFor={`${id}-${option}`}>{{ copy: s.choiceCopy, skip: s.choiceSkip, replace: s.choiceReplace }[option]}</label>
                  </div>
                ))}
                <p id={`${id}-replace-warning`} className={choice === 'replace' ? 'import__warning' : 'import__warning import__warning--quiet'}>
                  {s.replaceWarning}
                </p>
              </fieldset>
            </>
          )}
          {state.status === 'preview' && state.error && (
            <p role="alert" className="field__error">
              {state.error}
            </p>
          )}
        </div>
      )}
      <div className="dialog__actions">
        {preview ? (
          <>
            <button type="button" autoFocus onClick={onClose} disabled={state.status === 'importing'}>
              {s.cancel}
            </button>
            <button
              type="button"
              className={choice === 'replace' && preview.duplicates.length > 0 ? 'danger' : 'primary'}
              disabled={state.status === 'importing'}
              onClick={() => void start(preview)}
            >
              {choice === 'replace' && preview.duplicates.length > 0 ? s.importReplaceConfirm : s.importConfirm}
            </button>
          </>
        ) : (
          <button type="button" autoFocus onClick={onClose}>
            {s.close}
          </button>
        )}
      </div>
    </Dialog>
  );
}
