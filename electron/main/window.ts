import type { BrowserWindowConstructorOptions } from 'electron';

export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const WINDOW_BACKGROUND = '#ffffff';
/** UK spelling for the spellchecker; set on the session, where Electron keeps it. */
export const SPELLCHECK_LANGUAGES = ['en-GB'];

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface WindowOptionsInput {
  preloadPath: string;
  bounds: WindowBounds;
  /** Developer tools are for people running Lectern from source, not for a teacher's copy. */
  packaged: boolean;
}

/**
 * The main window's options, in one pure function so a test can hold every security flag to
 * account. Each webPreferences entry is written out even where it matches Electron's default, so
 * a change of default in a future Electron cannot weaken the app unnoticed.
 */
export function createWindowOptions({ preloadPath, bounds, packaged }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Lectern',
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on ready-to-show so the teacher never sees a blank white flash.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: !packaged,
    },
  };
}
