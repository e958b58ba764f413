import type { DocumentKind, DocumentSort, DocumentSummary, LibraryFilter } from '../../../../electron/contract';

/** What the sidebar shows: the metadata filters and the order. */
export interface LibraryView {
  kind?: DocumentKind;
  subject?: string;
  keyStage?: string;
  yearGroup?: string;
  tag?: string;
  folder?: string;
  sort: DocumentSort;
}

export type FilterKey = Exclude<keyof LibraryView, 'sort'>;

export const FILTER_KEYS: readonly FilterKey[] = ['kind', 'subject', 'keyStage', 'yearGroup', 'tag', 'folder'];

export const DEFAULT_VIEW: LibraryView = { sort: 'updated' };

/** The filters alone, as `search.query` takes them. */
export function filterOf(view: LibraryView): LibraryFilter {
  const filter: LibraryFilter = {};
  for (const key of FILTER_KEYS) {
    const value = view[key];
    if (value !== undefined) (filter as Record<FilterKey, string>)[key] = value;
  }
  return filter;
}

/** The input for `documents.list`. */
export function listInputOf(view: LibraryView): LibraryFilter & { sort: DocumentSort } {
  return { ...filterOf(view), sort: view.sort };
}

export function activeFilterCount(view: LibraryView): number {
  return FILTER_KEYS.filter((key) => view[key] !== undefined).length;
}

/** Sets one filter; an empty value (the "Any" choice) removes it. */
export function withFilter(view: LibraryView, key: FilterKey, value: string): LibraryView {
  const next: LibraryView = { ...view };
  if (value === '') delete next[key];
  else (next as Record<FilterKey, string>)[key] = value;
  return next;
}

/** Clears every filter and keeps the order the teacher chose. */
export function clearFilters(view: LibraryView): LibraryView {
  return { sort: view.sort };
}

const titleCollator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** The same orders as core's `documents.list`, for re-sorting after a local change (a rename, a save). */
export function sortSummaries(list: readonly DocumentSummary[], sort: DocumentSort): DocumentSummary[] {
  const byUpdated = (a: DocumentSummary, b: DocumentSummary) => b.updatedAt - a.updatedAt;
  const compare =
    sort === 'title'
      ? (a: DocumentSummary, b: DocumentSummary) => titleCollator.compare(a.title, b.title) || byUpdated(a, b)
      : sort === 'created'
        ? (a: DocumentSummary, b: DocumentSummary) => b.createdAt - a.createdAt
        : byUpdated;
  return [...list].sort(compare);
}

/**
 * A stable text key for a view, so effects can depend on its content rather than its identity.
 */
export function viewKey(view: LibraryView): string {
  return JSON.stringify([view.sort, ...FILTER_KEYS.map((key) => view[key] ?? null)]);
}

/**
 * The folder choices for the filter: every folder in use and every folder above one, A to Z, so
 * "Year 10" can be chosen (with its subfolders) even when lessons sit only in "Year 10/Spring".
 */
export function folderChoices(inUse: readonly string[]): string[] {
  const all = new Set<string>();
  for (const folder of inUse) {
    const parts = folder.split('/');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
  }
  return [...all].sort(titleCollator.compare);
}
