import { useEffect, useState } from 'react';
import type { Interaction, ReviewSummary } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';

const time = (at: number) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** The review part of an interaction's record: "5 changes: 3 accepted, 2 rejected, by Ms Evans at 10:42", and the full redacted request and answer on demand. */
export function InteractionReview({ interactionId }: { interactionId: string }) {
  const [summary, setSummary] = useState<ReviewSummary>();
  const [error, setError] = useState<string>();
  const [full, setFull] = useState<Interaction | 'closed'>('closed');

  useEffect(() => {
    let live = true;
    unwrap(lectern().review.summary({ interactionId }))
      .then((s) => live && setSummary(s))
      .catch((e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [interactionId]);

  const toggle = async () => {
    if (full !== 'closed') {
      setFull('closed');
      return;
    }
    try {
      setFull(await unwrap(lectern().provenance.getInteraction({ id: interactionId })));
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <div className="review-record">
      {summary && summary.changes > 0 && (
        <p>
          {summary.lastReviewer && summary.lastDecisionAt !== null
            ? format(strings.review.record, { changes: summary.changes, accepted: summary.accepted, rejected: summary.rejected, who: summary.lastReviewer, time: time(summary.lastDecisionAt) })
            : format(strings.review.recordNone, { changes: summary.changes })}
          {summary.edited > 0 && ` (${format(strings.review.recordEdited, { count: summary.edited })})`}
        </p>
      )}
      <button type="button" aria-expanded={full !== 'closed'} onClick={() => void toggle()}>
        {full === 'closed' ? strings.review.openRecord : strings.review.hideRecord}
      </button>
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {full !== 'closed' && (
        <>
          <h4>{strings.review.recordRequest}</h4>
          <pre className="review-record__text" tabIndex={0}>{JSON.stringify(full.request, null, 2)}</pre>
          <h4>{strings.review.recordAnswer}</h4>
          <pre className="review-record__text" tabIndex={0}>{full.response ?? ''}</pre>
        </>
      )}
    </div>
  );
}
