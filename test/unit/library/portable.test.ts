import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentJson } from '../../../electron/core/library/contentJson';
import type { LibraryFileChooser } from '../../../electron/core/library/handlers';
import { contentHash, IMPORT_LIMITS, readLibraryFile } from '../../../electron/core/library/portable';
import { tempDir } from '../../helpers/tempDir';
import { databaseChecksum, doc, MINUTE, openTestLibrary, type TestLibrary } from './fixture';

/** Answers the file dialogs with whatever the test set last. */
function chooser(): LibraryFileChooser & { next: string } {
  const files = {
    next: '',
    chooseExportFile: async () => files.next,
    chooseImportFile: async () => files.next,
  };
  return files;
}

/** Writes a library file with a correct trailer around whatever records a test crafts. */
function craftLibrary(file: string, records: unknown[], header: Record<string, unknown> = {}): void {
  const body = records.map((r) => JSON.stringify(r) + '\n').join('');
  const head = JSON.stringify({ format: 'lectern-library', version: 2, exportedAt: 1, ...header }) + '\n';
  const trailer = JSON.stringify({ type: 'end', records: records.length, sha256: createHash('sha256').update(body).digest('hex') }) + '\n';
  writeFileSync(file, head + body + trailer);
}

/** The same, from record lines written as they are. */
function craftLibraryLines(file: string, lines: string[]): void {
  const body = lines.map((l) => l + '\n').join('');
  const head = JSON.stringify({ format: 'lectern-library', version: 2, exportedAt: 1 }) + '\n';
  const trailer = JSON.stringify({ type: 'end', records: lines.length, sha256: createHash('sha256').update(body).digest('hex') }) + '\n';
  writeFileSync(file, head + body + trailer);
}

function documentRecord(overrides: Record<string, unknown> = {}) {
  const content = doc('Crafted');
  return {
    type: 'document',
    id: randomUUID(),
    title: 'Crafted',
    kind: 'note',
    subject: null,
    keyStage: null,
    yearGroup: null,
    folder: null,
    tags: [],
    createdAt: 1,
    updatedAt: 1,
    content,
    sha256: contentHash(contentJson(content)),
    ...overrides,
  };
}

describe('export and import of the whole library', () => {
  let source: TestLibrary;
  let files: ReturnType<typeof chooser>;
  let out: ReturnType<typeof tempDir>;

  beforeEach(() => {
    files = chooser();
    out = tempDir('lectern-export-');
    source = openTestLibrary({ files });
  });
  afterEach(() => {
    source.dispose();
    out.dispose();
  });

  async function seed() {
    await source.call('library.setList', { list: 'subjects', values: ['Science', 'Forest school'] });
    const a = await source.call('documents.create', {
      title: 'Leaf litter',
      kind: 'lesson-plan',
      subject: 'Forest school',
      keyStage: 'KS1',
      yearGroup: 'Year 2',
      folder: 'Outdoors/Spring',
      tags: ['minibeasts', 'outdoor'],
      content: doc('Woodlice live under logs.'),
    });
    source.clock.advance(10 * MINUTE);
    await source.call('documents.save', { id: a.id, content: doc('Woodlice and beetles live under logs.') });
    await source.call('revisions.create', { documentId: a.id, label: 'Ready to teach' });
    const b = await source.call('documents.create', { title: 'Circuits', kind: 'quiz', subject: 'Science', content: doc('Bulbs in series.') });
    const trashed = await source.call('documents.create', { title: 'Old draft', kind: 'note', content: doc('Discard me') });
    await source.call('documents.delete', { id: trashed.id });
    return { a, b };
  }

  async function exportTo(name: string) {
    files.next = join(out.path, name);
    return source.call('library.exportLibrary', {});
  }

  it('exports everything and imports it into a fresh data folder', async () => {
    const { a, b } = await seed();
    const exported = await exportTo('library.lectern-library');
    expect(exported).toMatchObject({ documents: 2, revisions: 2 });

    const target = openTestLibrary({ files });
    try {
      const preview = await target.call('library.inspectImport', {});
      expect(preview).toMatchObject({ documents: 2, revisions: 2, duplicates: [] });
      expect(await target.call('library.importLibrary', { importId: preview.importId })).toEqual({
        imported: 2,
        copies: 0,
        skipped: 0,
        replaced: 0,
        revisions: 2,
      });

      const strip = (d: Record<string, unknown>) => ({ ...d, updatedAt: undefined });
      for (const original of [a, b]) {
        const before = await source.call('documents.get', { id: original.id });
        expect(strip(await target.call('documents.get', { id: original.id }))).toEqual(strip(before));
        const sourceHistory = await source.call('revisions.list', { documentId: original.id });
        expect(await target.call('revisions.list', { documentId: original.id })).toEqual(sourceHistory);
      }
      expect((await target.call('documents.list', {})).map((d) => d.title).sort()).toEqual(['Circuits', 'Leaf litter']);
      expect((await target.call('library.lists', {})).subjects).toContain('Forest school');
      expect((await target.call('search.query', { text: 'beetles' })).results.map((r) => r.document.id)).toEqual([a.id]);
      expect(await target.call('trash.list', {})).toEqual([]);
    } finally {
      target.dispose();
    }
  });

  it('imports the same file twice as copies, never overwriting', async () => {
    const { a } = await seed();
    await exportTo('twice.lectern-library');
    const edited = doc('Edited here after the export.');
    await source.call('documents.save', { id: a.id, content: edited });

    const preview = await source.call('library.inspectImport', {});
    expect(preview.duplicates.map((d) => d.reason)).toEqual(['same-id', 'same-id']);
    const report = await source.call('library.importLibrary', { importId: preview.importId });
    expect(report).toMatchObject({ imported: 0, copies: 2, replaced: 0 });
    expect((await source.call('documents.get', { id: a.id })).content).toEqual(edited);

    const again = await source.call('library.inspectImport', {});
    expect(await source.call('library.importLibrary', { importId: again.importId })).toMatchObject({ copies: 2 });
    const titles = (await source.call('documents.list', { sort: 'title' })).map((d) => d.title);
    expect(titles).toEqual([
      'Circuits',
      'Circuits (imported copy)',
      'Circuits (imported copy)',
      'Leaf litter',
      'Leaf litter (imported copy)',
      'Leaf litter (imported copy)',
    ]);
    // Copies carry their history too, under new ids.
    const copy = (await source.call('documents.list', {})).find((d) => d.title === 'Leaf litter (imported copy)')!;
    expect(await source.call('revisions.list', { documentId: copy.id })).toHaveLength(2);
  });

  it('finds a duplicate by its content under another id, and can skip duplicates', async () => {
    await seed();
    await exportTo('dupes.lectern-library');
    const target = openTestLibrary({ files });
    try {
      await target.call('documents.create', { title: 'Mine', kind: 'quiz', content: doc('Bulbs in series.') });
      const preview = await target.call('library.inspectImport', {});
      expect(preview.duplicates).toEqual([expect.objectContaining({ title: 'Circuits', reason: 'same-content' })]);
      expect(await target.call('library.importLibrary', { importId: preview.importId, duplicates: 'skip' })).toMatchObject({
        imported: 1,
        skipped: 1,
      });
      expect((await target.call('documents.list', { sort: 'title' })).map((d) => d.title)).toEqual(['Leaf litter', 'Mine']);
    } finally {
      target.dispose();
    }
  });

  it('replaces a same-id document only when asked, keeping a before-import revision', async () => {
    const { a } = await seed();
    await exportTo('replace.lectern-library');
    await source.call('documents.save', { id: a.id, content: doc('Local change') });
    const preview = await source.call('library.inspectImport', {});
    expect(await source.call('library.importLibrary', { importId: preview.importId, duplicates: 'replace' })).toMatchObject({ replaced: 2 });
    expect((await source.call('documents.get', { id: a.id })).content).toEqual(doc('Woodlice and beetles live under logs.'));
    const history = await source.call('revisions.list', { documentId: a.id });
    const beforeImport = history.find((r) => r.kind === 'before-import')!;
    expect((await source.call('revisions.get', { id: beforeImport.id })).content).toEqual(doc('Local change'));
  });

  it('imports back lessons made from templates, with their automatic versions', async () => {
    // Templates build their nodes in their own key order ({type, text, marks}), not the
    // contract's, so a checksum over re-serialised JSON did not match the one written.
    const made = await source.call('templates.create', { templateId: 'lesson-plan', keyStage: 'KS2', title: 'Rivers' });
    source.clock.advance(10 * MINUTE);
    const edited = source.core.documents.get(made.id).content;
    edited.content!.push({ type: 'paragraph', content: [{ type: 'text', text: 'Meanders', marks: [{ type: 'bold' }] }] });
    source.core.documents.save(made.id, edited);
    expect(await source.call('revisions.list', { documentId: made.id })).toMatchObject([{ kind: 'auto' }]);
    await exportTo('templates.lectern-library');

    const target = openTestLibrary({ files });
    try {
      const preview = await target.call('library.inspectImport', {});
      expect(preview).toMatchObject({ documents: 1, revisions: 1 });
      await target.call('library.importLibrary', { importId: preview.importId });
      expect((await target.call('documents.get', { id: made.id })).content).toEqual(edited);
    } finally {
      target.dispose();
    }
  });

  it('imports a file written before checksums were canonical (format 1), template lessons and all', async () => {
    // Written by Lectern's export before this change: a template lesson, its automatic version
    // and a typed note. Its checksums are of the content's JSON as it was stored, in the
    // template's key order, which the reader then failed to reproduce.
    files.next = join(import.meta.dirname, 'fixtures', 'legacy-v1.lectern-library');
    const preview = await source.call('library.inspectImport', {});
    expect(preview).toMatchObject({ documents: 2, revisions: 1, duplicates: [] });
    expect(await source.call('library.importLibrary', { importId: preview.importId })).toMatchObject({ imported: 2, revisions: 1 });
    expect((await source.call('documents.list', { sort: 'title' })).map((d) => d.title)).toEqual(['Rivers', 'Typed']);
    const lesson = (await source.call('documents.list', {})).find((d) => d.title === 'Rivers')!;
    const text = (await source.call('documents.get', { id: lesson.id })).content;
    expect(JSON.stringify(text)).toContain('Meanders — “oxbow” lakes, Zoë');
    // Stored in the one canonical form, whatever order the file had.
    const stored = source.core.db.prepare('SELECT content FROM documents WHERE id = ?').pluck().get(lesson.id) as string;
    expect(stored).toBe(contentJson(JSON.parse(stored)));
    const [version] = await source.call('revisions.list', { documentId: lesson.id });
    expect(version).toMatchObject({ kind: 'auto' });
  });

  describe('refuses a bad file with a clear error and changes nothing', () => {
    let target: TestLibrary;
    let checksum: string;
    beforeEach(async () => {
      target = openTestLibrary({ files });
      await target.call('documents.create', { title: 'Existing', kind: 'note', content: doc('Keep me') });
      checksum = databaseChecksum(target.core.db);
    });
    afterEach(() => target.dispose());

    async function rejects(file: string, code: string, message: RegExp) {
      files.next = file;
      const error = await target.fail('library.inspectImport', {});
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(databaseChecksum(target.core.db)).toBe(checksum);
    }

    it('a truncated file', async () => {
      await seed();
      const { file } = await exportTo('full.lectern-library');
      const bytes = readFileSync(file);
      writeFileSync(join(out.path, 'half'), bytes.subarray(0, Math.floor(bytes.length / 2)));
      await rejects(join(out.path, 'half'), 'IMPORT_INVALID', /incomplete \(the file was cut off\)/);
      // Cut exactly after a line: the trailer is what is missing.
      const text = bytes.toString('utf8');
      const withoutTrailer = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1);
      writeFileSync(join(out.path, 'no-trailer'), withoutTrailer);
      await rejects(join(out.path, 'no-trailer'), 'IMPORT_INVALID', /cut off/);
    });

    it('a file from a newer version of Lectern', async () => {
      craftLibrary(join(out.path, 'newer'), [documentRecord()], { version: 3 });
      await rejects(join(out.path, 'newer'), 'DATABASE_TOO_NEW', /newer version of Lectern \(format 3/);
    });

    it('files that are not a library at all', async () => {
      writeFileSync(join(out.path, 'empty'), '');
      await rejects(join(out.path, 'empty'), 'IMPORT_INVALID', /not a Lectern library/);
      writeFileSync(join(out.path, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]));
      await rejects(join(out.path, 'image.png'), 'IMPORT_INVALID', /not a Lectern library/);
      writeFileSync(join(out.path, 'other.json'), '{"format":"something-else","version":1}\n');
      await rejects(join(out.path, 'other.json'), 'IMPORT_INVALID', /not a Lectern library/);
      files.next = join(out.path, 'missing');
      expect((await target.fail('library.inspectImport', {})).code).toBe('NOT_FOUND');
    });

    it('entries with path traversal in a name or id', async () => {
      craftLibrary(join(out.path, 'id'), [documentRecord({ id: '../../../etc/passwd' })]);
      await rejects(join(out.path, 'id'), 'IMPORT_INVALID', /entry name or id is not allowed at line 2 \(id:/);
      craftLibrary(join(out.path, 'folder'), [documentRecord({ folder: '../../outside' })]);
      await rejects(join(out.path, 'folder'), 'IMPORT_INVALID', /entry name or id is not allowed at line 2 \(folder:/);
      const d = documentRecord();
      craftLibrary(join(out.path, 'revision'), [
        d,
        { type: 'revision', id: '..\\..\\x', documentId: d.id, createdAt: 1, kind: 'auto', label: null, title: 't', content: d.content, sha256: d.sha256 },
      ]);
      await rejects(join(out.path, 'revision'), 'IMPORT_INVALID', /entry name or id is not allowed at line 3/);
      craftLibrary(join(out.path, 'asset'), [{ type: 'asset', name: '../../evil.png', data: '' }]);
      await rejects(join(out.path, 'asset'), 'IMPORT_INVALID', /entry name or id is not allowed at line 2 \(name:/);
    });

    it('a file edited after export', async () => {
      await seed();
      const { file } = await exportTo('edited.lectern-library');
      writeFileSync(join(out.path, 'edited'), readFileSync(file, 'utf8').replace('Bulbs in series.', 'Bulbs in parallel.'));
      await rejects(join(out.path, 'edited'), 'IMPORT_INVALID', /damaged/);
    });

    it('a file whose checksums are not canonical, unless it is a format 1 file', async () => {
      // Keys in the order a template builds them; format 1 hashed them as written.
      const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Odd order', marks: [{ type: 'bold' }] }] }] };
      const legacy = documentRecord({ content, sha256: contentHash(JSON.stringify(content)) });
      craftLibrary(join(out.path, 'v2-legacy-hash'), [legacy], { version: 2 });
      await rejects(join(out.path, 'v2-legacy-hash'), 'IMPORT_INVALID', /document at line 2 is damaged \(checksum mismatch\)/);
      craftLibrary(join(out.path, 'v2-canonical'), [{ ...legacy, sha256: contentHash(contentJson(content)) }], { version: 2 });
      expect(readLibraryFile(join(out.path, 'v2-canonical')).documents).toHaveLength(1);
      craftLibrary(join(out.path, 'v1-legacy-hash'), [legacy], { version: 1 });
      expect(readLibraryFile(join(out.path, 'v1-legacy-hash')).documents).toHaveLength(1);
    });

    it.skipIf(process.platform === 'win32')('a symbolic link to /dev/zero, a FIFO or a folder: only ordinary files are read', async () => {
      symlinkSync('/dev/zero', join(out.path, 'zero.lectern-library'));
      await rejects(join(out.path, 'zero.lectern-library'), 'IMPORT_INVALID', /not an ordinary file \(it is a device, a pipe or a socket\)/);
      execFileSync('mkfifo', [join(out.path, 'fifo.lectern-library')]);
      await rejects(join(out.path, 'fifo.lectern-library'), 'IMPORT_INVALID', /not an ordinary file/);
      mkdirSync(join(out.path, 'folder.lectern-library'));
      await rejects(join(out.path, 'folder.lectern-library'), 'IMPORT_INVALID', /it is a folder, not a file/);
      // A link to an ordinary library file is followed.
      await seed();
      const { file } = await exportTo('real.lectern-library');
      symlinkSync(file, join(out.path, 'link.lectern-library'));
      expect(readLibraryFile(join(out.path, 'link.lectern-library')).documents).toHaveLength(2);
    });

    it('a file over the size cap, and an entry over the entry cap', async () => {
      await seed();
      const { file, bytes } = await exportTo('capped.lectern-library');
      expect(readLibraryFile(file, { ...IMPORT_LIMITS, maxFileBytes: bytes }).documents).toHaveLength(2);
      expect(() => readLibraryFile(file, { ...IMPORT_LIMITS, maxFileBytes: bytes - 1 })).toThrow(
        new RegExp(`cannot be imported: it is larger than the ${bytes - 1} bytes Lectern can import\\. Nothing was changed`),
      );
      const longest = Math.max(...readFileSync(file, 'utf8').split('\n').slice(1).map((l) => Buffer.byteLength(l)));
      expect(readLibraryFile(file, { ...IMPORT_LIMITS, maxRecordBytes: longest }).documents).toHaveLength(2);
      expect(() => readLibraryFile(file, { ...IMPORT_LIMITS, maxRecordBytes: longest - 1 })).toThrow(/the entry at line \d+ is larger than the/);
      // A header that goes on and on is not a library (and is not read to its end).
      writeFileSync(join(out.path, 'endless-header'), '{"format":"lectern-library",' + ' '.repeat(200_000));
      await rejects(join(out.path, 'endless-header'), 'IMPORT_INVALID', /not a Lectern library/);
    });

    it('a record that comes after the trailer, or a line that is not JSON', async () => {
      await seed();
      const { file } = await exportTo('extra.lectern-library');
      const text = readFileSync(file, 'utf8');
      writeFileSync(join(out.path, 'after-end'), text + text.split('\n')[2] + '\n');
      await rejects(join(out.path, 'after-end'), 'IMPORT_INVALID', /cut off|damaged/);
      craftLibrary(join(out.path, 'garbage'), [documentRecord()]);
      const lines = readFileSync(join(out.path, 'garbage'), 'utf8').split('\n');
      craftLibraryLines(join(out.path, 'not-json'), [lines[1]!, '{"type":"document",']);
      await rejects(join(out.path, 'not-json'), 'IMPORT_INVALID', /line 3 is not something a Lectern library holds/);
    });

    it('an import whose file changed between inspecting and importing', async () => {
      await seed();
      const { file } = await exportTo('changing.lectern-library');
      files.next = file;
      const preview = await target.call('library.inspectImport', {});
      writeFileSync(file, readFileSync(file).subarray(0, 100));
      const error = await target.fail('library.importLibrary', { importId: preview.importId });
      expect(error.code).toBe('IMPORT_INVALID');
      expect(databaseChecksum(target.core.db)).toBe(checksum);
    });
  });
});
