import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from '../../../electron/contract';
import { enGB } from '../../../electron/contract/i18n/en-GB';
import { buildMenuTemplate, type MenuActions } from '../../../electron/main/menu';

function build(platform: NodeJS.Platform, packaged = true) {
  const actions: MenuActions = { command: vi.fn(), showAbout: vi.fn(), showHelp: vi.fn() };
  const template = buildMenuTemplate(enGB.menu, actions, platform, { appName: 'Lectern', packaged });
  const all = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? all(item.submenu) : [])]);
  const items = all(template);
  const byLabel = (label: string) => {
    const found = items.filter((item) => item.label === label);
    expect(found, label).toHaveLength(1);
    return found[0] as MenuItemConstructorOptions;
  };
  const click = (label: string) => (byLabel(label).click as () => void)();
  return { template, actions, items, byLabel, click, menus: template.map((menu) => menu.label) };
}

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help on Windows and Linux', () => {
    expect(build('win32').menus).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(build('linux').menus).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('adds the app menu first on macOS, with About and Quit there', () => {
    const mac = build('darwin');
    expect(mac.menus).toEqual(['Lectern', 'File', 'Edit', 'View', 'Window', 'Help']);
    const appMenu = mac.template[0]?.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((item) => item.role ?? item.label).filter(Boolean)).toEqual(['About Lectern', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(mac.byLabel('Close Window').role).toBe('close');
  });

  it.each([
    ['New Lesson', 'CmdOrCtrl+N', 'new-document'],
    ['Save Now', 'CmdOrCtrl+S', 'save-now'],
    ['Find in Library', 'CmdOrCtrl+Shift+F', 'focus-search'],
    ['Rename Lesson…', undefined, 'rename-document'],
    ['Delete Lesson…', undefined, 'delete-document'],
    ['Save Version…', undefined, 'save-version'],
    ['Show Trash', undefined, 'show-trash'],
    ['Export Library…', undefined, 'export-library'],
    ['Import Library…', undefined, 'import-library'],
  ] as const)('%s (%s) sends %s to the renderer', (label, accelerator, command) => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const menu = build(platform);
      expect(menu.byLabel(label).accelerator).toBe(accelerator);
      menu.click(label);
      expect(menu.actions.command).toHaveBeenCalledWith(command);
    }
  });

  it('reaches every menu command the contract declares', () => {
    const menu = build('win32');
    for (const item of menu.items) if (item.click && item.label !== 'About Lectern' && item.label !== 'Lectern Help') (item.click as () => void)();
    expect(vi.mocked(menu.actions.command).mock.calls.map(([command]) => command).sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('uses native roles for editing, including paste as plain text', () => {
    const roles = build('win32').items.map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'selectAll']));
    expect(build('win32').byLabel('Paste as Plain Text').role).toBe('pasteAndMatchStyle');
  });

  it('offers reload and developer tools only when running from source', () => {
    const rolesOf = (packaged: boolean) => build('linux', packaged).items.map((item) => item.role);
    expect(rolesOf(true)).not.toContain('toggleDevTools');
    expect(rolesOf(true)).not.toContain('reload');
    expect(rolesOf(false)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(rolesOf(true)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
  });

  it('ends File with Exit on Windows and Quit elsewhere', () => {
    expect(build('win32').byLabel('Exit').role).toBe('quit');
    expect(build('linux').byLabel('Quit Lectern').role).toBe('quit');
  });

  it('Help offers Lectern Help and About', () => {
    const menu = build('win32');
    menu.click('Lectern Help');
    menu.click('About Lectern');
    expect(menu.actions.showHelp).toHaveBeenCalled();
    expect(menu.actions.showAbout).toHaveBeenCalled();
  });

  it('takes every label from the string catalogue', () => {
    const labels = new Set<string>(Object.values(enGB.menu));
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      for (const item of build(platform, false).items) {
        if (item.type === 'separator') continue;
        expect(item.label === 'Lectern' || labels.has(item.label ?? ''), `${platform}: ${item.label}`).toBe(true);
      }
    }
  });
});
