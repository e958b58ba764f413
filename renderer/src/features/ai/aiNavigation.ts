/** Ways AI controls reach outside themselves: to the AI settings, or to a document the AI made. */
export interface AiNavigation {
  openSettings(sectionId?: string): void;
  openDocument(id: string): void;
}

let provided: AiNavigation | undefined;

/**
 * The app registers how to navigate (it owns the screens); returns the undo for its effect.
 * A module slot rather than a React context, so the app's markup needs no wrapper.
 */
export function provideAiNavigation(navigation: AiNavigation): () => void {
  provided = navigation;
  return () => {
    if (provided === navigation) provided = undefined;
  };
}

const navigation: AiNavigation = {
  openSettings: (sectionId) => provided?.openSettings(sectionId),
  openDocument: (id) => provided?.openDocument(id),
};

export const useAiNavigation = (): AiNavigation => navigation;
