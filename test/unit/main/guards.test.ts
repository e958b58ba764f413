import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { askBeforeOpening, externalUrl, guardAllWebContents, guardSession, guardSessionTraffic, guardWebContents, isAllowedRequest } from '../../../electron/main/guards';
import { APP_ENTRY_URL, rendererLocation, trustedUrlCheck } from '../../../electron/main/origin';
import { tempDir } from '../../helpers/tempDir';
import { FakeEmitter, FakeWebContents, createFakeElectron, fakeEvent } from './fakeElectron';
import { recordingLogger } from './recordingLogger';

function guarded(location = rendererLocation(true, {})) {
  const contents = new FakeWebContents();
  const openExternal = vi.fn(async (_url: string) => {});
  const log = recordingLogger();
  guardWebContents(contents as unknown as WebContents, { isTrustedUrl: trustedUrlCheck(location), openExternal, log });
  const navigate = (event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string) => {
    const e = fakeEvent({ url });
    contents.emit(event, e, url);
    return e.defaultPrevented;
  };
  const open = (url: string) => contents.windowOpenHandler?.({ url });
  return { contents, openExternal, log, navigate, open };
}

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)('%s: another origin is prevented', (event) => {
    const { navigate, log } = guarded();
    expect(navigate(event, 'https://evil.example/phish')).toBe(true);
    expect(navigate(event, 'file:///etc/passwd')).toBe(true);
    expect(navigate(event, 'app://other/index.html')).toBe(true);
    expect(navigate(event, 'javascript:alert(1)')).toBe(true);
    // Only the origin is logged, never the path or query.
    expect(log.text()).toContain('https://evil.example');
    expect(log.text()).not.toContain('phish');
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)('%s: staying within app://lectern is allowed', (event) => {
    const { navigate } = guarded();
    expect(navigate(event, APP_ENTRY_URL)).toBe(false);
    expect(navigate(event, 'app://lectern/index.html#/lesson/1')).toBe(false);
  });

  it('allow the dev server only when running from source, and only on loopback', () => {
    const dev = guarded(rendererLocation(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' }));
    expect(dev.navigate('will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(dev.navigate('will-navigate', 'http://localhost:5174/')).toBe(true);
    expect(dev.navigate('will-navigate', 'https://localhost:5173/')).toBe(true);

    expect(rendererLocation(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toEqual({ startUrl: APP_ENTRY_URL });
    expect(rendererLocation(false, { ELECTRON_RENDERER_URL: 'http://evil.example:5173' })).toEqual({ startUrl: APP_ENTRY_URL });
  });

  it('refuse <webview>', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('new windows', () => {
  it('are always denied; http(s) links go to the system browser', async () => {
    const { open, openExternal } = guarded();
    expect(open('https://www.bbc.co.uk/bitesize')).toEqual({ action: 'deny' });
    expect(open('http://example.com/a?b=c')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openExternal.mock.calls.map(([url]) => url)).toEqual(['https://www.bbc.co.uk/bitesize', 'http://example.com/a?b=c']);
  });

  it.each([
    'javascript:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://lectern/index.html',
    'data:text/html,<script>1</script>',
    'not a url',
  ])('%s is denied and not opened anywhere', async (url) => {
    const { open, openExternal } = guarded();
    expect(open(url)).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('a failure to open the browser is logged, not thrown', async () => {
    const contents = new FakeWebContents();
    const log = recordingLogger();
    const openExternal = vi.fn(async () => {
      throw new Error('no browser');
    });
    guardWebContents(contents as unknown as WebContents, { isTrustedUrl: () => true, openExternal, log });
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(log.text()).toContain('could not open link'));
  });

  it('externalUrl normalises http(s) and refuses everything else', () => {
    expect(externalUrl('HTTPS://Example.COM/x')).toBe('https://example.com/x');
    expect(externalUrl('mailto:head@school.example')).toBeUndefined();
  });
});

describe('opening a link in the browser', () => {
  const asking = (response: number) => {
    const fake = createFakeElectron();
    fake.dialog.showMessageBox.mockResolvedValue({ response, checkboxChecked: false });
    return { fake, open: askBeforeOpening({ dialog: fake.dialog as never, shell: fake.shell as never }) };
  };
  const asked = (fake: ReturnType<typeof createFakeElectron>) => fake.dialog.showMessageBox.mock.calls.map(([options]) => options as Record<string, unknown>);

  it('asks first, naming the host, and opens only on "Open in browser"', async () => {
    const yes = asking(0);
    await yes.open('https://www.bbc.co.uk/bitesize/topics/zc9d7ty');
    expect(asked(yes.fake)).toEqual([
      expect.objectContaining({
        type: 'question',
        message: 'Open this link in your web browser? It goes to www.bbc.co.uk',
        detail: expect.stringContaining('https://www.bbc.co.uk/bitesize/topics/zc9d7ty'),
        buttons: ['Open in browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      }),
    ]);
    expect(yes.fake.shell.openExternal).toHaveBeenCalledWith('https://www.bbc.co.uk/bitesize/topics/zc9d7ty');

    const no = asking(1);
    await no.open('https://www.bbc.co.uk/bitesize');
    expect(no.fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(no.fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('names the host the link really goes to, not what it pretends to be', async () => {
    const { fake, open } = asking(1);
    await open('https://www.bbc.co.uk@evil.example/login');
    await open('https://bbс.co.uk/'); // a Cyrillic "с"
    await open(`https://example.com/?q=${'x'.repeat(1000)}`);
    const [userInfo, lookAlike, long] = asked(fake);
    expect(userInfo!.message).toBe('Open this link in your web browser? It goes to evil.example');
    expect(lookAlike!.message).toMatch(/It goes to xn--bb-[a-z0-9]+\.co\.uk$/);
    expect((long!.detail as string).length).toBeLessThan(450);
  });

  it('is what the main process uses for links from its pages', async () => {
    const dir = tempDir();
    vi.resetModules();
    const fake = createFakeElectron();
    fake.app.userData = dir.path;
    fake.dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    vi.doMock('electron', () => fake);
    try {
      await import('../../../electron/main/index');
      const contents = new FakeWebContents();
      fake.app.emit('web-contents-created', fakeEvent(), contents);
      expect(contents.windowOpenHandler?.({ url: 'https://evil.example/phish' })).toEqual({ action: 'deny' });
      await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1));
      expect(asked(fake)[0]!.message).toBe('Open this link in your web browser? It goes to evil.example');
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(fake.shell.openExternal).not.toHaveBeenCalled();
    } finally {
      fake.app.emit('will-quit');
      vi.doUnmock('electron');
      dir.dispose();
    }
  });
});

describe('every web contents', () => {
  it('is guarded as soon as it is created', () => {
    const app = new FakeEmitter();
    guardAllWebContents(app as unknown as App, {
      isTrustedUrl: trustedUrlCheck(rendererLocation(true, {})),
      openExternal: vi.fn(async () => {}),
      log: recordingLogger(),
    });
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({ action: 'deny' });
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });
});

describe('session permissions', () => {
  it('refuses every permission request and check', () => {
    const { session } = createFakeElectron();
    const ses = session.defaultSession;
    guardSession(ses as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler?.({}, permission)).toBe(false);
    }
    expect(ses.deviceHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('page traffic', () => {
  const trusted = (url: string) => url.startsWith('app://lectern/') || url.startsWith('http://localhost:5173/');

  it.each([
    ['app://lectern/assets/index.js', true],
    ['data:image/png;base64,AAAA', true],
    ['blob:app://lectern/1234', true],
    ['http://localhost:5173/src/main.tsx', true],
    ['ws://localhost:5173/', true],
    ['https://api.openai.com/v1/chat/completions', false],
    ['https://evil.example/beacon?lesson=secret', false],
    ['http://127.0.0.1:11434/v1/models', false],
    ['file:///etc/passwd', false],
    ['ws://evil.example/', false],
    ['app://other/x', false],
    ['not a url', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isAllowedRequest(url, trusted)).toBe(allowed);
  });

  it('cancels what is not allowed, logs only the origin, and refuses downloads', () => {
    const { session } = createFakeElectron();
    const ses = session.defaultSession;
    const log = recordingLogger();
    guardSessionTraffic(ses as unknown as Parameters<typeof guardSessionTraffic>[0], { isTrustedUrl: trusted, log });
    const answer = vi.fn();
    ses.beforeRequest?.({ url: 'https://evil.example/beacon?lesson=secret' }, answer);
    expect(answer).toHaveBeenCalledWith({ cancel: true });
    ses.beforeRequest?.({ url: 'app://lectern/index.html' }, answer);
    expect(answer).toHaveBeenLastCalledWith({ cancel: false });
    expect(JSON.stringify(log.lines)).not.toContain('secret');
    const download = { preventDefault: vi.fn() };
    for (const listener of ses.sessionListeners.get('will-download') ?? []) listener(download);
    expect(download.preventDefault).toHaveBeenCalled();
  });
});
