import type { ReactNode } from 'react';
import type { DocumentSummary } from '../../../../electron/contract';
import { strings } from '../../i18n';
import { LessonMeta } from './LessonMeta';

export function Sidebar({
  documents,
  selectedId,
  onSelect,
  onCreate,
  loadError,
  onRetry,
  onOpenSettings,
  onCreateFrom,
  search,
  filters,
  results,
  listLabel = strings.library.listLabel,
  emptyText = strings.library.empty,
  trash,
}: {
  documents: DocumentSummary[] | undefined;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  onCreate: () => void;
  loadError: string | undefined;
  onRetry: () => void;
  /** Absent while there is nothing to set. */
  onOpenSettings?: (() => void) | undefined;
  /** Opens "New lesson from template or AI…"; "New lesson" itself always creates a blank lesson at once. */
  onCreateFrom?: (() => void) | undefined;
  /** The search box, under the header. */
  search?: ReactNode;
  /** The filter and sort group, under the search box. */
  filters?: ReactNode;
  /** While a search is active, its results take the list's place. */
  results?: ReactNode;
  /** The list's accessible name, which says its order. */
  listLabel?: string;
  /** Said when the list is empty (no lessons at all, or none matching the filters). */
  emptyText?: string;
  /** The way to the Trash, in the footer. */
  trash?: ReactNode;
}) {
  return (
    <nav className="sidebar" aria-label={strings.library.region}>
      <div className="sidebar__header">
        <h2>{strings.library.heading}</h2>
        <button type="button" className="primary" onClick={onCreate}>
          {strings.library.newLesson}
        </button>
      </div>
      {onCreateFrom && (
        <button type="button" className="sidebar__create-from" onClick={onCreateFrom}>
          {strings.newLesson.open}
        </button>
      )}
      {loadError && (
        <div role="alert" className="sidebar__error">
          <p>{loadError}</p>
          <button type="button" onClick={onRetry}>
            {strings.library.retry}
          </button>
        </div>
      )}
      {search}
      {filters}
      {results}
      {!results && documents && documents.length === 0 && <p className="sidebar__empty">{emptyText}</p>}
      {!results && documents && documents.length > 0 && (
        <ul className="sidebar__list" aria-label={listLabel}>
          {documents.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className="sidebar__item"
                aria-current={d.id === selectedId ? 'page' : undefined}
                onClick={() => onSelect(d.id)}
              >
                <span className="sidebar__title">{d.title || strings.library.untitled}</span>
                <LessonMeta summary={d} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {(onOpenSettings || trash) && (
        <div className="sidebar__footer">
          {trash}
          {onOpenSettings && (
            <button type="button" onClick={onOpenSettings}>
              {strings.settings.open}
            </button>
          )}
        </div>
      )}
    </nav>
  );
}
