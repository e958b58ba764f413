import type { BrowserWindow as BrowserWindowClass, Screen } from 'electron';
import type { Logger } from '../core/log';
import { CloseHandshake } from './closeHandshake';
import { createWindowOptions } from './window';
import { loadWindowState, trackWindowState } from './windowState';

export interface MainWindowOptions {
  BrowserWindow: typeof BrowserWindowClass;
  screen: Pick<Screen, 'getAllDisplays'>;
  preloadPath: string;
  startUrl: string;
  stateFile: string;
  packaged: boolean;
  /** Asks the renderer to save before the window closes. */
  requestSave: () => void;
  log: Logger;
}

export interface MainWindow {
  readonly window: BrowserWindowClass;
  confirmClose(): boolean;
  focus(): void;
}

export function openMainWindow(options: MainWindowOptions): MainWindow {
  const { log } = options;
  const workAreas = options.screen.getAllDisplays().map((display) => display.workArea);
  const state = loadWindowState(options.stateFile, workAreas, (reason) => log.warn(reason));
  const { maximised, ...bounds } = state;
  const window = new options.BrowserWindow(createWindowOptions({ preloadPath: options.preloadPath, bounds, packaged: options.packaged }));
  if (maximised) window.maximize();
  trackWindowState(window, options.stateFile, (error) => log.warn('could not save the window position', { error: String(error) }));
  const handshake = new CloseHandshake(window, options.requestSave);

  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('the window stopped working', { reason: details.reason, exitCode: details.exitCode });
  });
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    if (isMainFrame) log.error('the window could not load', { errorCode, errorDescription });
  });
  window.loadURL(options.startUrl).catch((error: unknown) => {
    log.error('the window could not load', { error: String(error) });
  });

  return {
    window,
    confirmClose: () => handshake.confirm(),
    focus() {
      if (window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      if (!window.isVisible()) window.show();
      window.focus();
    },
  };
}
