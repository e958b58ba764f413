import { useEffect, useState } from 'react';
import type { LibraryLists } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { libraryEvents } from '../library/libraryEvents';

/**
 * The choices for subject, key stage and year group, and the tags and folders in use. Reloaded
 * whenever the library says something changed (a tag added, a list edited, an import).
 */
export function useLibraryLists(): { lists: LibraryLists | undefined; error: unknown } {
  const [lists, setLists] = useState<LibraryLists>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    const load = () =>
      unwrap(lectern().library.lists({})).then(
        (loaded) => {
          if (!live) return;
          setLists(loaded);
          setError(undefined);
        },
        (failure: unknown) => {
          if (live) setError(failure);
        },
      );
    void load();
    const off = libraryEvents.on((event) => {
      if (event.type === 'changed' || event.type === 'replaced') void load();
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return { lists, error };
}
