import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startHarness, type Harness } from '../../harness/server';
import { tempDir } from '../../helpers/tempDir';

describe('web harness guards', () => {
  let dir: ReturnType<typeof tempDir>;
  let harness: Harness;
  beforeAll(async () => {
    dir = tempDir();
    // The real bundle is not under test here: serve a stand-in page from the temp folder.
    const page = join(dir.path, 'renderer');
    mkdirSync(page);
    writeFileSync(join(page, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    harness = await startHarness({ dataDir: join(dir.path, 'data'), rendererDir: page });
  });
  afterAll(async () => {
    await harness.close();
    dir.dispose();
  });

  const auth = () => ({ authorization: `Bearer ${harness.token}`, 'content-type': 'application/json' });

  it('listens on loopback only', () => {
    expect(harness.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses every request without the token', async () => {
    for (const path of ['/', '/lectern-harness.js', '/api/events']) {
      expect((await fetch(harness.origin + path)).status).toBe(403);
    }
    const wrong = await fetch(`${harness.origin}/api/documents.list`, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '{}' });
    expect(wrong.status).toBe(403);
  });

  it('sets an HttpOnly cookie and a strict CSP on the page, and injects the client first', async () => {
    const response = await fetch(harness.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await response.text()).toMatch(/<head>\s*<script src="\/lectern-harness.js"><\/script>/);
  });

  it('refuses cross-origin calls even with the cookie', async () => {
    const response = await fetch(`${harness.origin}/api/documents.list`, {
      method: 'POST',
      headers: { cookie: `lectern_harness=${harness.token}`, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/%E0%A4%A', '/..%2f..%2fdata%2flibrary.sqlite']) {
      const response = await fetch(harness.origin + path, { headers: auth() });
      expect(response.status).toBe(404);
    }
  });

  it('serves the same contract: validation errors and unknown methods', async () => {
    const bad = await fetch(`${harness.origin}/api/documents.get`, { method: 'POST', headers: auth(), body: '{"id":1}' });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await fetch(`${harness.origin}/api/shell.exec`, { method: 'POST', headers: auth(), body: '{}' });
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const notJson = await fetch(`${harness.origin}/api/documents.list`, { method: 'POST', headers: auth(), body: '{' });
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  /** node:http, because fetch will not let a caller choose the Host header. */
  const withHost = (host: string | undefined, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = new URL(harness.origin);
      const req = request({ host: '127.0.0.1', port, path, method: 'POST', setHost: host !== undefined, headers: { ...auth(), ...headers, ...(host ? { host } : {}) } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end('{}');
    });

  it('answers only to its own host names, so a rebound DNS name cannot reach it', async () => {
    const { port } = new URL(harness.origin);
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`, `127.0.0.1.nip.io:${port}`, `[::1]:${port}`]) {
      const response = await withHost(host, '/api/documents.list');
      expect(response.status, host).toBe(421);
      expect(response.body).not.toMatch(/^\[/);
    }
    // No Host at all: Node's HTTP server refuses it before the harness sees it.
    expect([400, 421]).toContain((await withHost(undefined, '/api/documents.list')).status);
    expect(await withHost(`127.0.0.1:${port}`, '/api/documents.list')).toMatchObject({ status: 200, body: expect.stringMatching(/^\{"ok":true/) });
    expect(await withHost(`LOCALHOST:${port}`, '/api/documents.list')).toMatchObject({ status: 200 });
    // The page's own origin under either name; never another name's origin.
    expect((await withHost(`localhost:${port}`, '/api/documents.list', { origin: `http://localhost:${port}` })).status).toBe(200);
    expect((await withHost(`localhost:${port}`, '/api/documents.list', { origin: `http://evil.example:${port}` })).status).toBe(403);
  });

  it('refuses a payload nested too deep as VALIDATION, with no stack', async () => {
    const body = `{"id":"00000000-0000-4000-8000-000000000000","content":{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(1_500)}{"type":"text","text":"x"}${']}'.repeat(1_500)}]}}`;
    const response = await fetch(`${harness.origin}/api/documents.save`, { method: 'POST', headers: auth(), body });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/nested more than 200 levels/) } });
    expect(result.error.message).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('has no test hooks unless asked for', async () => {
    const response = await fetch(`${harness.origin}/__test/fault`, { method: 'POST', headers: auth(), body: '{"method":"documents.save","code":"STORAGE"}' });
    expect(response.status).toBe(405);
  });
});
