import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIBRARY_FILE } from '../../../electron/core/app';
import { checkNow } from '../../../electron/core/library/integrity';
import { restoreBackupFile, startEmptyLibrary } from '../../../electron/core/library/backup';
import { DamagedLibraryError } from '../../../electron/core/library/library';
import { DAY, doc, HOUR, openTestLibrary, type TestLibrary } from './fixture';

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

describe('backups, damage and restore', () => {
  let lib: TestLibrary;
  beforeEach(() => {
    lib = openTestLibrary({ library: { backup: { keep: 3 } } });
  });
  afterEach(() => lib.dispose());

  const backupsDir = () => join(lib.dir.path, 'backups');

  it('backs up now into the backups folder as one checked, self-contained file', async () => {
    const { id } = await lib.call('documents.create', { title: 'Backed up', kind: 'note', content: doc('v1') });
    const backup = await lib.call('library.backupNow', {});
    expect(backup.file).toMatch(/^library-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.sqlite$/);
    expect(readdirSync(backupsDir())).toEqual([backup.file]);
    expect(checkNow(join(backupsDir(), backup.file)).ok).toBe(true);
    const copy = new Sqlite(join(backupsDir(), backup.file), { readonly: true });
    // Compared as JSON values: how the stored text orders keys is the document store's business.
    expect(JSON.parse((copy.prepare('SELECT content FROM documents WHERE id = ?').get(id) as { content: string }).content)).toEqual(doc('v1'));
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(await lib.call('library.listBackups', {})).toEqual([backup]);
  });

  it('keeps the newest N backups and backs up daily while the app runs', async () => {
    await lib.call('documents.create', { title: 'x', kind: 'note' });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      lib.clock.advance(HOUR);
      made.push((await lib.call('library.backupNow', {})).file);
    }
    expect((await lib.call('library.listBackups', {})).map((b) => b.file)).toEqual(made.slice(2).reverse());

    lib.clock.advance(HOUR);
    await lib.core.library.maintenance();
    expect(await lib.call('library.listBackups', {})).toHaveLength(3);
    expect((await lib.call('library.listBackups', {}))[0]!.file).toBe(made[4]);
    lib.clock.advance(DAY);
    await lib.core.library.maintenance();
    expect((await lib.call('library.listBackups', {}))[0]!.file).not.toBe(made[4]);
  });

  it('restores a backup into the open library and keeps the replaced one', async () => {
    const { id } = await lib.call('documents.create', { title: 'Essay', kind: 'note', content: doc('v1') });
    const backup = await lib.call('library.backupNow', {});
    await lib.call('documents.save', { id, content: doc('v2 after the backup') });
    const later = await lib.call('documents.create', { title: 'Later', kind: 'note' });

    const restored = await lib.call('library.restoreBackup', { file: backup.file });
    expect(restored.restored).toEqual(backup);
    expect((await lib.call('documents.get', { id })).content).toEqual(doc('v1'));
    expect((await lib.fail('documents.get', { id: later.id })).code).toBe('NOT_FOUND');
    // The library that was replaced is kept, whole.
    const kept = new Sqlite(restored.previousKeptAs!, { readonly: true });
    expect((kept.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(2);
    kept.close();
    // Everything keeps working on the same connection.
    await lib.call('documents.save', { id, content: doc('v3 after restoring') });
    expect((await lib.call('search.query', { text: 'restoring' })).results).toHaveLength(1);
    expect(checkNow(join(lib.dir.path, LIBRARY_FILE)).ok).toBe(true);
  });

  it('restores only backups by their bare name', async () => {
    expect((await lib.fail('library.restoreBackup', { file: '../library.sqlite' })).code).toBe('VALIDATION');
    expect((await lib.fail('library.restoreBackup', { file: 'library-2020-01-01T00-00-00-000Z.sqlite' })).code).toBe('NOT_FOUND');
  });

  /** A library with one precious document and a backup of it, whose file is then wrecked. */
  async function wreckAfterBackup() {
    await lib.call('documents.create', { title: 'Precious', kind: 'note', content: doc('Years of work') });
    const backup = await lib.call('library.backupNow', {});
    lib.core.close();
    const fd = openSync(join(lib.dir.path, LIBRARY_FILE), 'r+');
    writeSync(fd, Buffer.from('this is not a database header at all'), 0, 36, 0);
    closeSync(fd);
    return backup;
  }

  it('sets a library that cannot be opened aside, says which backup to restore, and restores it', async () => {
    const backup = await wreckAfterBackup();
    let error: unknown;
    try {
      lib.reopen();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DamagedLibraryError);
    const damaged = error as DamagedLibraryError;
    expect(damaged.code).toBe('DATABASE_DAMAGED');
    expect(damaged.backups).toEqual([backup]);
    expect(damaged.message).toMatch(new RegExp(`moved aside to .*damaged-.*\\.sqlite, untouched\\. The newest backup, ${backup.file}, can be restored`));
    expect(existsSync(damaged.keptAs!)).toBe(true);
    // The lock was released: the app can restore and start again.
    expect(restoreBackupFile(lib.dir.path, backup.file)).toMatchObject({ restored: backup, previousKeptAs: null });
    lib.reopen();
    expect((await lib.call('documents.list', {})).map((d) => d.title)).toEqual(['Precious']);
  });

  it('can instead start with an empty library and offer the backup in the app', async () => {
    const backup = await wreckAfterBackup();
    lib.reopen({ library: { onDamaged: 'start-fresh' } });
    const status = await lib.call('library.status', {});
    expect(status).toMatchObject({ integrity: 'damaged', documents: 0, backups: [backup] });
    expect(status.damage!.keptAs).toMatch(/damaged-.*\.sqlite$/);
    expect(existsSync(status.damage!.keptAs!)).toBe(true);
    expect(statSync(status.damage!.keptAs!).size).toBeGreaterThan(0);

    await lib.call('library.restoreBackup', { file: backup.file });
    expect((await lib.call('documents.list', {})).map((d) => d.title)).toEqual(['Precious']);
    expect(await lib.call('library.status', {})).toMatchObject({ integrity: 'ok', damage: null });
  });

  it('finds damage with the background integrity check at start-up', async () => {
    for (let i = 0; i < 40; i++) await lib.call('documents.create', { title: `Doc ${i}`, kind: 'note', content: doc('x'.repeat(3000)) });
    const backup = await lib.call('library.backupNow', {});
    lib.core.close();
    const file = join(lib.dir.path, LIBRARY_FILE);
    const pages = statSync(file).size / 4096;
    damagePages(file, Math.floor(pages / 2), 3);

    lib.reopen({ library: { background: true } });
    await lib.core.library.integrityChecked;
    const status = await lib.call('library.status', {});
    expect(status.integrity).toBe('damaged');
    // Found by the integrity check itself (its report names pages, or SQLite's own "malformed").
    expect(status.damage!.message).toMatch(/page|malformed/i);
    expect(status.damage).toMatchObject({ keptAs: null });

    const restored = await lib.call('library.restoreBackup', { file: backup.file });
    expect(restored.previousKeptAs).toMatch(/damaged-.*\.sqlite$/);
    expect((await lib.call('documents.list', {})).length).toBe(40);
    expect(checkNow(file).ok).toBe(true);
  });
});

describe('never losing a library quietly', () => {
  let lib: TestLibrary;
  beforeEach(() => {
    lib = openTestLibrary({ library: { backup: { keep: 3 } } });
  });
  afterEach(() => lib.dispose());

  const backupsDir = () => join(lib.dir.path, 'backups');
  const libraryFile = () => join(lib.dir.path, LIBRARY_FILE);
  const reopenError = (): unknown => {
    try {
      lib.reopen();
    } catch (error) {
      return error;
    }
    throw new Error('the library opened');
  };

  it('takes a missing library file beside backups for a lost library, not a new one', async () => {
    await lib.call('documents.create', { title: 'Precious', kind: 'note', content: doc('Years of work') });
    const backup = await lib.call('library.backupNow', {});
    lib.core.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(libraryFile() + suffix, { force: true });

    const error = reopenError();
    expect(error).toBeInstanceOf(DamagedLibraryError);
    expect(error).toMatchObject({ code: 'DATABASE_DAMAGED', lost: true, keptAs: null, backups: [backup] });
    expect((error as Error).message).toMatch(/missing, but there are backups/);
    // Nothing was created in its place.
    expect(existsSync(libraryFile())).toBe(false);
    // Starting empty on purpose is the one way past it.
    startEmptyLibrary(lib.dir.path);
    lib.reopen();
    expect(await lib.call('documents.list', {})).toEqual([]);
  });

  it('takes a 0-byte library file beside backups for a lost library, and keeps that file', async () => {
    await lib.call('documents.create', { title: 'Precious', kind: 'note' });
    await lib.call('library.backupNow', {});
    lib.core.close();
    for (const suffix of ['-wal', '-shm']) rmSync(libraryFile() + suffix, { force: true });
    writeFileSync(libraryFile(), '');

    const error = reopenError() as DamagedLibraryError;
    expect(error).toMatchObject({ code: 'DATABASE_DAMAGED', lost: true });
    expect(error.keptAs).toMatch(/empty-.*\.sqlite$/);
    expect(statSync(error.keptAs!).size).toBe(0);
    restoreBackupFile(lib.dir.path, error.backups[0]!.file);
    lib.reopen();
    expect((await lib.call('documents.list', {})).map((d) => d.title)).toEqual(['Precious']);
  });

  it('never prunes the last backup that holds more documents than the library', async () => {
    for (let i = 0; i < 5; i++) await lib.call('documents.create', { title: `Lesson ${i}`, kind: 'note' });
    lib.clock.advance(HOUR);
    const good = await lib.call('library.backupNow', {});
    // The library loses its lessons (emptied for good), and the daily backups carry on.
    const ids = (await lib.call('documents.list', {})).map((d) => d.id);
    for (const id of ids) await lib.call('documents.delete', { id });
    await lib.call('trash.empty', {});
    await lib.call('documents.create', { title: 'Only one now', kind: 'note' });
    const later: string[] = [];
    for (let day = 0; day < 7; day++) {
      lib.clock.advance(DAY);
      await lib.core.library.maintenance();
      later.push((await lib.call('library.listBackups', {}))[0]!.file);
    }
    const kept = (await lib.call('library.listBackups', {})).map((b) => b.file);
    expect(kept).toEqual([...later.slice(-3).reverse(), good.file]);
    expect(lib.core.library.backups.documentsIn(good)).toBe(5);

    // Once the library holds as many documents again, the old backup is pruned like any other.
    for (let i = 0; i < 5; i++) await lib.call('documents.create', { title: `New ${i}`, kind: 'note' });
    lib.clock.advance(DAY);
    await lib.core.library.maintenance();
    expect((await lib.call('library.listBackups', {})).map((b) => b.file)).not.toContain(good.file);
    expect(await lib.call('library.listBackups', {})).toHaveLength(3);
  });

  it('removes what an interrupted backup left behind when the library opens', async () => {
    const backup = await lib.call('library.backupNow', {});
    lib.core.close();
    const partial = `library-2026-09-01T09-00-00-000Z.sqlite.partial`;
    for (const name of [partial, `${partial}-wal`, `${partial}-shm`]) writeFileSync(join(backupsDir(), name), 'half a backup');
    lib.reopen();
    expect(readdirSync(backupsDir())).toEqual([backup.file]);
  });
});
