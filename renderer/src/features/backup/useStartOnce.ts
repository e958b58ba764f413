import { useEffect, useRef } from 'react';

/**
 * Starts work that must happen once per dialog (it may open a native file chooser) even under
 * StrictMode's mount–unmount–mount in development, and tells it whether the dialog is still there.
 */
export function useStartOnce(start: (mounted: () => boolean) => void): void {
  const started = useRef(false);
  const mounted = useRef(false);
  const startRef = useRef(start);
  useEffect(() => {
    mounted.current = true;
    if (!started.current) {
      started.current = true;
      startRef.current(() => mounted.current);
    }
    return () => {
      mounted.current = false;
    };
  }, []);
}
