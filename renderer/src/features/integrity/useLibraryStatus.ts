import { useEffect, useState } from 'react';
import type { LibraryStatus } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { libraryEvents } from '../library/libraryEvents';
import { MIN_EXTRA_CHECK_GAP_MS, nextPollDelay } from './statusPolling';

/**
 * The library's counts and health, read at start, on a timer, when the library changes and after
 * a failed save (core reports damage it meets mid-operation; this is how the UI hears of it).
 * A failed read keeps the last known status: it says nothing about damage by itself.
 */
export function useLibraryStatus(): { status: LibraryStatus | undefined } {
  const [status, setStatus] = useState<LibraryStatus>();

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastExtra = 0;
    const read = async () => {
      clearTimeout(timer);
      let next: LibraryStatus | undefined;
      try {
        next = await unwrap(lectern().library.status({}));
        if (alive) setStatus(next);
      } catch {
        // Kept as it was: an unreachable app is shown by the save status, not as damage.
      }
      if (alive) timer = setTimeout(() => void read(), nextPollDelay(next));
    };
    void read();
    const off = libraryEvents.on((event) => {
      if (event.type === 'save-failed') {
        const now = Date.now();
        if (now - lastExtra < MIN_EXTRA_CHECK_GAP_MS) return;
        lastExtra = now;
        void read();
      } else if (event.type === 'changed' || event.type === 'replaced') {
        void read();
      }
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      off();
    };
  }, []);

  return { status };
}
