import { useEffect, useRef } from 'react';
import { describeError, strings } from '../../i18n';
import { matchesShortcut } from '../panels/matchesShortcut';
import { searchAnnouncement } from './searchState';
import type { LibrarySearch } from './useLibrarySearch';

export const SEARCH_SHORTCUT = 'Mod+Shift+F';

/**
 * The library's search box. `data-search` is how the app menu's "Find in Library" finds it; the
 * same shortcut is bound here too, for the web harness, which has no application menu.
 */
export function SearchBox({ search, filtered }: { search: LibrarySearch; filtered: boolean }) {
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!matchesShortcut(event, SEARCH_SHORTCUT)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const announcement = searchAnnouncement(search.state, search.text, filtered, describeError);
  return (
    <div className="search" role="search">
      <input
        ref={input}
        type="search"
        data-search=""
        className="search__input"
        aria-label={strings.search.label}
        aria-keyshortcuts="Control+Shift+F Meta+Shift+F"
        aria-describedby="search-hint"
        placeholder={strings.search.placeholder}
        value={search.text}
        maxLength={500}
        spellCheck={false}
        onChange={(event) => search.setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && search.text !== '') {
            // Handled here so the browser's own clearing and any dialog's Escape do not both act.
            event.preventDefault();
            event.stopPropagation();
            search.setText('');
          }
        }}
      />
      <span id="search-hint" className="visually-hidden">
        {strings.search.shortcutHint}
      </span>
      <p role="status" aria-live="polite" className={search.state.status === 'failed' ? 'search__status search__status--error' : 'search__status'}>
        {announcement}
      </p>
    </div>
  );
}
