import type { ModerationCategory } from '../../../../electron/contract';
import { format, strings } from '../../i18n';
import type { AiJobState } from './aiJobReducer';

export const wordsText = (count: number): string => format(count === 1 ? strings.ai.wordsOne : strings.ai.wordsMany, { count });
export const secondsText = (count: number): string => format(count === 1 ? strings.ai.secondsOne : strings.ai.secondsMany, { count });
export const categoriesText = (categories: readonly ModerationCategory[]): string =>
  categories.map((c) => strings.ai.moderation.categories[c]).join(', ');

export interface JobStatus {
  text: string;
  /** Changes of kind are announced at once; changes within a kind are throttled. */
  kind: string;
  tone: 'progress' | 'done' | 'error';
}

/**
 * What to tell the teacher about a job, in one sentence. `target` says whether the answer is a
 * suggestion to insert or a document Lectern saves; `stopping` is the teacher's Stop in flight.
 */
export function jobStatusText(job: AiJobState | undefined, words: number, target: 'suggestion' | 'document', stopping = false): JobStatus {
  if (!job || (job.phase === 'running' && stopping)) {
    return stopping ? { text: strings.ai.stopping, kind: 'stopping', tone: 'progress' } : { text: strings.ai.sending, kind: 'sending', tone: 'progress' };
  }
  switch (job.phase) {
    case 'running':
      switch (job.stage) {
        case 'retrying':
          return { text: format(strings.ai.retryingIn, { time: secondsText(Math.max(1, Math.ceil((job.retry?.inMs ?? 0) / 1000))) }), kind: 'retrying', tone: 'progress' };
        case 'streaming':
          return { text: words > 0 ? format(strings.ai.streamingWords, { words: wordsText(words) }) : strings.ai.streaming, kind: 'streaming', tone: 'progress' };
        case 'repairing':
          return { text: strings.ai.repairing, kind: 'repairing', tone: 'progress' };
        case 'moderating':
          return { text: strings.ai.moderating, kind: 'moderating', tone: 'progress' };
        case 'saving':
          return { text: strings.ai.saving, kind: 'saving', tone: 'progress' };
        default:
          return { text: strings.ai.sending, kind: 'sending', tone: 'progress' };
      }
    case 'completed':
      return { text: target === 'suggestion' ? strings.ai.completedSuggestion : strings.ai.completedDocument, kind: 'completed', tone: 'done' };
    case 'cancelled': {
      const arrived = target === 'suggestion' ? job.nodes.length > 0 : job.result?.documentId != null;
      if (!arrived) return { text: strings.ai.nothingArrived, kind: 'cancelled', tone: 'done' };
      return { text: target === 'suggestion' ? strings.ai.cancelledSuggestion : strings.ai.stopped, kind: 'cancelled', tone: 'done' };
    }
    case 'blocked': {
      const categories = job.error?.categories ?? [];
      const text = categories.length > 0 ? format(strings.ai.moderation.blocked, { categories: categoriesText(categories) }) : strings.errors.AI_BLOCKED;
      return { text: `${text} ${strings.ai.failedUnchanged}`, kind: 'blocked', tone: 'error' };
    }
    case 'failed': {
      const error = job.error;
      const base = (error && (strings.errors as Record<string, string>)[error.code]) ?? error?.message ?? strings.errors.INTERNAL;
      const parts = [base];
      if (error?.retryAfter) parts.push(format(strings.ai.retryAfter, { time: secondsText(Math.ceil(error.retryAfter)) }));
      if (!/lesson/i.test(base)) parts.push(strings.ai.failedUnchanged);
      return { text: parts.join(' '), kind: 'failed', tone: 'error' };
    }
  }
}
