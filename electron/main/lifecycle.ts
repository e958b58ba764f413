import { join } from 'node:path';
import type * as Electron from 'electron';
import type { MenuCommand } from '../contract';
import { enGB, format } from '../contract/i18n/en-GB';
import { createCore, type LecternCore } from '../core/app';
import { createFileLogger } from './fileLogger';
import { askBeforeOpening, guardAllWebContents, guardSession, guardSessionTraffic } from './guards';
import { createSenderCheck, forwardEvents, registerIpcHandlers } from './ipc';
import { openMainWindow, type MainWindow } from './mainWindow';
import { buildMenuTemplate } from './menu';
import { rendererLocation, trustedUrlCheck } from './origin';
import { registerAppScheme, serveRenderer } from './protocol';
import { createSafeStorageSecretStore, SECRETS_FILE } from './secrets';
import { openCoreWithRecovery } from './startup';
import { dialogFileChooser } from './fileChooser';
import { dialogImportChooser } from './importChooser';
import { restoreBackupFile, startEmptyLibrary } from '../core/library/backup';
import { SPELLCHECK_LANGUAGES } from './window';
import { WINDOW_STATE_FILE } from './windowState';

/** The parts of the `electron` module the main process uses; tests pass a fake. */
export type ElectronMain = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'protocol' | 'safeStorage' | 'screen' | 'session' | 'shell'
>;

export interface StartOptions {
  /** The folder of the built main script (out/main); the preload and renderer sit beside it. */
  mainDir: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
}

const strings = enGB;

export function startLectern(electron: ElectronMain, options: StartOptions): void {
  const { app, dialog } = electron;
  // A second copy would open the same library file; hand over to the first one instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // Everything below must happen before `ready`.
  app.enableSandbox();
  registerAppScheme(electron.protocol);
  if (options.platform === 'win32') app.setAppUserModelId('uk.lectern.app');

  const packaged = app.isPackaged;
  const location = rendererLocation(packaged, options.env);
  const isTrustedUrl = trustedUrlCheck(location);
  const dataDir = app.getPath('userData');
  const logDir = join(dataDir, 'logs');
  const log = createFileLogger(logDir);
  log.info('starting', { version: app.getVersion(), platform: options.platform, packaged, dev: location.devServer !== undefined });

  // A link leaves for the browser only once the teacher has seen its host and said yes.
  const openExternal = askBeforeOpening({ dialog: electron.dialog, shell: electron.shell, parentWindow: () => electron.BrowserWindow.getFocusedWindow() ?? undefined });
  guardAllWebContents(app, { isTrustedUrl, openExternal, log });

  let core: LecternCore | undefined;
  let main: MainWindow | undefined;
  let quitting = false;

  const openWindow = (opened: LecternCore) => {
    main = openMainWindow({
      BrowserWindow: electron.BrowserWindow,
      screen: electron.screen,
      preloadPath: join(options.mainDir, '../preload/index.cjs'),
      startUrl: location.startUrl,
      stateFile: join(dataDir, WINDOW_STATE_FILE),
      packaged,
      requestSave: () => opened.events.emit({ type: 'app.closeRequested' }),
      log,
    });
  };

  app.on('second-instance', () => {
    if (main && !main.window.isDestroyed()) main.focus();
    else if (core) openWindow(core);
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  // On macOS an app stays running with no windows until the teacher quits it.
  app.on('window-all-closed', () => {
    if (options.platform !== 'darwin' || quitting) app.quit();
  });
  app.on('will-quit', () => {
    core?.close();
    core = undefined;
    log.info('stopped');
  });

  const ready = async () => {
    const session = electron.session.defaultSession;
    guardSession(session);
    guardSessionTraffic(session, { isTrustedUrl, log });
    try {
      session.setSpellCheckerLanguages(SPELLCHECK_LANGUAGES);
    } catch (error) {
      // A missing dictionary costs the teacher red underlines, not the app.
      log.warn('could not set the spellchecker language', { error: String(error) });
    }
    serveRenderer(electron.protocol, join(options.mainDir, '../renderer'), (id) => core?.assets.get(id));

    const secrets = await createSafeStorageSecretStore({
      safeStorage: electron.safeStorage,
      file: join(dataDir, SECRETS_FILE),
      platform: options.platform,
      log,
    });
    const opened = await openCoreWithRecovery(
      () =>
        createCore({
          dataDir,
          host: 'electron',
          version: app.getVersion(),
          log,
          secrets,
          // LECTERN_AI_* overrides are for development and tests; an installed app ignores them so
          // nobody can redirect a school's AI traffic through the environment.
          env: packaged ? {} : options.env,
          onCloseReady: () => main?.confirmClose() ?? false,
          files: dialogFileChooser(
            dialog,
            () => (main && !main.window.isDestroyed() ? main.window : undefined),
            app.getPath('documents'),
            strings.fileDialogs,
          ),
          importFiles: dialogImportChooser(
            dialog,
            () => (main && !main.window.isDestroyed() ? main.window : undefined),
            app.getPath('documents'),
            strings.fileDialogs,
          ),
        }),
      { restoreBackup: (file) => restoreBackupFile(dataDir, file), startEmpty: () => startEmptyLibrary(dataDir) },
      dialog,
      strings,
      log,
      logDir,
      (epochMs) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(epochMs),
    );
    if (!opened) {
      app.quit();
      return;
    }
    core = opened;

    registerIpcHandlers({
      ipcMain: electron.ipcMain,
      dispatch: opened.dispatch,
      isTrustedSender: createSenderCheck({
        isAppContents: (contents) => main !== undefined && !main.window.isDestroyed() && contents === main.window.webContents,
        isTrustedUrl,
      }),
      log,
    });
    forwardEvents(opened.events, () => (main && !main.window.isDestroyed() ? main.window.webContents : undefined));

    const showAbout = () => {
      const detail = format(strings.menu.aboutDetail, { version: app.getVersion() });
      dialog
        .showMessageBox({ type: 'info', title: strings.menu.about, message: strings.app.name, detail, buttons: [strings.menu.ok] })
        .catch((error: unknown) => log.warn('could not show About', { error: String(error) }));
    };
    const showHelp = () => {
      const detail = format(strings.menu.helpBody, { mod: options.platform === 'darwin' ? 'Cmd' : 'Ctrl' });
      dialog
        .showMessageBox({ type: 'info', title: strings.menu.helpTitle, message: strings.menu.helpTitle, detail, buttons: [strings.menu.ok] })
        .catch((error: unknown) => log.warn('could not show Help', { error: String(error) }));
    };
    const template = buildMenuTemplate(
      strings.menu,
      { command: (command: MenuCommand) => opened.events.emit({ type: 'menu.command', command }), showAbout, showHelp },
      options.platform,
      { appName: strings.app.name, packaged },
    );
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));

    openWindow(opened);
    app.on('activate', () => {
      if (electron.BrowserWindow.getAllWindows().length === 0) openWindow(opened);
    });
  };

  app
    .whenReady()
    .then(ready)
    .catch((error: unknown) => {
      log.error('start-up failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      dialog.showErrorBox(
        strings.menu.startupFailedTitle,
        `${strings.menu.startupFailedUnknown}\n\n${format(strings.menu.startupFailedLogHint, { dir: logDir })}`,
      );
      app.quit();
    });
}
