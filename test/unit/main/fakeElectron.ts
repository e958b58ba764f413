import { vi } from 'vitest';

/**
 * A small stand-in for the `electron` module: just enough of each API for the main process and
 * preload wiring to run under Node, recording what was asked of it. No Electron binary needed.
 */

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  private readonly listeners = new Map<string, { listener: Listener; once: boolean }[]>();

  on(event: string, listener: Listener): this {
    this.add(event, listener, false);
    return this;
  }

  once(event: string, listener: Listener): this {
    this.add(event, listener, true);
    return this;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const entries = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      entries.filter((entry) => !entry.once),
    );
    for (const { listener } of entries) (listener as (...a: unknown[]) => unknown)(...args);
    return entries.length > 0;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  private add(event: string, listener: Listener, once: boolean): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once }]);
  }
}

/** An Electron-style event: `preventDefault()` is recorded. */
export function fakeEvent<T extends object>(params: T = {} as T): T & { preventDefault: () => void; defaultPrevented: boolean } {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let nextContentsId = 1;

export class FakeWebContents extends FakeEmitter {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly mainFrame: FakeFrame = { url: 'app://lectern/index.html', parent: null };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  }

  /** The newest open window stands in for the focused one. */
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.getAllWindows().at(-1) ?? null;
  }

  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => {});
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly maximize = vi.fn(() => {
    this.maximised = true;
  });
  readonly restore = vi.fn();
  /** How many times `close()` was called (by the user's click or by the app). */
  closeCalls = 0;
  destroyed = false;
  maximised = false;
  bounds: { x: number; y: number; width: number; height: number };

  constructor(readonly options: Record<string, unknown>) {
    super();
    this.bounds = {
      x: typeof options['x'] === 'number' ? options['x'] : 100,
      y: typeof options['y'] === 'number' ? options['y'] : 100,
      width: options['width'] as number,
      height: options['height'] as number,
    };
    FakeBrowserWindow.instances.push(this);
  }

  /** Like Electron: emits a cancellable `close`, and if nobody cancels it, destroys the window. */
  close(): void {
    this.closeCalls += 1;
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  isVisible(): boolean {
    return true;
  }
  isMaximized(): boolean {
    return this.maximised;
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    // Electron refuses a second handler on one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
}

/** Reversible and obviously not plaintext: every byte XORed, behind a version prefix like Chromium's. */
export function createFakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const scramble = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  const storage = {
    available: options.available ?? true,
    backend: options.backend ?? 'gnome_libsecret',
    /** Makes the next decryption report a rotated key. */
    reEncryptNext: false,
    isAsyncEncryptionAvailable: vi.fn(async (): Promise<boolean> => storage.available),
    getSelectedStorageBackend: vi.fn((): string => storage.backend),
    encryptStringAsync: vi.fn(async (plain: string): Promise<Buffer> => {
      if (!storage.available) throw new Error('Encryption is not available.');
      return Buffer.concat([Buffer.from('v10'), scramble(Buffer.from(plain, 'utf8'))]);
    }),
    decryptStringAsync: vi.fn(async (encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> => {
      if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext.');
      const shouldReEncrypt = storage.reEncryptNext;
      storage.reEncryptNext = false;
      return { result: scramble(encrypted.subarray(3)).toString('utf8'), shouldReEncrypt };
    }),
  };
  return storage;
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type BeforeRequestHandler = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;
type DeviceHandler = (details: unknown) => boolean;

export function createFakeElectron() {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const calls: string[] = [];

  const app = Object.assign(new FakeEmitter(), {
    isPackaged: true,
    userData: '',
    hasLock: true,
    requestSingleInstanceLock: vi.fn((): boolean => app.hasLock),
    quit: vi.fn(() => {
      calls.push('app.quit');
    }),
    enableSandbox: vi.fn(() => {
      calls.push('app.enableSandbox');
    }),
    setAppUserModelId: vi.fn(),
    getPath: vi.fn((name: string): string => {
      if (name === 'documents') return `${app.userData}/Documents`;
      if (name !== 'userData') throw new Error(`unexpected path ${name}`);
      return app.userData;
    }),
    getVersion: () => '0.1.0-test',
    whenReady: () => ready,
    /** Lets a test check what happened before `ready`. */
    makeReady: () => {
      calls.push('ready');
      markReady();
    },
  });

  const safeStorage = createFakeSafeStorage();

  const defaultSession = {
    permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
    permissionCheckHandler: undefined as PermissionCheckHandler | undefined,
    deviceHandler: undefined as DeviceHandler | undefined,
    spellCheckerLanguages: [] as string[],
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      defaultSession.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler) {
      defaultSession.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: DeviceHandler) {
      defaultSession.deviceHandler = handler;
    },
    setSpellCheckerLanguages(languages: string[]) {
      defaultSession.spellCheckerLanguages = languages;
    },
    beforeRequest: undefined as BeforeRequestHandler | undefined,
    webRequest: {
      onBeforeRequest(_filter: unknown, handler: BeforeRequestHandler) {
        defaultSession.beforeRequest = handler;
      },
    },
    sessionListeners: new Map<string, Array<(event: { preventDefault(): void }) => void>>(),
    on(name: string, listener: (event: { preventDefault(): void }) => void) {
      defaultSession.sessionListeners.set(name, [...(defaultSession.sessionListeners.get(name) ?? []), listener]);
    },
  };

  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => {
      calls.push('protocol.registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    }),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
      protocol.handlers.set(scheme, handler);
    }),
  };

  const exposed = new Map<string, unknown>();
  const ipcRendererListeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();

  FakeBrowserWindow.instances.length = 0;

  return {
    calls,
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    protocol,
    session: { defaultSession },
    safeStorage,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    shell: { openExternal: vi.fn(async (_url: string) => {}) },
    dialog: {
      showErrorBox: vi.fn((_title: string, _content: string) => {}),
      showMessageBox: vi.fn(async (_options: unknown) => ({ response: 0, checkboxChecked: false })),
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
      setApplicationMenu: vi.fn((_menu: unknown) => {}),
    },
    contextBridge: {
      exposed,
      exposeInMainWorld: vi.fn((key: string, api: unknown) => {
        exposed.set(key, api);
      }),
    },
    ipcRenderer: {
      listeners: ipcRendererListeners,
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
      on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        ipcRendererListeners.set(channel, [...(ipcRendererListeners.get(channel) ?? []), listener]);
      }),
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
