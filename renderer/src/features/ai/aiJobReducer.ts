import type { AiEvent, AiJobStage, ErrorInfo, ModerationCategory, ModerationSummary, TipTapDoc, TipTapNode } from '../../../../electron/contract';

export type AiJobPhase = 'running' | 'completed' | 'cancelled' | 'failed' | 'blocked';

/** What the UI knows about one AI job, built only from its events (see reduceAiJob). */
export interface AiJobState {
  jobId: string;
  interactionId: string;
  action: string | null;
  output: 'structured' | 'text' | null;
  phase: AiJobPhase;
  stage: AiJobStage | null;
  attempt: number;
  /** While the service is busy: how long until the next try. */
  retry: { inMs: number; reason: string | undefined } | null;
  /** Characters of answer text received in the current attempt. */
  chars: number;
  deltas: number;
  /**
   * The answer so far as top-level document nodes. Nodes that did not change keep their identity
   * from one state to the next, so a view can find the changed tail by reference comparison.
   */
  nodes: readonly TipTapNode[];
  /** Guidance-level moderation categories (a banner), when there were any. */
  guidance: ModerationCategory[];
  result: { content: TipTapDoc; text: string; partial: boolean; documentId: string | null; moderation: ModerationSummary } | null;
  error: (ErrorInfo & { categories: ModerationCategory[] }) | null;
}

export function initialAiJob(jobId: string, interactionId: string): AiJobState {
  return {
    jobId,
    interactionId,
    action: null,
    output: null,
    phase: 'running',
    stage: null,
    attempt: 1,
    retry: null,
    chars: 0,
    deltas: 0,
    nodes: [],
    guidance: [],
    result: null,
    error: null,
  };
}

export const isFinished = (state: AiJobState): boolean => state.phase !== 'running';

/**
 * Keeps `prev`'s node objects wherever `next` holds an equal node at the same index, up to the
 * first difference, so the final answer does not make a view redraw what it already shows.
 */
export function reuseEqualPrefix(prev: readonly TipTapNode[], next: readonly TipTapNode[]): TipTapNode[] {
  const out = [...next];
  for (let i = 0; i < out.length && i < prev.length; i++) {
    if (prev[i] === out[i] || JSON.stringify(prev[i]) === JSON.stringify(out[i])) out[i] = prev[i]!;
    else break;
  }
  return out;
}

/** A newer attempt (a repair after invalid structured output) starts from nothing. */
function atAttempt(state: AiJobState, attempt: number): AiJobState {
  if (attempt <= state.attempt) return state;
  return { ...state, attempt, chars: 0, deltas: 0, nodes: [], retry: null };
}

/**
 * Pure: the next state of a job after one of its events. Events may arrive before `ai.start`
 * answers, so a job can begin from any event; events after the job ended, or from an earlier
 * attempt, change nothing.
 */
export function reduceAiJob(previous: AiJobState | undefined, event: AiEvent): AiJobState {
  const state = previous ?? initialAiJob(event.jobId, event.interactionId);
  if (isFinished(state)) return state;
  switch (event.type) {
    case 'ai.started':
      return { ...state, action: event.action, output: event.output };
    case 'ai.progress': {
      if (event.attempt < state.attempt) return state;
      const next = atAttempt(state, event.attempt);
      return {
        ...next,
        stage: event.stage,
        retry: event.stage === 'retrying' ? { inMs: event.retryInMs ?? 0, reason: event.reason } : null,
      };
    }
    case 'ai.delta': {
      if (event.attempt < state.attempt) return state;
      const next = atAttempt(state, event.attempt);
      return { ...next, chars: next.chars + event.text.length, deltas: next.deltas + 1, retry: null };
    }
    case 'ai.preview': {
      if (event.attempt < state.attempt) return state;
      const next = atAttempt(state, event.attempt);
      const from = Math.min(event.replaceFrom, next.nodes.length);
      return { ...next, nodes: [...next.nodes.slice(0, from), ...event.nodes] };
    }
    case 'ai.moderation':
      return event.level === 'guidance' ? { ...state, guidance: event.categories } : state;
    case 'ai.completed':
      return {
        ...state,
        phase: event.status,
        stage: null,
        retry: null,
        nodes: reuseEqualPrefix(state.nodes, event.content.content ?? []),
        guidance: event.moderation.level === 'guidance' ? event.moderation.categories : state.guidance,
        result: { content: event.content, text: event.text, partial: event.partial, documentId: event.documentId, moderation: event.moderation },
      };
    case 'ai.failed':
      return {
        ...state,
        phase: event.status,
        stage: null,
        retry: null,
        // Nothing of a failed or blocked answer may be inserted, so none of it stays on screen.
        nodes: [],
        error: { ...event.error, categories: event.moderation?.categories ?? [] },
      };
  }
}
