import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../electron/contract';
import { INITIAL_SEARCH, searchAnnouncement, searchReducer, type SearchAction, type SearchState } from '../../../renderer/src/features/search/searchState';

const result = (title: string): SearchResult => ({
  document: {
    id: '00000000-0000-4000-8000-000000000001',
    title,
    kind: 'lesson-plan',
    subject: null,
    keyStage: null,
    yearGroup: null,
    folder: null,
    tags: [],
    createdAt: 1,
    updatedAt: 1,
    deletedAt: null,
  },
  title: [{ text: title, match: true }],
  snippet: [],
});

const run = (actions: SearchAction[], from: SearchState = INITIAL_SEARCH) => actions.reduce(searchReducer, from);
const describe_ = () => 'the app is not reachable';

describe('search as you type', () => {
  it('drops an answer to an older query that arrives after a newer one started', () => {
    const state = run([
      { type: 'start', seq: 1, text: 'ph' },
      { type: 'start', seq: 2, text: 'photo' },
      { type: 'results', seq: 2, results: [result('Photosynthesis')] },
      { type: 'results', seq: 1, results: [result('Phonics'), result('Photography')] },
    ]);
    expect(state.results.map((r) => r.document.title)).toEqual(['Photosynthesis']);
    expect(state).toMatchObject({ status: 'done', text: 'photo', resultsFor: 'photo' });
  });

  it('keeps the previous results on screen while the next query runs', () => {
    const state = run([
      { type: 'start', seq: 1, text: 'rivers' },
      { type: 'results', seq: 1, results: [result('Rivers')] },
      { type: 'start', seq: 2, text: 'rivers and' },
    ]);
    expect(state).toMatchObject({ status: 'searching', resultsFor: 'rivers' });
    expect(state.results).toHaveLength(1);
  });

  it('ignores a failure of a stale query, and reports the current one', () => {
    const error = new Error('gone');
    const stale = run([{ type: 'start', seq: 1, text: 'a' }, { type: 'start', seq: 2, text: 'ab' }, { type: 'failed', seq: 1, error }]);
    expect(stale.status).toBe('searching');
    const failed = searchReducer(stale, { type: 'failed', seq: 2, error });
    expect(failed.status).toBe('failed');
    expect(searchAnnouncement(failed, 'ab', false, describe_)).toBe('Search did not work. the app is not reachable');
  });

  it('clearing forgets everything, and a late answer cannot bring results back', () => {
    const state = run([{ type: 'start', seq: 1, text: 'volcano' }, { type: 'clear', seq: 2 }, { type: 'results', seq: 1, results: [result('Volcanoes')] }]);
    expect(state).toMatchObject({ status: 'idle', text: '', results: [] });
    expect(searchAnnouncement(state, '', false, describe_)).toBe('');
  });

  it('announces counts in words, says when nothing matched (and whether filters are on), and stays quiet mid-query', () => {
    const one = run([{ type: 'start', seq: 1, text: 'fractions' }, { type: 'results', seq: 1, results: [result('Fractions')] }]);
    expect(searchAnnouncement(one, 'fractions', false, describe_)).toBe('1 lesson found.');
    const many = run([{ type: 'start', seq: 1, text: 'f' }, { type: 'results', seq: 1, results: [result('A'), result('B'), result('C')] }]);
    expect(searchAnnouncement(many, 'f ', false, describe_)).toBe('3 lessons found.');
    const none = run([{ type: 'start', seq: 1, text: 'zebra' }, { type: 'results', seq: 1, results: [] }]);
    expect(searchAnnouncement(none, 'zebra', false, describe_)).toBe('No lessons match “zebra”.');
    expect(searchAnnouncement(none, 'zebra', true, describe_)).toBe('No lessons match “zebra” with the filters you have chosen.');
    expect(searchAnnouncement(searchReducer(none, { type: 'start', seq: 2, text: 'zebras' }), 'zebras', false, describe_)).toBe('');
    // Typed on, but the next query has not started yet (the pause is not over): the old count would mislead.
    expect(searchAnnouncement(none, 'zebras', false, describe_)).toBe('');
    // The library changed and the same text is searched again: the sentence stays, so it is not re-read.
    expect(searchAnnouncement(searchReducer(one, { type: 'start', seq: 2, text: 'fractions' }), 'fractions', false, describe_)).toBe('1 lesson found.');
  });
});
