import type { SearchResult } from '../../../../electron/contract';
import { format, strings } from '../../i18n';
import { countOf } from '../library/countOf';

/**
 * The search's state. Every query gets a sequence number; an answer for anything but the newest
 * query is dropped, so a slow answer to "ph" can never replace the answer to "photo".
 */
export interface SearchState {
  seq: number;
  /** The text of the newest query, trimmed; '' when there is no search. */
  text: string;
  status: 'idle' | 'searching' | 'done' | 'failed';
  results: SearchResult[];
  /** The text the shown results answer (results stay on screen while the next query runs). */
  resultsFor: string;
  error?: unknown;
}

export type SearchAction =
  | { type: 'start'; seq: number; text: string }
  | { type: 'results'; seq: number; results: SearchResult[] }
  | { type: 'failed'; seq: number; error: unknown }
  | { type: 'clear'; seq: number };

export const INITIAL_SEARCH: SearchState = { seq: 0, text: '', status: 'idle', results: [], resultsFor: '' };

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'start':
      return { ...state, seq: action.seq, text: action.text, status: 'searching' };
    case 'clear':
      return { ...INITIAL_SEARCH, seq: action.seq };
    case 'results':
      if (action.seq !== state.seq) return state;
      return { ...state, status: 'done', results: action.results, resultsFor: state.text, error: undefined };
    case 'failed':
      if (action.seq !== state.seq) return state;
      return { ...state, status: 'failed', error: action.error };
  }
}

/**
 * What the polite live region says: only settled answers to what is in the box now (`query`),
 * so a screen reader hears one sentence per pause in typing rather than one per keystroke.
 */
export function searchAnnouncement(state: SearchState, query: string, filtered: boolean, describe: (error: unknown) => string): string {
  if (query.trim() !== state.text || state.text === '') return '';
  if (state.status === 'failed') return format(strings.search.failed, { reason: describe(state.error) });
  // The same text searched again (the library changed) keeps its sentence, so nothing is re-read
  // unless the answer changes; a new text is silent until its first answer.
  if (state.resultsFor !== state.text) return '';
  if (state.results.length === 0) return format(filtered ? strings.search.noneFiltered : strings.search.none, { text: state.text });
  return format(strings.search.found, { lessons: countOf(state.results.length, 'lessons') });
}
