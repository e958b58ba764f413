import { writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IMPORT_CAPS, type ImportFileResult } from '../../../electron/contract';
import { openTestLibrary, type TestLibrary } from '../library/fixture';
import { editDocx, lessonDocx, textOf } from './fixtures';
import type { TipTapDoc } from '../../../electron/contract';

let lib: TestLibrary;
beforeEach(() => {
  lib = openTestLibrary();
});
afterEach(() => lib.dispose());

const documentCount = () => (lib.core.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
const assetCount = () => (lib.core.db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }).n;

async function importOne(name: string, bytes: Buffer): Promise<ImportFileResult> {
  const [result] = await lib.core.importer.importFiles([{ name, bytes }]);
  return result!;
}

/** Fails, says why in a sentence, and leaves the library exactly as it was. */
async function expectRefused(name: string, bytes: Buffer, problem: ImportFileResult['problem'], message: RegExp) {
  const before = documentCount();
  const result = await importOne(name, bytes);
  expect(result).toMatchObject({ status: 'failed', problem });
  expect(result.message).toMatch(message);
  expect(result.documentId).toBeUndefined();
  expect(documentCount()).toBe(before);
  return result;
}

/** A zip written by hand, so its headers can claim what a real archiver never would. */
function handZip(entries: Array<{ name: string; data: Buffer; claimSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const compressed = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.claimSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('bad files never harm the library', () => {
  it('a PDF, an image or random bytes named .docx: not a Word document', async () => {
    await expectRefused('scheme.docx', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'NOT_SUPPORTED', /scheme\.docx is not a Word document/);
    await expectRefused('noise.docx', Buffer.from([0x00, 0x13, 0x99, 0xfe, 0x00, 0x01]), 'NOT_SUPPORTED', /is not a Word document/);
    await expectRefused('plain.docx', Buffer.from('Just some text someone renamed'), 'NOT_SUPPORTED', /named like a Word document but is not one/);
  });

  it('an Excel workbook or an arbitrary zip: named for what it is', async () => {
    const xlsx = new JSZip();
    xlsx.file('[Content_Types].xml', '<Types/>');
    xlsx.file('xl/workbook.xml', '<workbook/>');
    await expectRefused('marks.docx', await xlsx.generateAsync({ type: 'nodebuffer' }), 'NOT_SUPPORTED', /marks\.docx is an Excel workbook, not a Word document/);
  });

  it('an encrypted DOCX (an OLE compound file with EncryptionInfo): asks for the password to be removed', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1024);
    await expectRefused('secret.docx', ole, 'ENCRYPTED', /protected by a password/);
  });

  it('an old .doc (OLE without encryption): asks for it to be saved as .docx', async () => {
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    await expectRefused('old.doc', ole, 'LEGACY_WORD', /save it as a \.docx/);
  });

  it('a macro-enabled .docm: its text comes in, the macro is listed and never kept', async () => {
    const docm = await editDocx(await lessonDocx({ images: 0 }), async (zip) => {
      zip.file('word/vbaProject.bin', Buffer.from('Attribute VB_Name = "NewMacros"\nSub AutoOpen()\nShell "calc.exe"\nEnd Sub'));
      const types = await zip.file('[Content_Types].xml')!.async('string');
      zip.file('[Content_Types].xml', types.replace('wordprocessingml.document.main+xml', 'ms-word.document.macroEnabled.main+xml'));
    });
    const result = await importOne('tools.docm', docm);
    expect(result.status).toBe('imported');
    expect(result.notImported).toContainEqual({ kind: 'macro', count: 1, detail: 'macros are never run or kept; only the text came in' });
    const stored = JSON.stringify(lib.core.documents.get(result.documentId!).content);
    expect(stored).not.toMatch(/AutoOpen|calc\.exe|vbaProject/);
    expect(textOf(lib.core.documents.get(result.documentId!).content as TipTapDoc)).toContain('Photosynthesis');
  });

  it('a truncated zip: damaged, probably cut short while downloading', async () => {
    const docx = await lessonDocx({ images: 0 });
    await expectRefused('cut.docx', docx.subarray(0, Math.floor(docx.length * 0.6)), 'DAMAGED', /not a complete zip archive.*cut short/);
    await expectRefused('stub.docx', docx.subarray(0, 40), 'DAMAGED', /not a complete zip archive/);
  });

  it('a zip bomb: refused from its table of contents, before anything is expanded', async () => {
    const inflate = vi.spyOn(JSZip, 'loadAsync');
    // 1 GB of zeros declared; the real data is tiny, so the ratio and the total both give it away.
    const bomb = handZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(2 * 1024 * 1024), claimSize: 1024 * 1024 * 1024 },
    ]);
    await expectRefused('bomb.docx', bomb, 'ZIP_BOMB', /would expand to more than 250 MB/);
    // A high ratio within the total: 20 MB of zeros compresses about 1000×.
    const dense = handZip([{ name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024) }]);
    await expectRefused('dense.docx', dense, 'ZIP_BOMB', /expands \d+ times; more than 100 times is refused/);
    expect(inflate).not.toHaveBeenCalled();
    inflate.mockRestore();
  });

  it('a zip that lies about its sizes: caught while expanding, never past the declared size', async () => {
    const liar = handZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document>' + 'x'.repeat(50_000) + '</w:document>'), claimSize: 100 },
    ]);
    await expectRefused('liar.docx', liar, 'ZIP_BOMB', /expands past the size its header declares/);
  });

  it('too many zip entries: refused before reading them', async () => {
    const many = handZip(Array.from({ length: IMPORT_CAPS.maxZipEntries + 1 }, (_, i) => ({ name: `word/x${i}.xml`, data: Buffer.from('a') })));
    await expectRefused('many.docx', many, 'ZIP_BOMB', /holds 20001 parts/);
  });

  it('a 200 MB file: refused by its size, without being read', async () => {
    const path = join(lib.dir.path, 'huge.docx');
    writeFileSync(path, '');
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, 200 * 1024 * 1024);
    closeSync(fd);
    const before = documentCount();
    const [result] = await lib.core.importer.importFiles([{ path }]);
    expect(result).toMatchObject({ fileName: 'huge.docx', status: 'failed', problem: 'TOO_LARGE' });
    expect(result!.message).toBe('huge.docx is 200 MB; files up to 50 MB are imported.');
    expect(documentCount()).toBe(before);
  });

  it('a document with 10,000 images: refused before any image is stored', async () => {
    const docx = handZip([
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
      ...Array.from({ length: 10_000 }, (_, i) => ({ name: `word/media/image${i}.png`, data: Buffer.from('x') })),
    ]);
    await expectRefused('gallery.docx', docx, 'TOO_MANY_IMAGES', /holds 10000 images; at most 1000/);
    expect(assetCount()).toBe(0);
  });

  it('a file that cannot be read: says so, and the other files still come in', async () => {
    const results = await lib.core.importer.importFiles([{ path: join(lib.dir.path, 'gone.docx') }, { name: 'ok.txt', bytes: Buffer.from('Hello') }]);
    expect(results[0]).toMatchObject({ status: 'failed', problem: 'READ_FAILED', message: 'gone.docx could not be read: ENOENT' });
    expect(results[1]).toMatchObject({ status: 'imported', title: 'Hello' });
  });

  it('an image that is not an image inside a DOCX: listed, and the text still comes in', async () => {
    const docx = await editDocx(await lessonDocx({ images: 1 }), (zip) => {
      const media = Object.keys(zip.files).find((n) => n.startsWith('word/media/'))!;
      zip.file(media, '<script>alert(1)</script>');
    });
    const result = await importOne('broken-image.docx', docx);
    expect(result).toMatchObject({ status: 'imported', imagesImported: 0 });
    expect(result.notImported.find((n) => n.kind === 'image')).toMatchObject({ count: 1 });
    expect(assetCount()).toBe(0);
  });

  it('HTML with scripts, event handlers and unsafe links: none of it survives', async () => {
    const html = '<html><body><h1 onclick="steal()">Title</h1><script>alert(1)</script><p><a href="javascript:alert(1)">x</a> <a href="https://ok.example/">ok</a><img src="https://tracker.example/p.gif" onerror="alert(2)"></p><iframe src="https://evil.example"></iframe><style>body{}</style></body></html>';
    const result = await importOne('page.html', Buffer.from(html));
    expect(result.status).toBe('imported');
    const stored = JSON.stringify(lib.core.documents.get(result.documentId!).content);
    expect(stored).not.toMatch(/steal|alert|javascript:|tracker|evil|onerror|onclick/);
    expect(stored).toContain('https://ok.example/');
    expect(result.notImported.map((n) => n.kind).sort()).toEqual(['remoteImage', 'unsupportedContent']);
  });
});
