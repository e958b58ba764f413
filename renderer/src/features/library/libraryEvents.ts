/**
 * What library features tell the app shell, which owns the list, the open lesson and the screens.
 * A module-level hub rather than props threaded through panels and settings sections, which are
 * rendered from registries that know nothing of the app.
 */
export type LibraryEvent =
  /** Lessons were added, restored, imported or changed elsewhere: reload the list and counts. */
  | { type: 'changed' }
  /** Open this lesson (a duplicate, a restored lesson). */
  | { type: 'open'; id: string }
  /** The whole library was replaced by a backup: close the lesson and reload everything. */
  | { type: 'replaced' }
  /** A save failed: worth checking the library's health now rather than at the next poll. */
  | { type: 'save-failed' }
  /** A version was saved or restored for this lesson: a history panel showing it reloads. */
  | { type: 'revisions-changed'; documentId: string };

type Listener = (event: LibraryEvent) => void;
const listeners = new Set<Listener>();

export const libraryEvents = {
  emit(event: LibraryEvent): void {
    for (const listener of [...listeners]) listener(event);
  },
  /** Returns the unsubscribe, so it can be an effect's cleanup. */
  on(listener: Listener): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
