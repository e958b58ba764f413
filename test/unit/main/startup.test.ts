import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enGB } from '../../../electron/contract/i18n/en-GB';
import { LIBRARY_FILE, createCore } from '../../../electron/core/app';
import { AppError } from '../../../electron/core/errors';
import { openCoreOrExplain, openCoreWithRecovery } from '../../../electron/main/startup';
import { restoreBackupFile } from '../../../electron/core/library/backup';
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
    const core = await openCoreWithRecovery(open, (file) => restoreBackupFile(dir.path, file), ui, enGB, recordingLogger(), '/logs', () => '1 September 2026');
    expect(ui.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({ buttons: ['Restore the newest backup', 'Start with an empty library', 'Quit'] }),
    );
    expect(core).toBeDefined();
    expect(core!.documents.get(doc.id).title).toBe('Kept safe');
    expect(ui.showErrorBox).not.toHaveBeenCalled();
    core!.close();
  });
});
