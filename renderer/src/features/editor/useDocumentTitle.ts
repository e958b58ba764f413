import { useCallback, useEffect, useRef, useState } from 'react';
import { lectern, unwrap } from '../../api/lectern';
import type { DocumentSummary } from '../../../../electron/contract';

/**
 * The editable title: the input updates at once, the library shortly after typing stops and on
 * blur. A failed rename keeps the typed title and reports the error.
 */
export function useDocumentTitle(id: string, initial: string, onRenamed: (summary: DocumentSummary) => void) {
  const [title, setTitle] = useState(initial);
  const [error, setError] = useState<unknown>();
  const stored = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(initial);

  const commit = useCallback(async () => {
    clearTimeout(timer.current);
    const wanted = latest.current.trim();
    if (wanted === stored.current) return true;
    try {
      const summary = await unwrap(lectern().documents.rename({ id, title: wanted }));
      stored.current = summary.title;
      setError(undefined);
      onRenamed(summary);
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  }, [id, onRenamed]);

  const change = useCallback(
    (value: string) => {
      latest.current = value;
      setTitle(value);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void commit(), 600);
    },
    [commit],
  );

  useEffect(() => () => void commit(), [commit]);

  return { title, change, commit, error };
}
