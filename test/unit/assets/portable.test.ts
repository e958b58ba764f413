import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TipTapDoc } from '../../../electron/contract';
import type { LibraryFileChooser } from '../../../electron/core/library/handlers';
import { tempDir } from '../../helpers/tempDir';
import { openTestLibrary, type TestLibrary } from '../library/fixture';

const withImage = (assetId: string, text: string): TipTapDoc => ({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text }] },
    { type: 'image', attrs: { alt: 'A beetle', align: 'left', assetId, decorative: false, width: 75 } },
  ],
});

describe('library export and import carry the images', () => {
  let out: ReturnType<typeof tempDir>;
  let files: LibraryFileChooser & { next: string };
  let source: TestLibrary;
  let target: TestLibrary;
  beforeEach(() => {
    out = tempDir();
    files = { next: '', chooseExportFile: async () => files.next, chooseImportFile: async () => files.next };
    source = openTestLibrary({ files });
    target = openTestLibrary({ files });
  });
  afterEach(() => {
    source.dispose();
    target.dispose();
    out.dispose();
  });

  const image = (r: number, format: 'png' | 'jpeg' | 'webp') =>
    sharp({ create: { width: 30, height: 20, channels: 3, background: { r, g: 90, b: 30 } } }).toFormat(format).toBuffer();

  it('brings back every image a document or version references, byte for byte, under the same ids', async () => {
    const inDoc = await source.core.assets.put(await image(10, 'png'));
    const inRevision = await source.core.assets.put(await image(20, 'jpeg'));
    const unused = await source.core.assets.put(await image(30, 'webp'));
    const lesson = await source.call('documents.create', { title: 'Minibeasts', content: withImage(inRevision.id, 'First') });
    await source.call('revisions.create', { documentId: lesson.id, label: 'Before' });
    await source.call('documents.save', { id: lesson.id, content: withImage(inDoc.id, 'Second') });

    files.next = join(out.path, 'images.lectern-library');
    await source.call('library.exportLibrary', {});
    const lines = readFileSync(files.next, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; name?: string });
    expect(lines.filter((l) => l.type === 'asset').map((l) => l.name).sort()).toEqual([`${inDoc.id}.png`, `${inRevision.id}.jpg`].sort());

    const preview = await target.call('library.inspectImport', {});
    await target.call('library.importLibrary', { importId: preview.importId });
    for (const stored of [inDoc, inRevision]) {
      const copy = target.core.assets.get(stored.id)!;
      expect(Buffer.from(copy.bytes).equals(Buffer.from(source.core.assets.get(stored.id)!.bytes))).toBe(true);
      expect(copy).toMatchObject({ mime: stored.mime, width: 30, height: 20 });
    }
    expect(target.core.assets.info(unused.id)).toBeUndefined();
    const imported = await target.call('documents.get', { id: lesson.id });
    expect(imported.content).toEqual(withImage(inDoc.id, 'Second'));

    // Importing again is harmless: the images are already there.
    const again = await target.call('library.inspectImport', {});
    await target.call('library.importLibrary', { importId: again.importId });
    expect(target.core.db.prepare('SELECT count(*) AS n FROM assets').get()).toEqual({ n: 2 });
  });

  it('refuses a file whose image does not match its name, and imports nothing', async () => {
    const stored = await source.core.assets.put(await image(40, 'png'));
    await source.call('documents.create', { title: 'Tampered', content: withImage(stored.id, 'x') });
    files.next = join(out.path, 'tampered.lectern-library');
    await source.call('library.exportLibrary', {});
    // Swap the image for another one and fix up the trailer, as a hand-edit would: the name no longer matches.
    const other = (await image(41, 'png')).toString('base64');
    const lines = readFileSync(files.next, 'utf8').trim().split('\n');
    const body = lines.slice(1, -1).map((line) => {
      const record = JSON.parse(line) as { type: string; data?: string };
      return record.type === 'asset' ? JSON.stringify({ ...record, data: other }) : line;
    });
    const text = body.map((l) => l + '\n').join('');
    const trailer = JSON.stringify({ type: 'end', records: body.length, sha256: createHash('sha256').update(text).digest('hex') });
    writeFileSync(files.next, `${lines[0]}\n${text}${trailer}\n`);
    const error = await target.fail('library.inspectImport', {});
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('checksum mismatch');
    expect(target.core.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
  });
});
