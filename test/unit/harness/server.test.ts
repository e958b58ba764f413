import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
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

  it('has no test hooks unless asked for', async () => {
    const response = await fetch(`${harness.origin}/__test/fault`, { method: 'POST', headers: auth(), body: '{"method":"documents.save","code":"STORAGE"}' });
    expect(response.status).toBe(405);
  });
});
