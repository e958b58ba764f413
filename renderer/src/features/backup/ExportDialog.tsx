import { useState } from 'react';
import { lectern, LecternCallError, unwrap } from '../../api/lectern';
import { format, strings } from '../../i18n';
import { Dialog } from '../dialogs/Dialog';
import { countOf } from '../library/countOf';
import { describeLibraryError } from './describeLibraryError';
import { formatBytes } from './formatBytes';
import { useStartOnce } from './useStartOnce';

type State =
  | { status: 'working' }
  | { status: 'done'; file: string; documents: number; revisions: number; bytes: number }
  | { status: 'failed'; message: string };

const s = strings.librarySettings;

/** "Export library…": the app asks where (a native dialog), then this says what was written where. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const [state, setState] = useState<State>({ status: 'working' });
  useStartOnce((mounted) => {
    unwrap(lectern().library.exportLibrary({})).then(
      (result) => mounted() && setState({ status: 'done', ...result }),
      (error: unknown) => {
        if (!mounted()) return;
        if (error instanceof LecternCallError && error.code === 'CANCELLED') onClose();
        else setState({ status: 'failed', message: format(s.exportFailed, { reason: describeLibraryError(error) }) });
      },
    );
  });

  return (
    <Dialog title={s.exportTitle} onClose={onClose}>
      <div role="status" aria-live="polite">
        {state.status === 'working' && <p>{s.exporting}</p>}
        {state.status === 'done' && (
          <>
            <p>{format(s.exported, { lessons: countOf(state.documents, 'lessons'), versions: countOf(state.revisions, 'versions') })}</p>
            <p className="export__file">{format(s.exportedFile, { file: state.file, size: formatBytes(state.bytes) })}</p>
          </>
        )}
      </div>
      {state.status === 'failed' && (
        <p role="alert" className="field__error">
          {state.message}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" autoFocus onClick={onClose}>
          {s.close}
        </button>
      </div>
    </Dialog>
  );
}
