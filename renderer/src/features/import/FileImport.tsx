import { useCallback, useEffect, useState } from 'react';
import type { ImportFileResult } from '../../../../electron/contract';
import { lectern, LecternCallError, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { libraryEvents } from '../library/libraryEvents';
import { ImportReportDialog } from './ImportReportDialog';
import './import.css';
import { isImportable, readAsBase64, tooLarge } from './importableFiles';

type State = { status: 'idle' } | { status: 'working'; count: number } | { status: 'report'; results: ImportFileResult[] } | { status: 'failed'; message: string };

const s = strings.importFiles;

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/**
 * File → Import… and files dropped anywhere on the window (the library or the editor): each
 * becomes a lesson, and the report says what came in. Images dropped on the editor are left to it.
 */
export function FileImport() {
  const [state, setState] = useState<State>({ status: 'idle' });
  const [dragging, setDragging] = useState(false);

  const finish = useCallback((results: ImportFileResult[]) => {
    setState({ status: 'report', results });
    if (results.some((r) => r.status === 'imported')) libraryEvents.emit({ type: 'changed' });
  }, []);

  const fail = useCallback((error: unknown) => setState({ status: 'failed', message: format(s.failedToStart, { reason: describeError(error) }) }), []);

  const importChosen = useCallback(async () => {
    setState({ status: 'working', count: 1 });
    try {
      const report = await unwrap(lectern().import.files({}));
      if (report.cancelled) setState({ status: 'idle' });
      else finish(report.results);
    } catch (error) {
      if (error instanceof LecternCallError && error.code === 'CANCELLED') setState({ status: 'idle' });
      else fail(error);
    }
  }, [finish, fail]);

  const importDropped = useCallback(
    async (files: File[]) => {
      setState({ status: 'working', count: files.length });
      const refused = files.map(tooLarge).filter((r) => r !== undefined);
      const sendable = files.filter((f) => !tooLarge(f));
      try {
        const data = await Promise.all(sendable.map(async (f) => ({ name: f.name, data: await readAsBase64(f) })));
        const report = data.length ? await unwrap(lectern().import.data({ files: data })) : { cancelled: false, results: [] };
        finish([...report.results, ...refused]);
      } catch (error) {
        fail(error);
      }
    },
    [finish, fail],
  );

  useEffect(() => lectern().events.on((event) => void (event.type === 'menu.command' && event.command === 'import-files' && importChosen())), [importChosen]);

  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      setDragging(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length === 0 || !files.every(isImportable)) return;
      // Capture phase: the editor never sees a dropped lesson file (it would insert its name).
      event.preventDefault();
      event.stopPropagation();
      void importDropped(files);
    };
    const allow = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    window.addEventListener('dragenter', over, true);
    window.addEventListener('dragover', allow);
    window.addEventListener('dragleave', leave, true);
    window.addEventListener('drop', drop, true);
    return () => {
      window.removeEventListener('dragenter', over, true);
      window.removeEventListener('dragover', allow);
      window.removeEventListener('dragleave', leave, true);
      window.removeEventListener('drop', drop, true);
    };
  }, [importDropped]);

  const statusText = state.status === 'working' ? format(s.working, { count: state.count }) : dragging && state.status === 'idle' ? s.dropHere : '';
  return (
    <>
      <div role="status" aria-live="polite" className={statusText ? 'file-import__status' : 'visually-hidden'}>
        {statusText}
      </div>
      {state.status === 'failed' && (
        <p role="alert" className="file-import__status field__error">
          {state.message}{' '}
          <button type="button" onClick={() => setState({ status: 'idle' })}>
            {s.close}
          </button>
        </p>
      )}
      {state.status === 'report' && (
        <ImportReportDialog
          results={state.results}
          onOpen={(id) => {
            setState({ status: 'idle' });
            libraryEvents.emit({ type: 'open', id });
          }}
          onClose={() => setState({ status: 'idle' })}
        />
      )}
    </>
  );
}
