import { closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY_FILE } from '../../../electron/core/app';
import { runningIntegrityWorkers } from '../../../electron/core/library/integrity';
import { DAMAGED_READ_ONLY_MESSAGE } from '../../../electron/core/library/library';
import { tempDir } from '../../helpers/tempDir';
import { recordingLogger } from '../main/recordingLogger';
import { databaseChecksum, doc, openTestLibrary, type TestLibrary } from './fixture';

/** Overwrites whole pages in the middle of the file: the structure breaks, the header stays sound. */
function damagePages(file: string, fromPage: number, count: number): void {
  const pageSize = 4096;
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize * count, 0xa5), 0, pageSize * count, pageSize * (fromPage - 1));
  } finally {
    closeSync(fd);
  }
}

/** Every kind of change the renderer can ask the library for, each expected to be refused. */
async function attemptEveryWrite(lib: TestLibrary, id: string) {
  return {
    create: await lib.fail('documents.create', { title: 'New', kind: 'note' }),
    save: await lib.fail('documents.save', { id, content: doc('typed after the damage') }),
    rename: await lib.fail('documents.rename', { id, title: 'Renamed' }),
    metadata: await lib.fail('documents.updateMetadata', { id, tags: ['new-tag'] }),
    duplicate: await lib.fail('documents.duplicate', { id }),
    named: await lib.fail('revisions.create', { documentId: id, label: 'Named' }),
    list: await lib.fail('library.setList', { list: 'subjects', values: ['Only'] }),
    delete: await lib.fail('documents.delete', { id }),
    emptyTrash: await lib.fail('trash.empty', {}),
  };
}

describe('a library found damaged while open', () => {
  let lib: TestLibrary | undefined;
  const teardown: Array<() => void> = [];
  const onTeardown = (fn: () => void) => teardown.push(fn);
  afterEach(() => {
    lib?.dispose();
    lib = undefined;
    for (const fn of teardown.splice(0)) fn();
  });

  it('refuses every write with one clear sentence once SQLite reports corruption, and keeps reading, searching and exporting', async () => {
    const exported = tempDir();
    onTeardown(() => exported.dispose());
    const exportFile = join(exported.path, 'rescue.lectern-library');
    lib = openTestLibrary({ files: { chooseExportFile: async () => exportFile, chooseImportFile: async () => undefined } });
    const { id } = await lib.call('documents.create', { title: 'Volcanoes', kind: 'lesson-plan', content: doc('Magma rises through the crust') });
    // Indexed (as the idle flush does a second after edits pause): the index is not written once damaged.
    lib.core.library.searchIndex.flush();
    const library = lib.core.library;
    // SQLite reports corruption in the middle of an ordinary call (a damaged page met by a read).
    const get = library.documents.get.bind(library.documents);
    library.documents.get = () => {
      throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    };
    expect((await lib.fail('documents.get', { id })).code).toBe('DATABASE_DAMAGED');
    library.documents.get = get;

    const status = await lib.call('library.status', {});
    expect(status).toMatchObject({ integrity: 'damaged', readOnly: true });
    const before = databaseChecksum(lib.core.db);
    const refused = await attemptEveryWrite(lib, id);
    for (const [what, error] of Object.entries(refused)) {
      expect({ what, ...error }).toEqual({ what, code: 'STORAGE_READ_ONLY', message: DAMAGED_READ_ONLY_MESSAGE });
    }
    // Not a byte went into the damaged file.
    expect(databaseChecksum(lib.core.db)).toBe(before);
    // Reads keep working: the teacher can still open, search and export lessons.
    expect((await lib.call('documents.get', { id })).title).toBe('Volcanoes');
    expect((await lib.call('documents.list', {})).map((d) => d.title)).toEqual(['Volcanoes']);
    expect((await lib.call('search.query', { text: 'magma' })).results).toHaveLength(1);
    expect((await lib.call('revisions.list', { documentId: id })).length).toBeGreaterThanOrEqual(0);
    // And the whole library can be exported, to take it elsewhere.
    expect(await lib.call('library.exportLibrary', {})).toMatchObject({ file: exportFile, documents: 1 });
    expect(statSync(exportFile).size).toBeGreaterThan(0);
    // Even the AI service, which writes through the same connection, cannot write.
    expect(() => lib!.core.db.prepare('DELETE FROM documents').run()).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
  });

  it('goes read-only when the start-up check finds damage, and a restored backup lifts it', async () => {
    lib = openTestLibrary();
    for (let i = 0; i < 40; i++) await lib.call('documents.create', { title: `Doc ${i}`, kind: 'note', content: doc('x'.repeat(3000)) });
    const backup = await lib.call('library.backupNow', {});
    lib.core.close();
    const file = join(lib.dir.path, LIBRARY_FILE);
    damagePages(file, Math.floor(statSync(file).size / 4096 / 2), 3);

    lib.reopen({ library: { background: true } });
    await lib.core.library.integrityChecked;
    expect(await lib.call('library.status', {})).toMatchObject({ integrity: 'damaged', readOnly: true });
    expect(await lib.fail('documents.create', { title: 'After the check', kind: 'note' })).toEqual({
      code: 'STORAGE_READ_ONLY',
      message: DAMAGED_READ_ONLY_MESSAGE,
    });

    await lib.call('library.restoreBackup', { file: backup.file });
    expect(await lib.call('library.status', {})).toMatchObject({ integrity: 'ok', readOnly: false, damage: null });
    const created = await lib.call('documents.create', { title: 'After the restore', kind: 'note', content: doc('saved again') });
    expect((await lib.call('search.query', { text: 'saved again' })).results.map((r) => r.document.id)).toEqual([created.id]);
  });

  it('can start afresh with an empty library in place, keeping the damaged one beside it', async () => {
    lib = openTestLibrary();
    const { id } = await lib.call('documents.create', { title: 'Lost cause', kind: 'note', content: doc('in the damaged file') });
    const library = lib.core.library;
    library.noteFailure(Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' }));
    expect((await lib.fail('documents.save', { id, content: doc('x') })).code).toBe('STORAGE_READ_ONLY');

    const { previousKeptAs } = await lib.call('library.startAfresh', {});
    expect(previousKeptAs).toMatch(/damaged-.*\.sqlite$/);
    const kept = new Sqlite(previousKeptAs, { readonly: true });
    expect(kept.prepare('SELECT title FROM documents').all()).toEqual([{ title: 'Lost cause' }]);
    kept.close();

    expect(await lib.call('library.status', {})).toMatchObject({ integrity: 'ok', readOnly: false, damage: null, documents: 0 });
    expect((await lib.call('library.lists', {})).keyStages.length).toBeGreaterThan(0);
    const fresh = await lib.call('documents.create', { title: 'A new start', kind: 'note', content: doc('fresh words') });
    expect((await lib.call('search.query', { text: 'fresh' })).results.map((r) => r.document.id)).toEqual([fresh.id]);
    expect((await lib.fail('documents.get', { id })).code).toBe('NOT_FOUND');
  });
});

describe('closing a library while its integrity check runs', () => {
  it('stops the worker: nothing of the library outlives close(), and nothing is logged after it', async () => {
    const log = recordingLogger();
    const lib = openTestLibrary({ log });
    try {
      for (let i = 0; i < 20; i++) await lib.call('documents.create', { title: `Doc ${i}`, kind: 'note', content: doc('y'.repeat(2000)) });
      lib.reopen({ library: { background: true } });
      const checked = lib.core.library.integrityChecked;
      expect(runningIntegrityWorkers()).toBe(1);
      const linesAtClose = log.lines.length;
      lib.core.close();
      await checked;
      expect(runningIntegrityWorkers()).toBe(0);
      // Give a worker that was not stopped every chance to answer (and be logged) before looking.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(log.lines.slice(linesAtClose)).toEqual([]);
    } finally {
      lib.dir.dispose();
    }
  });

  it('leaves no partial backup behind when the library closes in the middle of one', async () => {
    const lib = openTestLibrary();
    try {
      await lib.call('documents.create', { title: 'Backed up', kind: 'note', content: doc('z') });
      const backup = lib.core.library.backups.backupNow();
      lib.core.close();
      await expect(backup).rejects.toThrow();
      expect(runningIntegrityWorkers()).toBe(0);
      expect(readdirSync(join(lib.dir.path, 'backups'))).toEqual([]);
    } finally {
      lib.dir.dispose();
    }
  });
});
