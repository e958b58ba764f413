import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Protocol } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp';
import { createRendererHandler, registerAppScheme, serveRenderer } from '../../../electron/main/protocol';
import { tempDir } from '../../helpers/tempDir';
import { createFakeElectron } from './fakeElectron';

describe('the app:// protocol', () => {
  let dir: ReturnType<typeof tempDir>;
  let handle: (request: Request) => Promise<Response>;
  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  beforeAll(() => {
    dir = tempDir();
    // out/renderer beside out/secret.txt: a traversal that escaped the renderer would find it.
    const renderer = join(dir.path, 'out', 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Lectern</title>');
    writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(renderer, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(join(renderer, 'assets', 'font.woff2'), 'wOF2');
    writeFileSync(join(renderer, 'assets', 'logo.svg'), '<svg/>');
    writeFileSync(join(dir.path, 'out', 'secret.txt'), 'TOP SECRET');
    symlinkSync(join(dir.path, 'out', 'secret.txt'), join(renderer, 'assets', 'link.txt'));
    handle = createRendererHandler(renderer);
  });
  afterAll(() => dir.dispose());

  it('is registered as a standard, secure scheme that does not bypass CSP', () => {
    const fake = createFakeElectron();
    registerAppScheme(fake.protocol as unknown as Protocol);
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(JSON.stringify(fake.protocol.privileged)).not.toContain('bypassCSP');
    serveRenderer(fake.protocol as unknown as Protocol, join(dir.path, 'out', 'renderer'));
    expect([...fake.protocol.handlers.keys()]).toEqual(['app']);
  });

  it('serves index.html for the root, with the strict CSP', async () => {
    for (const url of ['app://lectern/', 'app://lectern/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).toContain('<title>Lectern</title>');
    }
  });

  it('the CSP allows only our own scripts and nothing from the network', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s, with nosniff', async (path, type) => {
    const response = await get(`app://lectern/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    'app://lectern/../../etc/passwd',
    'app://lectern/../secret.txt',
    'app://lectern/%2e%2e/secret.txt',
    'app://lectern/%2E%2E/%2e%2e/etc/passwd',
    'app://lectern/..%2fsecret.txt',
    'app://lectern/assets/..%2f..%2fsecret.txt',
    'app://lectern/..%5csecret.txt',
    'app://lectern/assets/..\\..\\secret.txt',
    'app://lectern/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://lectern//etc/passwd',
    'app://lectern/C:/Windows/win.ini',
    'app://lectern/index.html%00.js',
    'app://lectern/%E0%A4%A',
    'app://lectern/assets/link.txt',
    'app://lectern/assets',
    'app://lectern/missing.js',
    'app://evil/index.html',
  ])('refuses %s with 404', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://lectern/index.html', 'POST')).status).toBe(405);
    const head = await get('app://lectern/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('the app:// images route (/asset/<id>)', () => {
  const id = 'a'.repeat(64);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  let dir: ReturnType<typeof tempDir>;
  let handle: (request: Request) => Promise<Response>;
  const asked: string[] = [];
  beforeAll(() => {
    dir = tempDir();
    mkdirSync(join(dir.path, 'renderer', 'asset'), { recursive: true });
    // A file where an image id would be: the route must never serve files.
    writeFileSync(join(dir.path, 'renderer', 'asset', 'b'.repeat(64)), 'A FILE, NOT AN IMAGE');
    writeFileSync(join(dir.path, 'secret.txt'), 'TOP SECRET');
    handle = createRendererHandler(join(dir.path, 'renderer'), (asset) => {
      asked.push(asset);
      return asset === id ? { mime: 'image/png', bytes: png } : undefined;
    });
  });
  afterAll(() => dir.dispose());

  it('serves a stored image with its type, nosniff, a sandbox CSP and an immutable cache', async () => {
    const response = await handle(new Request(`app://lectern/asset/${id}`));
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('cache-control')).toContain('immutable');
    const head = await handle(new Request(`app://lectern/asset/${id}`, { method: 'HEAD' }));
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('is Not Found for an unknown id, for anything that is not an id, and never reads a file or escapes', async () => {
    asked.length = 0;
    for (const path of [
      `asset/${'b'.repeat(64)}`,
      'asset/..%2f..%2fsecret.txt',
      'asset/%2e%2e/secret.txt',
      `asset/${id}/`,
      `asset/${id.toUpperCase()}`,
      `asset/${id}%00`,
      'asset/',
      'asset',
    ]) {
      const response = await handle(new Request(`app://lectern/${path}`));
      expect(response.status, path).toBe(404);
      const text = await response.text();
      expect(text).not.toContain('TOP SECRET');
      expect(text).not.toContain('A FILE');
    }
    expect(asked).toEqual(['b'.repeat(64)]);
    expect((await handle(new Request(`app://lectern/asset/${id}`, { method: 'POST' }))).status).toBe(405);
  });

  it('is Not Found when no library is open', async () => {
    const closed = createRendererHandler(join(dir.path, 'renderer'), () => undefined);
    expect((await closed(new Request(`app://lectern/asset/${id}`))).status).toBe(404);
    const none = createRendererHandler(join(dir.path, 'renderer'));
    expect((await none(new Request(`app://lectern/asset/${id}`))).status).toBe(404);
  });
});
