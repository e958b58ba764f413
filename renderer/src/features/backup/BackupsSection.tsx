import { useEffect, useState } from 'react';
import type { BackupInfo } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, formatWhen, strings } from '../../i18n';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { libraryEvents } from '../library/libraryEvents';
import { exactTime } from '../history/revisionText';
import { formatBytes } from './formatBytes';

const s = strings.librarySettings;

/** The backups on this computer: when, how big, "Back up now", and restore one (after a warning). */
export function BackupsSection() {
  const [backups, setBackups] = useState<BackupInfo[]>();
  const [loadError, setLoadError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [confirm, setConfirm] = useState<BackupInfo>();

  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);
  useEffect(() => {
    let live = true;
    unwrap(lectern().library.listBackups({})).then(
      (list) => {
        if (!live) return;
        setBackups(list);
        setLoadError(undefined);
      },
      (failure: unknown) => live && setLoadError(format(s.loadFailed, { reason: describeError(failure) })),
    );
    return () => {
      live = false;
    };
  }, [reloads]);

  const run = async (working: string, work: () => Promise<string[]>, failed: string) => {
    setBusy(true);
    setError(undefined);
    setStatus([working]);
    try {
      setStatus(await work());
    } catch (failure) {
      setStatus([]);
      setError(format(failed, { reason: describeError(failure) }));
    } finally {
      setBusy(false);
      reload();
    }
  };

  const backUp = () =>
    void run(
      s.backingUp,
      async () => {
        const info = await unwrap(lectern().library.backupNow({}));
        return [format(s.backedUp, { size: formatBytes(info.bytes) })];
      },
      s.backupFailed,
    );

  const restore = (backup: BackupInfo) =>
    void run(
      s.restoring,
      async () => {
        const { restored, previousKeptAs } = await unwrap(lectern().library.restoreBackup({ file: backup.file }));
        libraryEvents.emit({ type: 'replaced' });
        const lines = [format(s.restored, { date: exactTime(restored.createdAt) })];
        if (previousKeptAs) lines.push(format(s.keptAs, { file: previousKeptAs }));
        return lines;
      },
      s.restoreFailed,
    );

  return (
    <section aria-labelledby="backups-heading" className="library-settings__block">
      <h2 id="backups-heading">{s.backupsHeading}</h2>
      <p>{s.backupsIntro}</p>
      <button type="button" onClick={backUp} disabled={busy}>
        {s.backupNow}
      </button>
      <div role="status" aria-live="polite" className="library-settings__status">
        {status.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {loadError && (
        <p role="alert" className="field__error">
          {loadError}
        </p>
      )}
      {backups && backups.length === 0 && <p className="field__hint">{s.noBackups}</p>}
      {backups && backups.length > 0 && (
        <table className="backups">
          <caption>{s.backupsLabel}</caption>
          <thead>
            <tr>
              <th scope="col">{s.backupWhen}</th>
              <th scope="col">{s.backupSize}</th>
              <th scope="col">
                <span className="visually-hidden">{s.backupActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.file}>
                <td title={exactTime(backup.createdAt)}>
                  {formatWhen(backup.createdAt)}
                  <span className="backups__exact"> ({exactTime(backup.createdAt)})</span>
                </td>
                <td>{formatBytes(backup.bytes)}</td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={format(s.restoreBackupNamed, { date: exactTime(backup.createdAt) })}
                    onClick={() => setConfirm(backup)}
                  >
                    {s.restoreBackup}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirm && (
        <ConfirmDialog
          title={format(s.restoreTitle, { date: exactTime(confirm.createdAt) })}
          body={s.restoreBody}
          confirmLabel={s.restoreConfirm}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            setConfirm(undefined);
            restore(confirm);
          }}
        />
      )}
    </section>
  );
}
