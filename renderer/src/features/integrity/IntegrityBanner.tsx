import { useState } from 'react';
import type { LibraryStatus } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { exactTime } from '../history/revisionText';
import { libraryEvents } from '../library/libraryEvents';
import { newestBackup } from './statusPolling';

const t = strings.integrity;

/**
 * Shown above everything while the library is damaged: what happened, that the damaged file is
 * kept, that the library is read-only meanwhile (core refuses every change), and the ways out:
 * restore the newest backup, or start afresh with an empty library. Once done it says so, and
 * can be dismissed.
 */
export function IntegrityBanner({ status, beforeRestore }: { status: LibraryStatus | undefined; beforeRestore: () => Promise<unknown> }) {
  const [confirm, setConfirm] = useState<'restore' | 'afresh'>();
  const [busy, setBusy] = useState<'restore' | 'afresh'>();
  const [error, setError] = useState<string>();
  const [restored, setRestored] = useState<{ message: string; damageSeen: number | undefined }>();

  // New damage after the restore (not the old report, which may still be showing) brings the alert back.
  const damagedAgain = status?.integrity === 'damaged' && restored !== undefined && status.damage?.detectedAt !== restored.damageSeen;
  if (restored && !damagedAgain) {
    return (
      <div role="status" className="notice integrity-restored">
        <p>{restored.message}</p>
        <button type="button" onClick={() => setRestored(undefined)}>
          {strings.editor.dismiss}
        </button>
      </div>
    );
  }
  if (status?.integrity !== 'damaged') return null;
  const backup = newestBackup(status);

  /** Restoring and starting afresh both replace the library under the open lesson. */
  const replace = async (kind: 'restore' | 'afresh', action: () => Promise<string>, failed: string) => {
    setConfirm(undefined);
    setBusy(kind);
    setError(undefined);
    try {
      // Whatever the editor holds goes to the library first. If that fails (the library is damaged,
      // after all), go on: closing the editor after the restore saves its text into the restored
      // library, and should that fail too, the draft journal replays it at the next start.
      await beforeRestore().catch((failure: unknown) => {
        console.warn('Lectern: could not save the open lesson before replacing the library; the draft journal keeps it', failure);
      });
      setRestored({ message: await action(), damageSeen: status.damage?.detectedAt });
      libraryEvents.emit({ type: 'replaced' });
    } catch (failure) {
      setError(format(failed, { reason: describeError(failure) }));
    } finally {
      setBusy(undefined);
    }
  };
  const restore = () =>
    replace('restore', async () => {
      if (!backup) throw new Error('no backup');
      const { restored: info } = await unwrap(lectern().library.restoreBackup({ file: backup.file }));
      return format(t.restored, { date: exactTime(info.createdAt) });
    }, t.restoreFailed);
  const startAfresh = () =>
    replace('afresh', async () => {
      const { previousKeptAs } = await unwrap(lectern().library.startAfresh({}));
      return format(t.startedAfresh, { file: previousKeptAs });
    }, t.startAfreshFailed);

  return (
    <div role="alert" className="integrity-banner">
      <h2>{t.title}</h2>
      <p>{t.body}</p>
      {status.readOnly && <p>{t.readOnly}</p>}
      <p>{status.damage?.keptAs ? format(t.keptAs, { file: status.damage.keptAs }) : t.keptOnRestore}</p>
      {!backup && <p>{t.noBackup}</p>}
      <div className="integrity-banner__actions">
        {backup && (
          <button type="button" className="primary" disabled={busy !== undefined} onClick={() => setConfirm('restore')}>
            {busy === 'restore' ? t.restoring : t.restoreNewest}
          </button>
        )}
        <button type="button" disabled={busy !== undefined} onClick={() => setConfirm('afresh')}>
          {busy === 'afresh' ? t.startingAfresh : t.startAfresh}
        </button>
      </div>
      {error && <p className="field__error">{error}</p>}
      {confirm === 'restore' && backup && (
        <ConfirmDialog
          title={format(t.restoreTitle, { date: exactTime(backup.createdAt) })}
          body={format(t.restoreBody, { date: exactTime(backup.createdAt) })}
          confirmLabel={t.restoreConfirm}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => void restore()}
        />
      )}
      {confirm === 'afresh' && (
        <ConfirmDialog
          title={t.startAfreshTitle}
          body={t.startAfreshBody}
          confirmLabel={t.startAfreshConfirm}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => void startAfresh()}
        />
      )}
    </div>
  );
}
