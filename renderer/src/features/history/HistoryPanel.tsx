import { useEffect, useRef, useState } from 'react';
import type { DiffSegment, Revision, RevisionSummary } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, formatWhen, strings } from '../../i18n';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { libraryEvents } from '../library/libraryEvents';
import type { PanelContext } from '../panels/registry';
import { DiffView } from './DiffView';
import { forgetRestore, peekRestore, rememberRestore, type RestoreNote } from './restoreMemory';
import { RevisionPreview } from './RevisionPreview';
import { changeSummary, exactTime, revisionItemName, revisionName } from './revisionText';
import { SaveVersionDialog } from './SaveVersionDialog';
import { LoadErrorNotice } from '../dialogs/LoadErrorNotice';

type Selected =
  | { status: 'loading'; id: string }
  | { status: 'failed'; id: string; message: string }
  | { status: 'ready'; revision: Revision; diff: { segments: DiffSegment[]; insertedWords: number; deletedWords: number } };

const h = strings.history;

/**
 * Version history: the list, "Save version…", a preview of any version with what changed since,
 * and restore with undo. A restore reopens the lesson (a fresh editor holds the restored text), so
 * the "Undo restore" offer is carried across that remount by restoreMemory.
 */
export function HistoryPanel({ document: doc, flush, reopen }: PanelContext) {
  const [revisions, setRevisions] = useState<RevisionSummary[]>();
  const [loadError, setLoadError] = useState<string>();
  const [selected, setSelected] = useState<Selected>();
  const [saveOpen, setSaveOpen] = useState(false);
  const [confirmRestore, setConfirmRestore] = useState<Revision>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string>();
  const [note] = useState<RestoreNote | undefined>(() => peekRestore(doc.id));
  const undoButton = useRef<HTMLButtonElement>(null);
  const noteText = useRef<HTMLParagraphElement>(null);
  const selecting = useRef(0);

  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);
  useEffect(() => {
    let live = true;
    unwrap(lectern().revisions.list({ documentId: doc.id })).then(
      (list) => {
        if (!live) return;
        setRevisions(list);
        setLoadError(undefined);
      },
      (error: unknown) => live && setLoadError(format(h.loadFailed, { reason: describeError(error) })),
    );
    return () => {
      live = false;
    };
  }, [doc.id, reloads]);
  useEffect(
    () =>
      libraryEvents.on((event) => {
        if (event.type === 'revisions-changed' && event.documentId === doc.id) setReloads((n) => n + 1);
      }),
    [doc.id],
  );

  // Arriving back after a restore or an undo: the focus goes to what the teacher will want next.
  useEffect(() => {
    if (!note) return;
    forgetRestore(doc.id);
    if (note.type === 'restored') undoButton.current?.focus();
    else noteText.current?.focus();
  }, [note, doc.id]);

  const select = async (summary: RevisionSummary) => {
    const mine = ++selecting.current;
    setSelected({ status: 'loading', id: summary.id });
    setActionError(undefined);
    try {
      // "Changes since" compares with the stored text, so store what is on screen first.
      await flush();
      const [revision, diff] = await Promise.all([unwrap(lectern().revisions.get({ id: summary.id })), unwrap(lectern().revisions.diff({ id: summary.id }))]);
      if (mine === selecting.current) setSelected({ status: 'ready', revision, diff });
    } catch (error) {
      if (mine === selecting.current) setSelected({ status: 'failed', id: summary.id, message: format(h.previewFailed, { reason: describeError(error) }) });
    }
  };

  /** Restores a version (or undoes a restore), then reopens the lesson with the restored text. */
  const restore = async (revisionId: string, after: (undoRevisionId: string) => RestoreNote) => {
    setBusy(true);
    setActionError(undefined);
    setStatus(h.restoring);
    try {
      if (!(await flush())) {
        setStatus('');
        setActionError(h.notFlushed);
        return;
      }
      const { undoRevisionId } = await unwrap(lectern().revisions.restore({ id: revisionId }));
      rememberRestore(doc.id, after(undoRevisionId));
      libraryEvents.emit({ type: 'changed' });
      await reopen();
    } catch (error) {
      setStatus('');
      setActionError(format(h.restoreFailed, { reason: describeError(error) }));
    } finally {
      setBusy(false);
    }
  };

  const selectedId = selected?.status === 'ready' ? selected.revision.id : selected?.id;
  return (
    <div className="history">
      <button type="button" className="primary" onClick={() => setSaveOpen(true)}>
        {h.saveVersion}
      </button>
      <p role="status" aria-live="polite" className="history__status">
        {status}
      </p>
      {note && (
        <div className="history__note">
          <p id={`restore-note-${doc.id}`} ref={noteText} tabIndex={-1}>
            {note.type === 'restored' ? format(h.restored, { when: exactTime(note.when) }) : h.undone}
          </p>
          {note.type === 'restored' && (
            <button
              ref={undoButton}
              type="button"
              disabled={busy}
              aria-describedby={`restore-note-${doc.id}`}
              onClick={() => void restore(note.undoRevisionId, () => ({ type: 'undone', at: Date.now() }))}
            >
              {h.undo}
            </button>
          )}
        </div>
      )}
      {actionError && (
        <p role="alert" className="field__error">
          {actionError}
        </p>
      )}
      {loadError && <LoadErrorNotice message={loadError} onRetry={reload} />}
      {!revisions && !loadError && <p role="status">{h.loading}</p>}
      {revisions && revisions.length === 0 && <p className="field__hint">{h.empty}</p>}
      {revisions && revisions.length > 0 && (
        <ul className="history__list" aria-label={h.listLabel}>
          {revisions.map((revision) => (
            <li key={revision.id}>
              <button
                type="button"
                className="history__item"
                aria-pressed={revision.id === selectedId}
                aria-label={revisionItemName(revision)}
                title={exactTime(revision.createdAt)}
                onClick={() => void select(revision)}
              >
                <span className="history__label">{revisionName(revision)}</span>
                <span className="history__meta">
                  {formatWhen(revision.createdAt)}
                  {revision.label ? ` · ${h.kinds[revision.kind]}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected?.status === 'loading' && <p role="status">{h.previewLoading}</p>}
      {selected?.status === 'failed' && (
        <p role="alert" className="field__error">
          {selected.message}
        </p>
      )}
      {selected?.status === 'ready' && (
        <section className="history__selected" aria-labelledby="history-selected-heading">
          <h3 id="history-selected-heading">{format(h.previewHeading, { when: exactTime(selected.revision.createdAt) })}</h3>
          <RevisionPreview
            key={selected.revision.id}
            content={selected.revision.content}
            label={format(h.previewLabel, { when: exactTime(selected.revision.createdAt) })}
          />
          <button type="button" className="primary" disabled={busy} onClick={() => setConfirmRestore(selected.revision)}>
            {h.restore}
          </button>
          <h3>{h.changesHeading}</h3>
          {selected.diff.insertedWords === 0 && selected.diff.deletedWords === 0 ? (
            <p>{h.noChanges}</p>
          ) : (
            <>
              <p>{changeSummary(selected.diff.insertedWords, selected.diff.deletedWords)}</p>
              <DiffView segments={selected.diff.segments} label={h.changesLabel} />
            </>
          )}
        </section>
      )}
      {saveOpen && (
        <SaveVersionDialog
          documentId={doc.id}
          flush={flush}
          onClose={() => setSaveOpen(false)}
          onSaved={(_revision, announcement) => {
            setSaveOpen(false);
            setStatus(announcement);
          }}
        />
      )}
      {confirmRestore && (
        <ConfirmDialog
          title={format(h.restoreTitle, { when: exactTime(confirmRestore.createdAt) })}
          body={h.restoreBody}
          confirmLabel={h.restore}
          onCancel={() => setConfirmRestore(undefined)}
          onConfirm={() => {
            const revision = confirmRestore;
            setConfirmRestore(undefined);
            void restore(revision.id, (undoRevisionId) => ({ type: 'restored', undoRevisionId, when: revision.createdAt, at: Date.now() }));
          }}
        />
      )}
    </div>
  );
}
