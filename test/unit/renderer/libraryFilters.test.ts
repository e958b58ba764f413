import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../electron/contract';
import {
  activeFilterCount,
  clearFilters,
  DEFAULT_VIEW,
  filterOf,
  folderChoices,
  listInputOf,
  sortSummaries,
  viewKey,
  withFilter,
} from '../../../renderer/src/features/filters/libraryView';
import { lessonMetaParts } from '../../../renderer/src/features/library/lessonMetaParts';

const summary = (title: string, createdAt: number, updatedAt: number, extra: Partial<DocumentSummary> = {}): DocumentSummary => ({
  id: `00000000-0000-4000-8000-${String(createdAt).padStart(12, '0')}`,
  title,
  kind: 'lesson-plan',
  subject: null,
  keyStage: null,
  yearGroup: null,
  folder: null,
  tags: [],
  createdAt,
  updatedAt,
  deletedAt: null,
  ...extra,
});

describe('the library view (filters and order)', () => {
  it('turns the chosen filters into the inputs of documents.list and search.query', () => {
    let view = withFilter(DEFAULT_VIEW, 'subject', 'Science');
    view = withFilter(view, 'keyStage', 'KS3');
    view = withFilter(view, 'folder', 'Year 8/Autumn');
    view = { ...view, sort: 'title' };
    expect(filterOf(view)).toEqual({ subject: 'Science', keyStage: 'KS3', folder: 'Year 8/Autumn' });
    expect(listInputOf(view)).toEqual({ subject: 'Science', keyStage: 'KS3', folder: 'Year 8/Autumn', sort: 'title' });
    expect(activeFilterCount(view)).toBe(3);
  });

  it('treats the "Any" choice as no filter, and Clear filters keeps the order', () => {
    const view = withFilter(withFilter({ sort: 'created' }, 'tag', 'plants'), 'tag', '');
    expect(filterOf(view)).toEqual({});
    expect(activeFilterCount(view)).toBe(0);
    const cleared = clearFilters({ sort: 'created', kind: 'quiz', yearGroup: 'Year 9' });
    expect(cleared).toEqual({ sort: 'created' });
  });

  it('gives equal views the same key whatever order their fields were set in', () => {
    const a = withFilter(withFilter(DEFAULT_VIEW, 'subject', 'Art and design'), 'kind', 'quiz');
    const b = withFilter(withFilter(DEFAULT_VIEW, 'kind', 'quiz'), 'subject', 'Art and design');
    expect(viewKey(a)).toBe(viewKey(b));
    expect(viewKey(a)).not.toBe(viewKey({ ...a, sort: 'title' }));
  });

  it('re-sorts like core: last edited, newest created, or title A–Z with numbers in order', () => {
    const list = [summary('Year 10 revision', 1, 30), summary('year 2 phonics', 2, 10), summary('Algebra', 3, 20)];
    expect(sortSummaries(list, 'updated').map((d) => d.title)).toEqual(['Year 10 revision', 'Algebra', 'year 2 phonics']);
    expect(sortSummaries(list, 'created').map((d) => d.title)).toEqual(['Algebra', 'year 2 phonics', 'Year 10 revision']);
    expect(sortSummaries(list, 'title').map((d) => d.title)).toEqual(['Algebra', 'year 2 phonics', 'Year 10 revision']);
    expect(list[0]!.title).toBe('Year 10 revision'); // the input is left alone
  });

  it('offers every folder above one in use, so a whole term or year can be chosen', () => {
    expect(folderChoices(['Year 8/Spring/Week 2', 'Year 10/Autumn', 'Year 8/Autumn', 'Clubs'])).toEqual([
      'Clubs',
      'Year 8',
      'Year 8/Autumn',
      'Year 8/Spring',
      'Year 8/Spring/Week 2',
      'Year 10',
      'Year 10/Autumn',
    ]);
    expect(folderChoices([])).toEqual([]);
  });

  it('shows kind, subject and year (or key stage) under a title in the list', () => {
    expect(lessonMetaParts({ kind: 'worksheet', subject: 'Mathematics', keyStage: 'KS2', yearGroup: 'Year 5' })).toEqual(['Worksheet', 'Mathematics', 'Year 5']);
    expect(lessonMetaParts({ kind: 'quiz', subject: null, keyStage: 'KS4', yearGroup: null })).toEqual(['Quiz', 'KS4']);
    expect(lessonMetaParts({ kind: 'note', subject: null, keyStage: null, yearGroup: null })).toEqual(['Note']);
  });
});
