import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type { TipTapNode } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { applyAnswerAsSuggestions } from './applyAnswerAsSuggestions';
import { decide } from './reviewActions';

// Applied once per job, even when React mounts the component twice (StrictMode) or again.
const applied = new Map<string, { suggestionId: string; count: number } | { error: string }>();

/**
 * A finished (or stopped) answer on a selection: applied to the lesson as tracked changes, once,
 * and put on record with its number of changes; then Accept all / Reject all for it, or Done to
 * review change by change in the lesson.
 */
export function AppliedSuggestion({
  jobId,
  editor,
  documentId,
  interactionId,
  actionId,
  range,
  nodes,
  onDone,
}: {
  jobId: string;
  editor: Editor;
  documentId: string;
  interactionId: string;
  actionId: string;
  range: { current: { from: number; to: number } };
  nodes: readonly TipTapNode[];
  onDone: (message?: string) => void;
}) {
  const [outcome, setOutcome] = useState(() => applied.get(jobId));
  const [recordError, setRecordError] = useState<string>();

  useEffect(() => {
    if (applied.has(jobId)) return;
    try {
      const { suggestionId, changeIds } = applyAnswerAsSuggestions(editor, range.current, nodes, { interactionId, action: actionId, model: null }, actionId === 'continue-writing' ? 'after' : 'replace');
      const result = { suggestionId, count: changeIds.length };
      applied.set(jobId, result);
      // After this effect: the editor (an external system) has changed; now show what happened.
      queueMicrotask(() => setOutcome(result));
      if (changeIds.length > 0) {
        unwrap(lectern().review.recordApplied({ documentId, interactionId, suggestionId, action: actionId, changes: changeIds.length })).catch((error: unknown) => setRecordError(format(strings.review.recordFailed, { reason: describeError(error) })));
      }
    } catch (error) {
      const result = { error: format(strings.review.applyFailed, { reason: describeError(error) }) };
      applied.set(jobId, result);
      queueMicrotask(() => setOutcome(result));
    }
  }, [jobId, editor, documentId, interactionId, actionId, range, nodes]);

  if (!outcome) return null;
  if ('error' in outcome) {
    return (
      <p role="alert" className="field__error">
        {outcome.error}
      </p>
    );
  }
  const all = (decision: 'accept' | 'reject') => {
    decide(editor, documentId, decision, (c) => c.suggestionId === outcome.suggestionId)
      .then((done) => onDone(format(decision === 'accept' ? strings.review.acceptedMany : strings.review.rejectedMany, { count: done.length })))
      .catch((error: unknown) => setRecordError(format(strings.review.recordFailed, { reason: describeError(error) })));
  };
  return (
    <>
      <p role="status">{outcome.count > 0 ? format(strings.review.applied, { count: outcome.count }) : strings.review.appliedNone}</p>
      {recordError && (
        <p role="alert" className="field__error">
          {recordError}
        </p>
      )}
      {outcome.count > 0 && (
        <>
          <button type="button" className="primary" onClick={() => all('accept')}>
            {strings.review.acceptSuggestion}
          </button>
          <button type="button" onClick={() => all('reject')}>
            {strings.review.rejectSuggestion}
          </button>
        </>
      )}
      <button type="button" onClick={() => onDone()}>
        {strings.review.done}
      </button>
    </>
  );
}
