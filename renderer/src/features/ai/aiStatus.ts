import { useEffect, useSyncExternalStore } from 'react';
import type { AiStatus } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError } from '../../i18n';

export interface AiStatusSnapshot {
  status: AiStatus | undefined;
  checking: boolean;
}

let snapshot: AiStatusSnapshot = { status: undefined, checking: false };
const listeners = new Set<() => void>();
let inFlight: Promise<void> | undefined;

function set(next: AiStatusSnapshot): void {
  snapshot = next;
  for (const listener of [...listeners]) listener();
}

/** Asks core whether AI can be used; `probe` asks the server itself rather than the last outcome. */
export function refreshAiStatus(probe = false): Promise<void> {
  if (inFlight && !probe) return inFlight;
  set({ ...snapshot, checking: true });
  const request = (async () => {
    try {
      set({ status: await unwrap(lectern().ai.status({ probe })), checking: false });
    } catch (error) {
      set({
        status: { available: false, reason: 'error', message: describeError(error), provider: null, model: null, errorCode: null },
        checking: false,
      });
    } finally {
      inFlight = undefined;
    }
  })();
  inFlight = request;
  return request;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Whether AI is available, shared by every AI control. Fetched on first use and again when the
 * window regains focus (the teacher may have started a local server meanwhile) or settings change.
 */
export function useAiStatus(): AiStatusSnapshot {
  useEffect(() => {
    if (!snapshot.status && !inFlight) void refreshAiStatus();
    const onFocus = () => void refreshAiStatus();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);
  return useSyncExternalStore(subscribe, () => snapshot);
}
