import type { App, BaseWindow, Dialog, Event, MessageBoxOptions, Session, Shell, WebContents } from 'electron';
import { enGB, format } from '../contract/i18n/en-GB';
import type { Logger } from '../core/log';
import { parseUrl } from './origin';

export interface ContentGuardOptions {
  /** True for the app's own pages (app://lectern, or the dev server when running from source). */
  isTrustedUrl(url: string): boolean;
  openExternal(url: string): Promise<void>;
  log: Logger;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Links may only leave the app for the system browser, and only as http(s): file:, smb:, and
 * custom handlers such as ms-msdt: can run programs or leak NTLM credentials on Windows.
 */
export function externalUrl(url: string): string | undefined {
  const parsed = parseUrl(url);
  return parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? parsed.href : undefined;
}

export interface ExternalLinkDeps {
  dialog: Pick<Dialog, 'showMessageBox'>;
  shell: Pick<Shell, 'openExternal'>;
  /** The window the question belongs to (it is then modal to it), when there is one. */
  parentWindow?: () => BaseWindow | undefined;
  strings?: typeof enGB.externalLink;
}

/** Longest address shown in full in the question; a longer one is cut (the host is shown apart). */
const SHOWN_URL_CHARS = 300;

/**
 * `openExternal` that asks first, naming the host the link really goes to (`URL.host`: lower
 * case, punycode for look-alike letters, no user info), because a lesson's link text can say
 * anything. Cancel is the default and Escape; only "Open in browser" opens it.
 */
export function askBeforeOpening(deps: ExternalLinkDeps): (url: string) => Promise<void> {
  const t = deps.strings ?? enGB.externalLink;
  return async (url) => {
    const parsed = parseUrl(url);
    if (!parsed) return;
    const shown = parsed.href.length > SHOWN_URL_CHARS ? `${parsed.href.slice(0, SHOWN_URL_CHARS)}…` : parsed.href;
    const options: MessageBoxOptions = {
      type: 'question',
      title: t.title,
      message: format(t.message, { host: parsed.host }),
      detail: format(t.detail, { url: shown }),
      buttons: [t.open, t.cancel],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    };
    const parent = deps.parentWindow?.();
    const { response } = parent ? await deps.dialog.showMessageBox(parent, options) : await deps.dialog.showMessageBox(options);
    if (response === 0) await deps.shell.openExternal(parsed.href);
  };
}

/** What the log may say about a URL: its origin, never a path or query that might carry lesson text. */
function originOf(url: string): string {
  const parsed = parseUrl(url);
  return parsed ? `${parsed.protocol}//${parsed.host}` : 'unparseable';
}

export function guardWebContents(contents: GuardedContents, options: ContentGuardOptions): void {
  const stayInApp = (event: Event<{ url: string }>) => {
    if (options.isTrustedUrl(event.url)) return;
    event.preventDefault();
    options.log.warn('blocked navigation', { to: originOf(event.url) });
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log.warn('blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrl(url);
    if (external) {
      // Started on a later tick so that even a synchronous throw lands in the catch below.
      Promise.resolve(external).then(options.openExternal).catch((error: unknown) => {
        options.log.warn('could not open link in the browser', { to: originOf(external), error: String(error) });
      });
    } else {
      options.log.warn('blocked a new window', { to: originOf(url) });
    }
    return { action: 'deny' };
  });
}

/** Every web contents the app ever creates (windows, devtools, anything a page manages to start). */
export function guardAllWebContents(app: Pick<App, 'on'>, options: ContentGuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}

/**
 * Lectern needs no web permission: no camera, microphone, location, notifications, clipboard
 * reads, USB, HID or serial devices. Refusing them all means a compromised page cannot ask.
 */
export function guardSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

type TrafficSession = Pick<Session, 'on'> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> };

/**
 * A second wall behind the CSP: the renderer may load only the app's own pages (and the dev
 * server when running from source), plus data: and blob: URLs it makes itself. Nothing it does
 * reaches the network; AI calls are made by core in the main process, after redaction. Downloads
 * are refused: Lectern saves files only through its own dialogs.
 */
export function guardSessionTraffic(session: TrafficSession, options: Pick<ContentGuardOptions, 'isTrustedUrl' | 'log'>): void {
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAllowedRequest(details.url, options.isTrustedUrl);
    if (!allowed) options.log.warn('blocked a request from a page', { to: originOf(details.url) });
    callback({ cancel: !allowed });
  });
  session.on('will-download', (event) => {
    event.preventDefault();
    options.log.warn('blocked a download');
  });
}

export function isAllowedRequest(url: string, isTrustedUrl: (url: string) => boolean): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:') return true;
  if (isTrustedUrl(url)) return true;
  // The dev server's hot-reload socket: trusted exactly when its http(s) twin is.
  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') {
    return isTrustedUrl(url.replace(/^ws/, 'http'));
  }
  return false;
}
