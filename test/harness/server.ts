import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ERROR_CODES, type ErrorCode, type LecternEvent, type Result } from '../../electron/contract';
import { createCore, type AppConfig, type LecternCore } from '../../electron/core/app';
import { consoleLogger } from '../../electron/core/log';
import { assetHeaders, assetIdFromPath } from '../../electron/main/assetRoute';
import { MemorySecretStore } from '../../electron/core/secrets';
import { harnessClientScript } from './client';
import { HarnessFileChooser } from './harnessFiles';
import { RENDERER_OUT } from './buildRenderer';

/**
 * The web harness: the real renderer bundle and the real core, joined over HTTP on loopback
 * instead of IPC. Development and test tooling only; never shipped in the installer.
 */
export interface HarnessOptions {
  dataDir: string;
  port?: number;
  /** Enables /__test/* endpoints (fault injection, event emission) for end-to-end tests. */
  testHooks?: boolean;
  version?: string;
  coreConfig?: Partial<AppConfig>;
  /** The built renderer to serve; out/renderer by default. */
  rendererDir?: string;
  /** Where "Export library" writes and "Import library" reads; `<dataDir>/harness-files` by default. */
  filesDir?: string;
}

export interface Harness {
  url: string;
  filesDir: string;
  origin: string;
  token: string;
  core: LecternCore;
  close(): Promise<void>;
}

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const COOKIE = 'lectern_harness';
const MAX_BODY = 64 * 1024 * 1024;

interface Fault {
  code: ErrorCode;
  remaining: number;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('base64url');
  const files = new HarnessFileChooser(options.filesDir ?? join(options.dataDir, 'harness-files'));
  const core = createCore({
    dataDir: options.dataDir,
    host: 'web-harness',
    version: options.version ?? '0.0.0-harness',
    secrets: new MemorySecretStore(),
    log: consoleLogger('lectern-harness'),
    // LECTERN_AI_BASE_URL / _API_KEY / _MODEL point the harness at a local or fake AI server.
    env: process.env,
    files,
    importFiles: files,
    ...options.coreConfig,
  });
  const faults = new Map<string, Fault>();
  const sseClients = new Set<ServerResponse>();
  const unsubscribe = core.events.subscribe((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  let origin = '';
  /** Host headers this harness answers to: its own loopback address, by number or as localhost. */
  let hosts = new Set<string>();

  const authorised = (req: IncomingMessage, url: URL): boolean => {
    const offered = url.searchParams.get('token') ?? readCookie(req.headers.cookie, COOKIE) ?? bearer(req.headers.authorization);
    return offered !== undefined && safeEqual(offered, token);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('lectern-harness: request failed', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a site whose name is made to resolve to 127.0.0.1 reaches this port, but its
    // requests still name that site in Host. Only the harness's own names are answered.
    const host = req.headers.host?.toLowerCase();
    if (host === undefined || !hosts.has(host)) {
      send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request: this harness answers only to 127.0.0.1 and localhost on its own port.');
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (!authorised(req, url)) {
      send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: this harness needs the token it printed at start-up.');
      return;
    }
    // A request with an Origin must come from the harness's own page (no cross-site calls).
    if (req.headers.origin !== undefined && req.headers.origin !== `http://${host}`) {
      send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: cross-origin request.');
      return;
    }
    const path = url.pathname;

    if (path === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (path.startsWith('/api/') && req.method === 'POST') {
      const name = path.slice('/api/'.length);
      let payload: unknown;
      try {
        const body = await readBody(req);
        payload = body.length === 0 ? {} : JSON.parse(body);
      } catch (error) {
        const result: Result<never> = { ok: false, error: { code: 'VALIDATION', message: `The request body is not valid JSON: ${(error as Error).message}` } };
        sendJson(res, result);
        return;
      }
      const fault = faults.get(name);
      if (fault && fault.remaining !== 0) {
        fault.remaining -= 1;
        sendJson(res, { ok: false, error: { code: fault.code, message: `Injected fault (${fault.code}).` } });
        return;
      }
      sendJson(res, await core.dispatch(name, payload));
      return;
    }
    if (options.testHooks && path.startsWith('/__test/') && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
      if (path === '/__test/fault') {
        const code = body.code as ErrorCode;
        if (typeof body.method !== 'string' || !ERROR_CODES.includes(code)) {
          send(res, 400, 'text/plain; charset=utf-8', 'fault needs { method, code, times? }');
          return;
        }
        faults.set(body.method, { code, remaining: typeof body.times === 'number' ? body.times : -1 });
      } else if (path === '/__test/clear-faults') {
        faults.clear();
      } else if (path === '/__test/choose-import') {
        if (body.file !== null && typeof body.file !== 'string') {
          send(res, 400, 'text/plain; charset=utf-8', 'choose-import needs { file: name | null }');
          return;
        }
        files.chooseNextImport(body.file);
      } else if (path === '/__test/emit') {
        core.events.emit(body.event as LecternEvent);
      } else {
        send(res, 404, 'text/plain; charset=utf-8', 'Unknown test hook');
        return;
      }
      sendJson(res, { ok: true });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      return;
    }
    if (path === '/lectern-harness.js') {
      send(res, 200, MIME['.js']!, harnessClientScript());
      return;
    }
    const assetId = assetIdFromPath(path);
    if (assetId !== 'none') {
      // The app's app://lectern/asset/<id> route (electron/main/assetRoute.ts), from the same store.
      const image = assetId === 'invalid' ? undefined : core.assets.get(assetId);
      const headers = image && assetHeaders(image.mime, image.bytes.byteLength);
      if (!image || !headers) send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      else res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : image.bytes);
      return;
    }
    await serveStatic(res, options.rendererDir ?? RENDERER_OUT, path, url.searchParams.has('token') ? token : undefined);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/?token=${token}`,
    filesDir: files.dir,
    origin,
    token,
    core,
    async close() {
      unsubscribe();
      for (const client of sseClients) client.end();
      // A page left open keeps keep-alive connections; close them too, or close() waits on them.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      core.close();
    },
  };
}

async function serveStatic(res: ServerResponse, root: string, pathname: string, setCookieToken: string | undefined): Promise<void> {
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return;
  }
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep)) {
    send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return;
  }
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (extname(file) === '.html') {
    headers['content-security-policy'] = CSP;
    body = Buffer.from(body.toString('utf8').replace('<head>', '<head>\n    <script src="/lectern-harness.js"></script>'));
  }
  if (setCookieToken) headers['set-cookie'] = `${COOKIE}=${setCookieToken}; HttpOnly; SameSite=Strict; Path=/`;
  res.writeHead(200, headers);
  res.end(body);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
