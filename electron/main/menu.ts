import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract';
import type { Strings } from '../contract/i18n/en-GB';

export interface MenuActions {
  /** Sends a command to the renderer, which owns the current lesson. */
  command(command: MenuCommand): void;
  showAbout(): void;
  showHelp(): void;
}

export interface MenuOptions {
  appName: string;
  /** Reload and developer tools are for people running Lectern from source. */
  packaged: boolean;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The application menu as data, so a test can read it. Lesson commands go to the renderer as
 * `menu.command` events; editing, zoom and window commands use Electron's roles, which follow each
 * platform's conventions (and work inside the editor's contenteditable).
 */
export function buildMenuTemplate(
  strings: Strings['menu'],
  actions: MenuActions,
  platform: NodeJS.Platform,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(name),
  });
  const about: MenuItemConstructorOptions = { label: strings.about, click: () => actions.showAbout() };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [
            about,
            separator,
            { role: 'services', label: strings.services },
            separator,
            { role: 'hide', label: strings.hide },
            { role: 'hideOthers', label: strings.hideOthers },
            { role: 'unhide', label: strings.showAll },
            separator,
            { role: 'quit', label: strings.quit },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: strings.file,
    submenu: [
      command(strings.newLesson, 'new-document', 'CmdOrCtrl+N'),
      command(strings.saveNow, 'save-now', 'CmdOrCtrl+S'),
      separator,
      command(strings.saveVersion, 'save-version'),
      command(strings.renameLesson, 'rename-document'),
      command(strings.deleteLesson, 'delete-document'),
      separator,
      command(strings.showTrash, 'show-trash'),
      command(strings.exportLibrary, 'export-library'),
      command(strings.importLibrary, 'import-library'),
      command(strings.importFiles, 'import-files'),
      separator,
      mac ? { role: 'close', label: strings.close } : { role: 'quit', label: platform === 'win32' ? strings.exit : strings.quit },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: strings.edit,
    submenu: [
      { role: 'undo', label: strings.undo },
      { role: 'redo', label: strings.redo },
      separator,
      { role: 'cut', label: strings.cut },
      { role: 'copy', label: strings.copy },
      { role: 'paste', label: strings.paste },
      { role: 'pasteAndMatchStyle', label: strings.pasteAsPlainText },
      { role: 'selectAll', label: strings.selectAll },
      separator,
      // Ctrl+K stays with the editor, where teachers expect it to add a link (as in Word and Docs).
      command(strings.find, 'focus-search', 'CmdOrCtrl+Shift+F'),
    ],
  };

  const developer: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [{ role: 'reload', label: strings.reload }, { role: 'toggleDevTools', label: strings.toggleDevTools }, separator];

  const view: MenuItemConstructorOptions = {
    label: strings.view,
    submenu: [
      ...developer,
      { role: 'resetZoom', label: strings.resetZoom },
      { role: 'zoomIn', label: strings.zoomIn },
      { role: 'zoomOut', label: strings.zoomOut },
      separator,
      { role: 'togglefullscreen', label: strings.toggleFullScreen },
    ],
  };

  const window: MenuItemConstructorOptions = {
    label: strings.window,
    role: 'window',
    submenu: mac
      ? [
          { role: 'minimize', label: strings.minimise },
          { role: 'zoom', label: strings.zoom },
          separator,
          { role: 'front', label: strings.bringAllToFront },
        ]
      : [
          { role: 'minimize', label: strings.minimise },
          { role: 'close', label: strings.close },
        ],
  };

  const help: MenuItemConstructorOptions = {
    label: strings.help,
    role: 'help',
    submenu: [
      { label: strings.learnMore, click: () => actions.showHelp() },
      ...(mac ? [] : [separator, about]),
    ],
  };

  return [...appMenu, file, edit, view, window, help];
}
