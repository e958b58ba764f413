import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannel, type Result } from '../../../electron/contract';
import { createCore, type LecternCore } from '../../../electron/core/app';
import { EventHub } from '../../../electron/core/events';
import type { Dispatch } from '../../../electron/core/rpc/dispatch';
import { createSenderCheck, forwardEvents, registerIpcHandlers } from '../../../electron/main/ipc';
import { rendererLocation, trustedUrlCheck } from '../../../electron/main/origin';
import { tempDir } from '../../helpers/tempDir';
import { FakeIpcMain, FakeWebContents, type FakeFrame } from './fakeElectron';
import { recordingLogger } from './recordingLogger';

const APP_PAGE = 'app://lectern/index.html';

function setup(dispatch: Dispatch = vi.fn(async (_name: string, _payload: unknown): Promise<Result<unknown>> => ({ ok: true, value: 'dispatched' }))) {
  const ipcMain = new FakeIpcMain();
  const appContents = new FakeWebContents();
  const log = recordingLogger();
  registerIpcHandlers({
    ipcMain: ipcMain as unknown as IpcMain,
    dispatch,
    isTrustedSender: createSenderCheck({
      isAppContents: (contents) => contents === (appContents as unknown as WebContents),
      isTrustedUrl: trustedUrlCheck(rendererLocation(true, {})),
    }),
    log,
  });
  const invoke = async (channel: string, event: { sender: FakeWebContents; senderFrame: FakeFrame | null }, payload: unknown) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler(event as unknown as IpcMainInvokeEvent, payload)) as Result<unknown>;
  };
  const fromApp = (url = APP_PAGE) => ({ sender: appContents, senderFrame: { url, parent: null } });
  return { ipcMain, appContents, dispatch, log, invoke, fromApp };
}

describe('IPC registration', () => {
  it('registers exactly one handler per contract method and nothing else', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
    expect(ipcMain.handlers.size).toBe(METHOD_NAMES.length);
  });

  it('an undeclared channel has no handler', async () => {
    const { invoke, fromApp } = setup();
    await expect(invoke('lectern:shell.exec', fromApp(), {})).rejects.toThrow(/No handler/);
  });

  it('passes a call from our own top frame to dispatch, with its method name and payload', async () => {
    const { invoke, fromApp, dispatch } = setup();
    const result = await invoke(ipcChannel('documents.list'), fromApp(), {});
    expect(result).toEqual({ ok: true, value: 'dispatched' });
    expect(dispatch).toHaveBeenCalledWith('documents.list', {});
  });
});

describe('the sender check', () => {
  const foreign: [string, (s: ReturnType<typeof setup>) => { sender: FakeWebContents; senderFrame: FakeFrame | null }][] = [
    ['a top frame at https://evil.example', (s) => s.fromApp('https://evil.example/')],
    ['a file:// page', (s) => s.fromApp('file:///C:/Users/teacher/evil.html')],
    ['another app:// host', (s) => s.fromApp('app://evil/index.html')],
    ['the dev server in a packaged app', (s) => s.fromApp('http://localhost:5173/')],
    ['a subframe showing our own page', (s) => ({ sender: s.appContents, senderFrame: { url: APP_PAGE, parent: { url: APP_PAGE, parent: null } } })],
    ['a subframe at https://evil.example', (s) => ({ sender: s.appContents, senderFrame: { url: 'https://evil.example/', parent: s.appContents.mainFrame } })],
    ['a frame that has gone (senderFrame null)', (s) => ({ sender: s.appContents, senderFrame: null })],
    ['some other web contents showing our page', () => ({ sender: new FakeWebContents(), senderFrame: { url: APP_PAGE, parent: null } })],
  ];

  it.each(foreign)('refuses %s with FORBIDDEN before dispatch', async (_label, makeEvent) => {
    const s = setup();
    const result = await s.invoke(ipcChannel('documents.delete'), makeEvent(s), { id: '00000000-0000-4000-8000-000000000000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(s.dispatch).not.toHaveBeenCalled();
    // The refusal is logged by method name only, never with the payload.
    expect(s.log.text()).toContain('documents.delete');
    expect(s.log.text()).not.toContain('00000000-0000-4000');
  });

  it('accepts the dev server only when the app runs from source', async () => {
    const dev = createSenderCheck({
      isAppContents: () => true,
      isTrustedUrl: trustedUrlCheck(rendererLocation(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })),
    });
    const event = (url: string) => ({ sender: {}, senderFrame: { url, parent: null } }) as unknown as IpcMainInvokeEvent;
    expect(dev(event('http://localhost:5173/'))).toBe(true);
    expect(dev(event('http://127.0.0.1:5173/'))).toBe(false);
  });

  it('turns a dispatcher that throws into INTERNAL without a stack', async () => {
    const s = setup(
      vi.fn(async () => {
        throw new Error('boom at /home/teacher/secret/path.ts:12');
      }),
    );
    const result = await s.invoke(ipcChannel('app.info'), s.fromApp(), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret/path');
  });
});

describe('IPC with the real core', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: LecternCore;

  beforeEach(() => {
    dir = tempDir();
    core = createCore({ dataDir: dir.path, host: 'electron', version: '0.0.0-test' });
  });
  afterEach(() => {
    core.close();
    dir.dispose();
  });

  it('a malformed payload from the right sender gets VALIDATION', async () => {
    const dispatch = vi.fn(core.dispatch);
    const { invoke, fromApp } = setup(dispatch);
    for (const payload of [{ id: 'not-a-uuid' }, { id: 42 }, 'documents', null, [1, 2], { id: '00000000-0000-4000-8000-000000000000', extra: true }]) {
      const result = await invoke(ipcChannel('documents.get'), fromApp(), payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(dispatch).toHaveBeenCalledTimes(6);
  });

  it('a well-formed call reaches core and returns its typed result', async () => {
    const { invoke, fromApp } = setup(core.dispatch);
    const info = await invoke(ipcChannel('app.info'), fromApp(), {});
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', version: '0.0.0-test' } });
  });
});

describe('event forwarding', () => {
  it("sends core's events to the window on the one event channel, and stops when the window is gone", () => {
    const events = new EventHub();
    const contents = new FakeWebContents();
    const stop = forwardEvents(events, () => contents as unknown as WebContents);
    events.emit({ type: 'app.closeRequested' });
    events.emit({ type: 'menu.command', command: 'save-now' });
    expect(contents.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, payload: { type: 'app.closeRequested' } },
      { channel: IPC_EVENT_CHANNEL, payload: { type: 'menu.command', command: 'save-now' } },
    ]);
    contents.destroyed = true;
    events.emit({ type: 'app.closeRequested' });
    expect(contents.sent).toHaveLength(2);
    contents.destroyed = false;
    stop();
    events.emit({ type: 'app.closeRequested' });
    expect(contents.sent).toHaveLength(2);
  });
});
