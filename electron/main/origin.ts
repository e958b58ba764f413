/**
 * Where the renderer lives. In a built app that is always app://lectern; when running from source
 * with `npm run dev` it is also the Vite dev server on loopback. Everything that decides "is this
 * our own page?" (navigation guards, the IPC sender check) asks the one function made here.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lectern';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface RendererLocation {
  /** The URL the main window loads. */
  startUrl: string;
  /** `protocol//host` of the dev server, when the renderer comes from one. */
  devServer?: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * electron-vite sets ELECTRON_RENDERER_URL in `npm run dev`. A packaged app ignores it, and a
 * non-loopback value is ignored too, so a stray environment variable can never point the app (and
 * its privileged preload) at a page on the network.
 */
export function rendererLocation(isPackaged: boolean, env: Record<string, string | undefined>): RendererLocation {
  const devUrl = env['ELECTRON_RENDERER_URL'];
  if (!isPackaged && devUrl) {
    const parsed = parseUrl(devUrl);
    if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && LOOPBACK_HOSTS.has(parsed.hostname)) {
      return { startUrl: parsed.href, devServer: `${parsed.protocol}//${parsed.host}` };
    }
  }
  return { startUrl: APP_ENTRY_URL };
}

/**
 * Custom schemes have an opaque `origin` ("null") in WHATWG URL parsing, so the comparison is on
 * protocol and host rather than on `URL.origin`.
 */
export function trustedUrlCheck(location: RendererLocation): (url: string) => boolean {
  return (url) => {
    const parsed = parseUrl(url);
    if (!parsed) return false;
    if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
    return location.devServer !== undefined && `${parsed.protocol}//${parsed.host}` === location.devServer;
  };
}

export function parseUrl(url: string): URL | undefined {
  return URL.canParse(url) ? new URL(url) : undefined;
}
