import type { LibraryStatus } from '../../../../electron/contract';

/** How often the library's health is read: often while the start-up check runs, then once a minute. */
export const CHECKING_POLL_MS = 3_000;
export const STEADY_POLL_MS = 60_000;
/** Failed saves come every few seconds while retrying; one extra check per burst is enough. */
export const MIN_EXTRA_CHECK_GAP_MS = 5_000;

export function nextPollDelay(status: Pick<LibraryStatus, 'integrity'> | undefined): number {
  return status?.integrity === 'checking' ? CHECKING_POLL_MS : STEADY_POLL_MS;
}

/** The backup to offer when the library is damaged: the newest one. */
export function newestBackup(status: Pick<LibraryStatus, 'backups'>): LibraryStatus['backups'][number] | undefined {
  return [...status.backups].sort((a, b) => b.createdAt - a.createdAt)[0];
}
