import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../harness/server';
import { tempDir } from '../../helpers/tempDir';

describe("the web harness's /asset/<id> route, as the app's app://lectern/asset/<id>", () => {
  let dir: ReturnType<typeof tempDir>;
  let harness: Harness;
  beforeAll(async () => {
    dir = tempDir();
    const page = join(dir.path, 'renderer');
    mkdirSync(join(page, 'asset'), { recursive: true });
    writeFileSync(join(page, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    writeFileSync(join(page, 'asset', 'c'.repeat(64)), 'A FILE, NOT AN IMAGE');
    harness = await startHarness({ dataDir: join(dir.path, 'data'), rendererDir: page, coreConfig: { library: { background: false } } });
  });
  afterAll(async () => {
    await harness.close();
    dir.dispose();
  });
  const get = (path: string, token = true) => fetch(harness.origin + path, { headers: token ? { authorization: `Bearer ${harness.token}` } : {} });

  it('serves a stored image from the same store, only with the token, and nothing else under /asset/', async () => {
    const png = await sharp({ create: { width: 3, height: 2, channels: 3, background: '#00f' } }).png().toBuffer();
    const { id } = await harness.core.assets.put(png);
    const response = await get(`/asset/${id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    expect((await get(`/asset/${id}`, false)).status).toBe(403);
    for (const path of [`/asset/${'c'.repeat(64)}`, '/asset/..%2findex.html', `/asset/${id}/x`, '/asset/']) {
      const other = await get(path);
      expect(other.status, path).toBe(404);
      expect(await other.text()).not.toContain('A FILE');
    }
  });
});
