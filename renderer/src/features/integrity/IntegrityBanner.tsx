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
 * kept, and the way out (restore the newest backup). Once restored it says so, and can be dismissed.
 */
export function IntegrityBanner({ status, beforeRestore }: { status: LibraryStatus | undefined; beforeRestore: () => Promise<unknown> }) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
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

  const restore = async () => {
    if (!backup) return;
    setConfirm(false);
    setBusy(true);
    setError(undefined);
    try {
      // Whatever the editor holds goes to the library first. If that fails (the library is damaged,
      // after all), go on: closing the editor after the restore saves its text into the restored
      // library, and should that fail too, the draft journal replays it at the next start.
      await beforeRestore().catch((failure: unknown) => {
        console.warn('Lectern: could not save the open lesson before restoring a backup; the draft journal keeps it', failure);
      });
      const { restored: info } = await unwrap(lectern().library.restoreBackup({ file: backup.file }));
      setRestored({ message: format(t.restored, { date: exactTime(info.createdAt) }), damageSeen: status.damage?.detectedAt });
      libraryEvents.emit({ type: 'replaced' });
    } catch (failure) {
      setError(format(t.restoreFailed, { reason: describeError(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div role="alert" className="integrity-banner">
      <h2>{t.title}</h2>
      <p>{t.body}</p>
      <p>{status.damage?.keptAs ? format(t.keptAs, { file: status.damage.keptAs }) : t.keptOnRestore}</p>
      {backup ? (
        <button type="button" className="primary" disabled={busy} onClick={() => setConfirm(true)}>
          {busy ? t.restoring : t.restoreNewest}
        </button>
      ) : (
        <p>{t.noBackup}</p>
      )}
      {error && <p className="field__error">{error}</p>}
      {confirm && backup && (
        <ConfirmDialog
          title={format(t.restoreTitle, { date: exactTime(backup.createdAt) })}
          body={format(t.restoreBody, { date: exactTime(backup.createdAt) })}
          confirmLabel={t.restoreConfirm}
          onCancel={() => setConfirm(false)}
          onConfirm={() => void restore()}
        />
      )}
    </div>
  );
}
