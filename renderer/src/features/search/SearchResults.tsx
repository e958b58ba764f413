import { strings } from '../../i18n';
import { LessonMeta } from '../library/LessonMeta';
import { HighlightedText } from './HighlightedText';
import type { LibrarySearch } from './useLibrarySearch';

/** Ranked results in place of the lesson list while a search is active. */
export function SearchResults({ search, selectedId, onOpen }: { search: LibrarySearch; selectedId: string | undefined; onOpen: (id: string) => void }) {
  const { results, status } = search.state;
  if (results.length === 0) {
    return status === 'searching' ? <p className="sidebar__empty">{strings.search.searching}</p> : null;
  }
  return (
    <ul className="sidebar__list search-results" aria-label={strings.search.resultsLabel} aria-busy={status === 'searching' || search.text.trim() !== search.state.text}>
      {results.map((result) => (
        <li key={result.document.id}>
          <button
            type="button"
            className="sidebar__item"
            aria-current={result.document.id === selectedId ? 'page' : undefined}
            onClick={() => onOpen(result.document.id)}
          >
            <span className="sidebar__title">
              {result.title.some((s) => s.text !== '') ? <HighlightedText segments={result.title} /> : strings.library.untitled}
            </span>
            {result.snippet.length > 0 && (
              <span className="search-results__snippet">
                <HighlightedText segments={result.snippet} />
              </span>
            )}
            <LessonMeta summary={result.document} />
          </button>
        </li>
      ))}
    </ul>
  );
}
