import { useState } from 'react';
import { useEditorState } from '@tiptap/react';
import type { PanelContext } from '../panels/registry';
import { describeError, format, strings } from '../../i18n';
import { describeChange } from './describeChange';
import { groupBySuggestion, listChanges } from './listChanges';
import { decide } from './reviewActions';
import type { Decision } from './resolveChanges';
import type { SuggestionAttrs } from './suggestionAttrs';
import { actionName } from './actionName';
import { goToChange } from './ReviewLayer';
import './review.css';

const time = (at: number) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** The pending suggestions, grouped by request: accept or reject one change, one request, or all. */
export function ReviewPane({ editor, document: doc }: PanelContext) {
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  // Listing walks the lesson, so the pane follows it only while it is open.
  const groups = useEditorState({ editor, selector: ({ editor: e }) => groupBySuggestion(listChanges(e.state.doc)), equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  const total = groups.reduce((n, g) => n + g.changes.length, 0);

  const run = (decision: Decision, which: (c: SuggestionAttrs) => boolean) => {
    decide(editor, doc.id, decision, which)
      .then((done) => {
        if (done.length === 0) return;
        const many = decision === 'accept' ? strings.review.acceptedMany : strings.review.rejectedMany;
        setMessage({ text: done.length === 1 ? (decision === 'accept' ? strings.review.accepted : strings.review.rejected) : format(many, { count: done.length }), error: false });
      })
      .catch((error: unknown) => setMessage({ text: format(strings.review.recordFailed, { reason: describeError(error) }), error: true }));
  };

  return (
    <div className="review-pane">
      <p role="status" className={message?.error ? 'review-status review-status--error' : 'review-status'}>
        {message?.text ?? ''}
      </p>
      {total === 0 ? (
        <p>{strings.review.nonePending}</p>
      ) : (
        <>
          <p>{total === 1 ? strings.review.pendingOne : format(strings.review.pending, { count: total })}</p>
          <p className="field__hint">{strings.review.shortcuts}</p>
          <div className="ai-actions-row">
            <button type="button" className="primary" onClick={() => run('accept', () => true)}>
              {strings.review.acceptAll}
            </button>
            <button type="button" onClick={() => run('reject', () => true)}>
              {strings.review.rejectAll}
            </button>
          </div>
        </>
      )}
      {groups.map((group) => {
        const heading = format(strings.review.groupHeading, { action: actionName(group.action), model: group.model ?? strings.review.unknownModel, time: time(group.at) });
        return (
          <section key={group.suggestionId} className="review-group" aria-label={heading}>
            <h3>{heading}</h3>
            <p className="field__hint">{group.changes.length === 1 ? strings.review.groupChangesOne : format(strings.review.groupChanges, { count: group.changes.length })}</p>
            <div className="ai-actions-row">
              <button type="button" onClick={() => run('accept', (c) => c.suggestionId === group.suggestionId)}>
                {strings.review.acceptSuggestion}
              </button>
              <button type="button" onClick={() => run('reject', (c) => c.suggestionId === group.suggestionId)}>
                {strings.review.rejectSuggestion}
              </button>
            </div>
            <ol className="review-changes">
              {group.changes.map((change, i) => {
                const what = describeChange(change);
                const n = i + 1;
                return (
                  <li key={change.attrs.changeId}>
                    <button type="button" className="link review-changes__what" aria-label={`${format(strings.review.goTo, { n })}: ${what}`} onClick={() => goToChange(editor, change.from)}>
                      {format(strings.review.goTo, { n })}: {what}
                    </button>
                    <span className="review-changes__actions">
                      <button type="button" aria-label={`${strings.review.accept} ${format(strings.review.change, { n })}`} onClick={() => run('accept', (c) => c.changeId === change.attrs.changeId)}>
                        {strings.review.accept}
                      </button>
                      <button type="button" aria-label={`${strings.review.reject} ${format(strings.review.change, { n })}`} onClick={() => run('reject', (c) => c.changeId === change.attrs.changeId)}>
                        {strings.review.reject}
                      </button>
                    </span>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
