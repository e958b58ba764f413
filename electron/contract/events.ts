/**
 * Events pushed from the app to the renderer on the single subscription
 * `window.lectern.events.on(listener)`.
 */
export type LecternEvent =
  /** The window is about to close: save everything, then call `app.closeReady`. */
  | { type: 'app.closeRequested' }
  /** A menu command the renderer carries out (new lesson, save now, ...). */
  | { type: 'menu.command'; command: MenuCommand };

export const MENU_COMMANDS = ['new-document', 'save-now', 'focus-search', 'rename-document', 'delete-document'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type LecternEventListener = (event: LecternEvent) => void;
