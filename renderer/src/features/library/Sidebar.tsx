import type { DocumentSummary } from '../../../../electron/contract';
import { format, formatWhen, strings } from '../../i18n';

export function Sidebar({
  documents,
  selectedId,
  onSelect,
  onCreate,
  loadError,
  onRetry,
  onOpenSettings,
}: {
  documents: DocumentSummary[] | undefined;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  onCreate: () => void;
  loadError: string | undefined;
  onRetry: () => void;
  /** Absent while there is nothing to set. */
  onOpenSettings?: (() => void) | undefined;
}) {
  return (
    <nav className="sidebar" aria-label={strings.library.region}>
      <div className="sidebar__header">
        <h2>{strings.library.heading}</h2>
        <button type="button" className="primary" onClick={onCreate}>
          {strings.library.newLesson}
        </button>
      </div>
      {loadError && (
        <div role="alert" className="sidebar__error">
          <p>{loadError}</p>
          <button type="button" onClick={onRetry}>
            {strings.library.retry}
          </button>
        </div>
      )}
      {documents && documents.length === 0 && <p className="sidebar__empty">{strings.library.empty}</p>}
      {documents && documents.length > 0 && (
        <ul className="sidebar__list" aria-label={strings.library.listLabel}>
          {documents.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className="sidebar__item"
                aria-current={d.id === selectedId ? 'page' : undefined}
                onClick={() => onSelect(d.id)}
              >
                <span className="sidebar__title">{d.title || strings.library.untitled}</span>
                <span className="sidebar__meta">
                  {strings.library.kinds[d.kind]} · {format(strings.library.updated, { when: formatWhen(d.updatedAt) })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {onOpenSettings && (
        <div className="sidebar__footer">
          <button type="button" onClick={onOpenSettings}>
            {strings.settings.open}
          </button>
        </div>
      )}
    </nav>
  );
}
