import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { assetHeaders, assetIdFromPath, type AssetReader } from './assetRoute';
import { CONTENT_SECURITY_POLICY } from './csp';
import { contentTypeFor } from './mime';
import { APP_HOST, APP_SCHEME, parseUrl } from './origin';

/**
 * `standard` gives app://lectern a real origin (so 'self' in the CSP, relative URLs and storage
 * work); `secure` makes it a secure context like https. It deliberately does not bypass CSP.
 * Must run before the app's `ready` event.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string, readAsset?: AssetReader): void {
  protocol.handle(APP_SCHEME, createRendererHandler(rendererDir, readAsset));
}

/** Serves files from the built renderer folder and nothing outside it, and the library's images at /asset/<id>. */
export function createRendererHandler(rendererDir: string, readAsset?: AssetReader): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    const asset = serveAsset(request, readAsset);
    if (asset) return asset;
    const file = await resolveRendererFile(root, request.url);
    if (!file) return plain(404, 'Not Found');
    const body = await readFile(file);
    const headers = new Headers({
      'Content-Type': contentTypeFor(file),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    if (file.toLowerCase().endsWith('.html')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/**
 * Maps app://lectern/<path> to a file inside `root`, or undefined. Chromium and WHATWG URL parsing
 * already fold `..` and `%2e%2e` segments, but an encoded slash or backslash (`..%2f`, `..%5c`) only
 * becomes a separator after decoding, so the decoded path is checked again here, and finally the
 * real path (after symlinks) must still lie inside the real renderer folder.
 */
export async function resolveRendererFile(root: string, url: string): Promise<string | undefined> {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    // A malformed escape such as %E0%A4%A is not a file we built.
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const segments = path.split(/[\\/]/).filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || /^[a-z]:$/i.test(segment))) return undefined;
  if (segments.length === 0) segments.push('index.html');

  const candidate = resolve(root, ...segments);
  if (!isInside(root, candidate)) return undefined;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return undefined;
    return (await stat(realFile)).isFile() ? realFile : undefined;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** The /asset/<id> route (assetRoute.ts), or undefined for any other URL. Never reads a file. */
function serveAsset(request: Request, readAsset: AssetReader | undefined): Response | undefined {
  const parsed = parseUrl(request.url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  const id = assetIdFromPath(parsed.pathname);
  if (id === 'none') return undefined;
  const image = id === 'invalid' ? undefined : readAsset?.(id);
  const headers = image && assetHeaders(image.mime, image.bytes.byteLength);
  if (!image || !headers) return plain(404, 'Not Found');
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(image.bytes), { status: 200, headers });
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}
