import { useMemo, useState } from 'react';
import { DEFAULT_VIEW, viewKey, type LibraryView } from './libraryView';

/** The sidebar's filters and order, with a content key that only changes when they do. */
export function useLibraryView() {
  const [view, setView] = useState<LibraryView>(DEFAULT_VIEW);
  const key = viewKey(view);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content: a new object with the same filters must not reload the list
  const stable = useMemo(() => view, [key]);
  return { view: stable, setView, key };
}
