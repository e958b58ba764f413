import type { Handlers } from '../rpc/dispatch';
import type { ReviewDecisions } from './reviewDecisions';

/** The review service's handlers (contract/services/review.ts), kept out of app.ts. */
export function reviewHandlers(review: ReviewDecisions): Pick<Handlers, Extract<keyof Handlers, `review.${string}`>> {
  return {
    'review.recordApplied': (input) => review.recordApplied(input),
    'review.recordDecisions': ({ documentId, decisions }) => review.recordDecisions(documentId, decisions),
    'review.summary': ({ interactionId }) => review.summary(interactionId),
    'review.decisions': ({ interactionId }) => review.decisions(interactionId),
    'review.getReviewer': () => review.reviewer(),
    'review.setReviewer': ({ name }) => review.setReviewer(name),
  };
}
