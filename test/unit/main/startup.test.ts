import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enGB } from '../../../electron/contract/i18n/en-GB';
import { LIBRARY_FILE, createCore } from '../../../electron/core/app';
import { AppError } from '../../../electron/core/errors';
import { openCoreOrExplain, openCoreWithRecovery } from '../../../electron/main/startup';
import { restoreBackupFile, startEmptyLibrary } from '../../../electron/core/library/backup';
import { tempDir } from '../../helpers/tempDir';
import { recordingLogger } from './recordingLogger';

describe('a core that cannot start', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.dispose());

  it('explains a damaged library in plain English instead of crashing', () => {
    writeFileSync(join(dir.path, LIBRARY_FILE), 'this is not a database, just some bytes '.repeat(200));
    const ui = { showErrorBox: vi.fn() };
    const log = recordingLogger();
    const core = openCoreOrExplain(() => createCore({ dataDir: dir.path, host: 'electron', version: 'test' }), ui, enGB, log, '/logs');
    expect(core).toBeUndefined();
    expect(ui.showErrorBox).toHaveBeenCalledWith(enGB.menu.startupFailedTitle, expect.stringContaining(enGB.errors.DATABASE_DAMAGED));
    expect(ui.showErrorBox.mock.calls[0]?.[1]).toContain('/logs');
    expect(log.lines[0]).toMatchObject({ level: 'error', fields: { code: 'DATABASE_DAMAGED' } });
  });

  it('explains a library from a newer Lectern', () => {
    const ui = { showErrorBox: vi.fn() };
    openCoreOrExplain(
      () => {
        throw new AppError('DATABASE_TOO_NEW', 'schema 99 > 3');
      },
      ui,
      enGB,
      recordingLogger(),
      '/logs',
    );
    expect(ui.showErrorBox.mock.calls[0]?.[1]).toContain(enGB.errors.DATABASE_TOO_NEW);
  });

  it('gives a general message, not a stack, for anything unexpected', () => {
    const ui = { showErrorBox: vi.fn() };
    openCoreOrExplain(
      () => {
        throw new TypeError('cannot read x of undefined at /src/core/app.ts:10');
      },
      ui,
      enGB,
      recordingLogger(),
      '/logs',
    );
    const shown = String(ui.showErrorBox.mock.calls[0]?.[1]);
    expect(shown).toContain(enGB.menu.startupFailedUnknown);
    expect(shown).not.toContain('app.ts');
  });

  it('returns the core when it opens', () => {
    const ui = { showErrorBox: vi.fn() };
    const core = openCoreOrExplain(() => createCore({ dataDir: dir.path, host: 'electron', version: 'test' }), ui, enGB, recordingLogger(), '/logs');
    expect(core).toBeDefined();
    core?.close();
    expect(ui.showErrorBox).not.toHaveBeenCalled();
  });
});

const recovery = (dataDir: string) => ({
  restoreBackup: (file: string) => restoreBackupFile(dataDir, file),
  startEmpty: () => startEmptyLibrary(dataDir),
});

describe('recovering from a damaged library at start-up', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.dispose());

  it('restores the newest backup when the teacher chooses it, and the lesson is back', async () => {
    const open = () => createCore({ dataDir: dir.path, host: 'electron', version: 'test' });
    const first = open();
    const doc = first.documents.create({ title: 'Kept safe', kind: 'note' });
    const backup = await first.dispatch('library.backupNow', {});
    expect(backup.ok).toBe(true);
    first.close();
    writeFileSync(join(dir.path, LIBRARY_FILE), 'scribbled over '.repeat(500));

    const ui = { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) };
    const core = await openCoreWithRecovery(open, recovery(dir.path), ui, enGB, recordingLogger(), '/logs', () => '1 September 2026');
    expect(ui.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({ buttons: ['Restore the newest backup', 'Start with an empty library', 'Quit'] }),
    );
    expect(core).toBeDefined();
    expect(core!.documents.get(doc.id).title).toBe('Kept safe');
    expect(ui.showErrorBox).not.toHaveBeenCalled();
    core!.close();
  });
});

describe('a library file that is missing or empty beside its backups', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.dispose());

  const open = () => createCore({ dataDir: dir.path, host: 'electron', version: 'test' });
  const library = () => join(dir.path, LIBRARY_FILE);

  /** A library with one lesson and a backup of it, closed. */
  async function libraryWithBackup() {
    const first = open();
    const lesson = first.documents.create({ title: 'Years of work', kind: 'note' });
    const backup = await first.dispatch('library.backupNow', {});
    if (!backup.ok) throw new Error(backup.error.message);
    first.close();
    return { lesson, backup: backup.value };
  }

  const askingUi = (response: number) => ({ showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response })) });

  it('is not opened as a new empty library: the teacher is offered the newest backup, which brings the lesson back', async () => {
    const { lesson } = await libraryWithBackup();
    for (const suffix of ['', '-wal', '-shm']) rmSync(library() + suffix, { force: true });

    const ui = askingUi(0);
    const core = await openCoreWithRecovery(open, recovery(dir.path), ui, enGB, recordingLogger(), '/logs', () => '1 September 2026');
    expect(ui.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        title: enGB.startup.lostTitle,
        buttons: ['Restore the newest backup', 'Start with an empty library', 'Quit'],
        detail: expect.stringContaining('1 September 2026'),
      }),
    );
    expect(core).toBeDefined();
    expect(core!.documents.get(lesson.id).title).toBe('Years of work');
    core!.close();
  });

  it('treats a 0-byte library file the same, keeps that file, and can start empty once and for all', async () => {
    await libraryWithBackup();
    for (const suffix of ['-wal', '-shm']) rmSync(library() + suffix, { force: true });
    writeFileSync(library(), '');

    const ui = askingUi(1);
    const core = await openCoreWithRecovery(open, recovery(dir.path), ui, enGB, recordingLogger(), '/logs', () => '1 September 2026');
    const detail = String((ui.showMessageBox.mock.calls[0] as unknown as [{ detail: string }])[0].detail);
    expect(detail).toMatch(/empty-.*\.sqlite/);
    expect(core).toBeDefined();
    expect(core!.documents.list({})).toEqual([]);
    expect(await core!.dispatch('library.status', {})).toMatchObject({ ok: true, value: { readOnly: false, damage: null, backups: [expect.anything()] } });
    core!.close();
    // The empty file was kept, not deleted.
    expect(readdirSync(dir.path).filter((name) => name.startsWith('empty-'))).toHaveLength(1);
    // Started empty on purpose: the next start opens it without asking again.
    const again = askingUi(0);
    const next = await openCoreWithRecovery(open, recovery(dir.path), again, enGB, recordingLogger(), '/logs', () => '');
    expect(again.showMessageBox).not.toHaveBeenCalled();
    next!.close();
  });

  it('still opens a fresh library without a word on a genuinely first run', async () => {
    const ui = askingUi(0);
    const core = await openCoreWithRecovery(open, recovery(dir.path), ui, enGB, recordingLogger(), '/logs', () => '');
    expect(ui.showMessageBox).not.toHaveBeenCalled();
    expect(ui.showErrorBox).not.toHaveBeenCalled();
    expect(core!.documents.list({})).toEqual([]);
    core!.close();
    expect(statSync(library()).size).toBeGreaterThan(0);
    expect(existsSync(join(dir.path, 'backups'))).toBe(false);
  });
});
