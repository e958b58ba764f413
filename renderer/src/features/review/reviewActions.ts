import type { Editor } from '@tiptap/core';
import type { ReviewDecisionInput } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { listChanges, type PendingChange } from './listChanges';
import { resolveChanges, type Decision } from './resolveChanges';
import type { SuggestionAttrs } from './suggestionAttrs';

/**
 * Accepts or rejects the pending changes passing `which` in the editor (one undoable step), then
 * puts each decision on record. The lesson changes first: a record that fails to save is
 * reported, never a reason to keep the teacher's decision out of their lesson.
 */
export async function decide(editor: Editor, documentId: string, decision: Decision, which: (c: SuggestionAttrs) => boolean): Promise<PendingChange[]> {
  const changes = listChanges(editor.state.doc).filter((c) => which(c.attrs));
  if (changes.length === 0) return [];
  editor.view.dispatch(resolveChanges(editor.state, decision, which));
  await recordDecisions(
    documentId,
    changes.map((c) => c.attrs),
    decision === 'accept' ? 'accepted' : 'rejected',
  );
  return changes;
}

export async function recordDecisions(documentId: string, changes: readonly SuggestionAttrs[], decision: ReviewDecisionInput['decision']): Promise<void> {
  if (changes.length === 0) return;
  await unwrap(
    lectern().review.recordDecisions({
      documentId,
      decisions: changes.map((c) => ({ interactionId: c.interactionId, suggestionId: c.suggestionId, changeId: c.changeId, decision })),
    }),
  );
}

/** The change after (or before) `pos`, for next / previous. Wraps round. */
export function neighbour(changes: readonly PendingChange[], pos: number, direction: 1 | -1): PendingChange | undefined {
  if (changes.length === 0) return undefined;
  if (direction === 1) return changes.find((c) => c.from > pos) ?? changes[0];
  return [...changes].reverse().find((c) => c.to < pos) ?? changes[changes.length - 1];
}
