import { useEffect, useReducer, useRef, useState } from 'react';
import type { LibraryFilter } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { INITIAL_SEARCH, searchReducer } from './searchState';

export const SEARCH_DEBOUNCE_MS = 150;
const RESULT_LIMIT = 50;

/**
 * Search as you type: the query runs once typing pauses for ~150 ms, combined with the sidebar's
 * filters, and again when the filters or the library change (`refreshKey`).
 */
export function useLibrarySearch(filter: LibraryFilter, filterKey: string, refreshKey: unknown) {
  const [text, setText] = useState('');
  const [state, dispatch] = useReducer(searchReducer, INITIAL_SEARCH);
  const seq = useRef(0);
  const filterRef = useRef(filter);
  useEffect(() => {
    filterRef.current = filter;
  }, [filter]);

  const query = text.trim();
  useEffect(() => {
    const mine = ++seq.current;
    if (query === '') {
      dispatch({ type: 'clear', seq: mine });
      return;
    }
    const timer = setTimeout(() => {
      dispatch({ type: 'start', seq: mine, text: query });
      unwrap(lectern().search.query({ text: query, limit: RESULT_LIMIT, ...filterRef.current })).then(
        ({ results }) => dispatch({ type: 'results', seq: mine, results }),
        (error: unknown) => dispatch({ type: 'failed', seq: mine, error }),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, filterKey, refreshKey]);

  return { text, setText, state, active: query !== '' };
}

export type LibrarySearch = ReturnType<typeof useLibrarySearch>;
