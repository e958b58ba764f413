import { lectern, LecternCallError, unwrap } from '../../api/lectern';
import { clearDraft, readDraft } from '../editor/draftJournal';
import { sameContent } from './sameContent';

const PREFIX = 'lectern.unsaved.';

/**
 * At start-up, puts back any text the journal holds that the library does not: the app or the
 * computer stopped before a save landed. Returns how many lessons were recovered.
 */
export async function recoverDrafts(storage: Storage): Promise<number> {
  const ids: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) ids.push(key.slice(PREFIX.length));
  }
  let recovered = 0;
  for (const id of ids) {
    const draft = readDraft(storage, id);
    if (!draft) continue;
    try {
      const doc = await unwrap(lectern().documents.get({ id }));
      if (draft.writtenAt > doc.updatedAt && !sameContent(draft.content, doc.content)) {
        await unwrap(lectern().documents.save({ id, content: draft.content }));
        recovered++;
      }
      clearDraft(storage, id);
    } catch (error) {
      if (error instanceof LecternCallError && error.code === 'NOT_FOUND') {
        // The lesson was deleted; its unsaved text goes into a new lesson rather than nowhere.
        await unwrap(lectern().documents.create({ kind: 'lesson-plan', content: draft.content }));
        clearDraft(storage, id);
        recovered++;
      } else {
        // Leave the journal entry for the next start; the library is not reachable now.
        throw error;
      }
    }
  }
  return recovered;
}
