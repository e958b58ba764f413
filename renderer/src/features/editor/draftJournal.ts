import type { TipTapDoc } from '../../../../electron/contract';

/**
 * A last line of defence for text not yet in the library: the newest unsaved content of each
 * lesson is written to the renderer's own storage (synchronously on page hide), and cleared once
 * the library has it. After a crash the next start finds it and saves it.
 */
const PREFIX = 'lectern.unsaved.';

export interface JournalEntry {
  content: TipTapDoc;
  writtenAt: number;
}

export function writeDraft(storage: Storage, documentId: string, content: TipTapDoc, now = Date.now()): boolean {
  try {
    storage.setItem(PREFIX + documentId, JSON.stringify({ content, writtenAt: now } satisfies JournalEntry));
    return true;
  } catch {
    // Quota exceeded: the library save path still holds the change and keeps retrying.
    return false;
  }
}

export function readDraft(storage: Storage, documentId: string): JournalEntry | undefined {
  const raw = storage.getItem(PREFIX + documentId);
  if (!raw) return undefined;
  try {
    const entry = JSON.parse(raw) as JournalEntry;
    if (entry && typeof entry.writtenAt === 'number' && entry.content?.type === 'doc') return entry;
  } catch {
    // A corrupt entry is useless; fall through and remove it.
  }
  storage.removeItem(PREFIX + documentId);
  return undefined;
}

export function clearDraft(storage: Storage, documentId: string): void {
  storage.removeItem(PREFIX + documentId);
}
