/**
 * Restoring a version reopens the lesson, which remounts the editor and its panels. What the
 * history panel must say afterwards ("Restored … Undo restore") is kept here across that remount.
 */
export type RestoreNote =
  | { type: 'restored'; undoRevisionId: string; when: number; at: number }
  | { type: 'undone'; at: number };

const notes = new Map<string, RestoreNote>();
/** Long enough for a reopen; short enough that a failed reopen never surfaces an old note later. */
const FRESH_MS = 30_000;

export function rememberRestore(documentId: string, note: RestoreNote): void {
  notes.set(documentId, note);
}

export function peekRestore(documentId: string, now = Date.now()): RestoreNote | undefined {
  const note = notes.get(documentId);
  return note && now - note.at <= FRESH_MS ? note : undefined;
}

export function forgetRestore(documentId: string): void {
  notes.delete(documentId);
}
