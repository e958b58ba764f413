import { useEffect, useState } from 'react';
import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { describeError, format, strings } from '../../i18n';
import { changeAtCursor } from './changeAtCursor';
import { describeChange } from './describeChange';
import { listChanges } from './listChanges';
import { decide, neighbour, recordDecisions } from './reviewActions';
import { reviewEvents } from './reviewEvents';
import type { Decision } from './resolveChanges';
import { actionName } from './actionName';
import './review.css';

/** Moves the caret to a change and shows it. */
export function goToChange(editor: Editor, from: number): void {
  editor.view.focus();
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.near(editor.state.doc.resolve(from + 1))).scrollIntoView());
}

/**
 * Review in the lesson itself: the popover on the change at the caret (accept, reject, next,
 * previous), the keyboard shortcuts (Alt+] / Alt+[ next and previous, Alt+Shift+A accept,
 * Alt+Shift+R reject), and the record of edits the teacher makes inside a change.
 */
export function ReviewLayer({ editor, documentId }: { editor: Editor; documentId: string }) {
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const current = useEditorState({
    editor,
    selector: ({ editor: e }) => changeAtCursor(e.state),
    equalityFn: (a, b) => a?.attrs.changeId === b?.attrs.changeId && a?.inserted === b?.inserted && a?.deleted === b?.deleted,
  });

  // Text typed inside a change is the teacher's; the edit goes on record.
  useEffect(
    () =>
      reviewEvents.onEditInside((changes) => {
        recordDecisions(documentId, changes, 'edited').catch((error: unknown) => setMessage({ text: format(strings.review.recordFailed, { reason: describeError(error) }), error: true }));
      }),
    [documentId],
  );

  const run = (decision: Decision, changeId: string) => {
    decide(editor, documentId, decision, (c) => c.changeId === changeId)
      .then((done) => {
        if (done.length > 0) setMessage({ text: decision === 'accept' ? strings.review.accepted : strings.review.rejected, error: false });
      })
      .catch((error: unknown) => setMessage({ text: format(strings.review.recordFailed, { reason: describeError(error) }), error: true }));
    editor.view.focus();
  };
  const move = (direction: 1 | -1) => {
    const target = neighbour(listChanges(editor.state.doc), editor.state.selection.from, direction);
    if (target) goToChange(editor, target.from);
  };

  useEffect(() => {
    const dom = editor.view.dom;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.code === 'BracketRight' || event.code === 'BracketLeft') {
        event.preventDefault();
        move(event.code === 'BracketRight' ? 1 : -1);
      } else if (event.shiftKey && (event.code === 'KeyA' || event.code === 'KeyR')) {
        const change = changeAtCursor(editor.state);
        if (!change) return;
        event.preventDefault();
        run(event.code === 'KeyA' ? 'accept' : 'reject', change.attrs.changeId);
      }
    };
    dom.addEventListener('keydown', onKey);
    return () => dom.removeEventListener('keydown', onKey);
  });

  let position: { top: number; left: number } | undefined;
  if (current) {
    try {
      const coords = editor.view.coordsAtPos(Math.min(current.to, editor.state.doc.content.size));
      position = { top: coords.bottom + 6, left: Math.max(8, coords.left - 120) };
    } catch {
      position = undefined;
    }
  }

  return (
    <>
      <p role="status" className={message?.error ? 'review-status review-status--error' : 'review-status'}>
        {message?.text ?? ''}
      </p>
      {current && position && (
        <div role="group" aria-label={strings.review.popover} className="review-popover" style={{ top: position.top, left: position.left }} onMouseDown={(event) => event.preventDefault()}>
          <p className="review-popover__summary">{format(strings.review.popoverSummary, { action: actionName(current.attrs.action), what: describeChange(current) })}</p>
          <div className="review-popover__actions">
            <button type="button" className="primary" aria-keyshortcuts="Alt+Shift+A" onClick={() => run('accept', current.attrs.changeId)}>
              {strings.review.acceptChange}
            </button>
            <button type="button" aria-keyshortcuts="Alt+Shift+R" onClick={() => run('reject', current.attrs.changeId)}>
              {strings.review.rejectChange}
            </button>
            <button type="button" aria-keyshortcuts="Alt+[" onClick={() => move(-1)}>
              {strings.review.previous}
            </button>
            <button type="button" aria-keyshortcuts="Alt+]" onClick={() => move(1)}>
              {strings.review.next}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
