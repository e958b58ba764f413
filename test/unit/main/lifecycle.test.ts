import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannel, type Result } from '../../../electron/contract';
import { tempDir } from '../../helpers/tempDir';
import { createFakeElectron, type FakeBrowserWindow, type FakeElectron } from './fakeElectron';

/**
 * Runs the real main entry (electron/main/index.ts) against the fake `electron` module: every
 * test gets a fresh module graph and a fresh fake, so a fresh start.
 */
async function launch(configure: (fake: FakeElectron) => void = () => {}) {
  vi.resetModules();
  const fake = createFakeElectron();
  vi.doMock('electron', () => fake);
  configure(fake);
  await import('../../../electron/main/index');
  return fake;
}

async function ready(fake: FakeElectron): Promise<FakeBrowserWindow> {
  fake.app.makeReady();
  await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
  return fake.BrowserWindow.instances[0] as FakeBrowserWindow;
}

describe('the main process', () => {
  let dir: ReturnType<typeof tempDir>;
  let running: FakeElectron | undefined;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    running?.app.emit('will-quit');
    running = undefined;
    vi.useRealTimers();
    dir.dispose();
  });

  const start = async (configure: (fake: FakeElectron) => void = () => {}) => {
    running = await launch((fake) => {
      fake.app.userData = dir.path;
      configure(fake);
    });
    return running;
  };

  it('prepares the sandbox and the app:// scheme before ready', async () => {
    const fake = await start();
    expect(fake.calls).toEqual(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged']);
    // Guards are in place before any web contents can exist.
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    await ready(fake);
    expect(fake.calls.indexOf('ready')).toBeGreaterThan(fake.calls.indexOf('protocol.registerSchemesAsPrivileged'));
  });

  it('opens one secure window on app://lectern, with the preload beside the built main', async () => {
    const fake = await start();
    const window = await ready(fake);
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false });
    expect(String(prefs['preload']).replaceAll('\\', '/')).toMatch(/electron\/preload\/index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://lectern/index.html');
    expect([...fake.protocol.handlers.keys()]).toEqual(['app']);
    expect(fake.session.defaultSession.spellCheckerLanguages).toEqual(['en-GB']);
    expect(fake.session.defaultSession.permissionCheckHandler?.({}, 'media')).toBe(false);
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('loads the dev server only when not packaged', async () => {
    const fake = await start((f) => {
      f.app.isPackaged = false;
      vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    });
    const window = await ready(fake);
    vi.unstubAllEnvs();
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('registers exactly the contract methods and answers our window', async () => {
    const fake = await start();
    const window = await ready(fake);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
    const info = (await fake.ipcMain.handlers.get(ipcChannel('app.info'))?.(
      { sender: window.webContents, senderFrame: { url: 'app://lectern/index.html', parent: null } },
      {},
    )) as Result<unknown>;
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', version: '0.1.0-test' } });
    const refused = (await fake.ipcMain.handlers.get(ipcChannel('app.info'))?.(
      { sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      {},
    )) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('sends menu commands to the renderer as events', async () => {
    const fake = await start();
    const window = await ready(fake);
    const template = vi.mocked(fake.Menu.buildFromTemplate).mock.calls[0]?.[0] as { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    const file = template.find((menu) => menu.label === 'File');
    file?.submenu?.find((item) => item.label === 'New Lesson')?.click?.();
    expect(window.webContents.sent).toContainEqual({ channel: IPC_EVENT_CHANNEL, payload: { type: 'menu.command', command: 'new-document' } });
  });

  it('asks the renderer to save before closing, and closes when it confirms', async () => {
    const fake = await start();
    const window = await ready(fake);
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.webContents.sent).toContainEqual({ channel: IPC_EVENT_CHANNEL, payload: { type: 'app.closeRequested' } });
    const answer = (await fake.ipcMain.handlers.get(ipcChannel('app.closeReady'))?.(
      { sender: window.webContents, senderFrame: { url: 'app://lectern/index.html', parent: null } },
      {},
    )) as Result<unknown>;
    expect(answer).toEqual({ ok: true, value: { closing: true } });
    await vi.waitFor(() => expect(window.isDestroyed()).toBe(true));
    // The window's place was remembered on the way out.
    expect(JSON.parse(readFileSync(join(dir.path, 'window-state.json'), 'utf8'))).toMatchObject({ width: 1280, maximised: false });
  });

  it('quits when the last window closes (not on macOS), closing the library', async () => {
    const fake = await start();
    await ready(fake);
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalled();
    fake.app.emit('will-quit');
    running = undefined;
    expect(readFileSync(join(dir.path, 'logs', 'main.log'), 'utf8')).toMatch(/info stopped/);
  });

  it('focuses the existing window when a second copy is started', async () => {
    const fake = await start();
    const window = await ready(fake);
    fake.app.emit('second-instance', {}, ['lectern'], '/');
    expect(window.focus).toHaveBeenCalled();
  });

  it('a second copy quits at once, before opening anything', async () => {
    const fake = await start((f) => {
      f.app.hasLock = false;
    });
    expect(fake.app.quit).toHaveBeenCalled();
    fake.app.makeReady();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(existsSync(join(dir.path, 'library.sqlite'))).toBe(false);
    running = undefined;
  });

  it('a damaged library is moved aside; the teacher may quit, and nothing opens', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir.path, 'library.sqlite'), 'not a database '.repeat(300));
    const fake = await start();
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false }); // [Start empty, Quit]
    fake.app.makeReady();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    const asked = fake.dialog.showMessageBox.mock.calls[0]?.[0] as { message: string; detail: string; buttons: string[] };
    expect(asked.message).toBe('The library file is damaged');
    expect(asked.detail).toMatch(/moved the damaged file aside, untouched/);
    expect(asked.buttons).toEqual(['Start with an empty library', 'Quit']);
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('a damaged library can be replaced by an empty one, keeping the damaged file aside', async () => {
    const { writeFileSync, readdirSync } = await import('node:fs');
    writeFileSync(join(dir.path, 'library.sqlite'), 'not a database '.repeat(300));
    const fake = await start();
    fake.app.makeReady(); // the fake answers 0: Start with an empty library
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
    expect(readdirSync(dir.path).some((f) => f.startsWith('damaged-'))).toBe(true);
    expect(fake.app.quit).not.toHaveBeenCalled();
  });
});
