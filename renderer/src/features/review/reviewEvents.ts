import type { SuggestionAttrs } from './suggestionAttrs';

type Listener = (changes: SuggestionAttrs[]) => void;
const listeners = new Set<Listener>();

/**
 * The teacher typed or deleted inside pending suggestions (the guard tells, once per edit). The
 * review recorder listens and puts an "edited" decision on record for each change touched.
 */
export const reviewEvents = {
  onEditInside(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  editedInside(changes: SuggestionAttrs[]): void {
    for (const listener of listeners) listener(changes);
  },
};
