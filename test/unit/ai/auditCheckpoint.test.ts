import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AiStartInput, VerifyResult } from '../../../electron/contract';
import { createCore, LIBRARY_FILE, type LecternCore } from '../../../electron/core/app';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { restoreBackupFile } from '../../../electron/core/library/backup';
import { AuditLog } from '../../../electron/core/provenance/auditLog';
import { CHECKPOINT_FILE, CHECKPOINT_KEY_NAME } from '../../../electron/core/provenance/checkpoint';
import { MemorySecretStore } from '../../../electron/core/secrets';
import { fakeClock } from '../../helpers/fakeClock';
import { tempDir } from '../../helpers/tempDir';
import { FakeOpenAiServer } from '../../fake-openai/server';

/** A library folder opened, closed and reopened as the app would: same folder, same key store. */
describe('the keyed checkpoint across opens, restores and imports', () => {
  let server: FakeOpenAiServer;
  let dir: { path: string; dispose(): void };
  let secrets: MemorySecretStore;
  let core: LecternCore | undefined;

  beforeEach(async () => {
    server = new FakeOpenAiServer();
    await server.start();
    dir = tempDir('lectern-audit-');
    secrets = new MemorySecretStore();
  });
  afterEach(async () => {
    core?.close();
    core = undefined;
    await server.stop();
    dir.dispose();
  });

  const exportFile = () => join(dir.path, 'export.lectern-library');
  async function open(store = secrets): Promise<LecternCore> {
    core?.close();
    core = createCore({
      dataDir: dir.path,
      host: 'web-harness',
      version: 'test',
      clock: fakeClock(),
      secrets: store,
      env: { LECTERN_AI_BASE_URL: server.baseURL, LECTERN_AI_MODEL: 'fake-model', LECTERN_AI_API_KEY: 'sk-test' },
      ai: { sleep: async () => {}, previewIntervalMs: 0 },
      library: { background: false },
      files: { chooseExportFile: async () => exportFile(), chooseImportFile: async () => exportFile() },
    });
    await core.provenance.ready;
    return core;
  }
  async function ask(c: LecternCore, text: string): Promise<void> {
    const input: AiStartInput = { action: 'rewrite', selection: { text }, params: {} };
    const { jobId } = await c.ai.start(input);
    await c.ai.jobs.wait(jobId);
  }
  const verify = (): Promise<VerifyResult> => core!.ai.verify();
  /** Edits the closed library file directly, as anyone with the file (but not the key) can. */
  function editFile(sql: string): void {
    const db = new Sqlite(join(dir.path, LIBRARY_FILE));
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    db.exec(sql);
    db.close();
  }

  it('reopening an untouched library verifies with nothing to report', async () => {
    await ask(await open(), 'one');
    await ask(await open(), 'two');
    expect(await verify()).toMatchObject({ ok: true, checkedRows: 4, checkpoint: { status: 'match', seq: 4 }, incidents: [], replacements: [] });
  });

  it('a log cut while Lectern was closed is recorded at the next open and keeps failing', async () => {
    const c = await open();
    await ask(c, 'one');
    await ask(c, 'two');
    c.close();
    core = undefined;
    editFile('DELETE FROM audit_log WHERE seq > 2; DELETE FROM ai_interactions WHERE rowid > 1;');
    await open();
    const result = await verify();
    expect(result).toMatchObject({ ok: false, checkpoint: { status: 'match' }, incidents: [{ kind: 'checkpoint-mismatch', seq: 3, checkpointSeq: 4, logSeq: 2 }] });
    expect(result.message).toMatch(/held 2 entries where its checkpoint vouched for 4/);
    await ask(core!, 'three');
    expect((await verify()).ok).toBe(false);
  });

  it('a deleted checkpoint file is recorded at the next open', async () => {
    await ask(await open(), 'one');
    core!.close();
    core = undefined;
    rmSync(join(dir.path, CHECKPOINT_FILE));
    await open();
    expect(await verify()).toMatchObject({ ok: false, incidents: [{ kind: 'checkpoint-missing' }] });
  });

  it('a key the secret store no longer has restarts the checkpoint, and says from where', async () => {
    await ask(await open(), 'one');
    core!.close();
    core = undefined;
    await open(new MemorySecretStore());
    const result = await verify();
    expect(result).toMatchObject({ ok: true, checkpoint: { status: 'match', seq: 3 }, incidents: [{ kind: 'checkpoint-started', seq: 3, checkpointSeq: 2 }] });
    expect(result.message).toMatch(/covers the log from entry 3/);
  });

  it('a key made by a core closed before it could write its checkpoint is forgotten', async () => {
    const c = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test', clock: fakeClock(), secrets, library: { background: false } });
    c.close();
    await c.provenance.ready;
    expect(await secrets.get(CHECKPOINT_KEY_NAME)).toBeUndefined();
    await open();
    expect(await verify()).toMatchObject({ ok: true, incidents: [] });
  });

  it('restoring an older backup says what it replaced, and Verify explains why the log went back', async () => {
    const c = await open();
    await ask(c, 'one');
    const backup = await c.library.backups.backupNow();
    await ask(c, 'two');
    await ask(c, 'three');
    expect((await verify()).checkedRows).toBe(6);
    await c.library.restoreBackup(backup.file);
    const result = await verify();
    expect(result).toMatchObject({
      ok: true,
      checkedRows: 3,
      checkpoint: { status: 'match', seq: 3, logSeq: 3 },
      replacements: [{ kind: 'restore', seq: 3, file: backup.file, replacedEntries: 6, restoredEntries: 2, backupCheckpoint: 'match' }],
    });
    expect(result.message).toMatch(new RegExp(`restored from ${backup.file.replace(/\./g, '\\.')} at entry 3: the log went from 6 entries back to 2`));
    const entry = c.provenance.audit.rows().at(-1)!;
    expect(JSON.parse(entry.details)).toMatchObject({
      file: backup.file,
      backupCreatedAt: backup.createdAt,
      keptAs: expect.stringMatching(/^replaced-.*\.sqlite$/),
      replaced: { entries: 6, checkpoint: 'match', interactions: 3, documents: 0 },
      restored: { entries: 2, interactions: 1, backupCheckpoint: 'match' },
    });
  });

  it('restoring a backup whose log was cut after it was made fails Verify', async () => {
    const c = await open();
    await ask(c, 'one');
    await ask(c, 'two');
    const backup = await c.library.backups.backupNow();
    const copy = new Sqlite(join(dir.path, 'backups', backup.file));
    copy.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 2; DELETE FROM ai_interactions WHERE rowid > 1;');
    copy.close();
    await c.library.restoreBackup(backup.file);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, replacements: [{ kind: 'restore', backupCheckpoint: 'mismatch' }] });
    expect(result.message).toMatch(/did not match the checkpoint made with it/);
  });

  it('a backup put back while Lectern was closed is recognised by its own checkpoint', async () => {
    const c = await open();
    await ask(c, 'one');
    const backup = await c.library.backups.backupNow();
    await ask(c, 'two');
    c.close();
    core = undefined;
    restoreBackupFile(dir.path, backup.file);
    await open();
    expect(await verify()).toMatchObject({ ok: true, replacements: [{ kind: 'restore', file: backup.file, replacedEntries: 4, restoredEntries: 2 }], incidents: [] });
  });

  it('starting afresh records what was replaced', async () => {
    const c = await open();
    await ask(c, 'one');
    await c.library.startAfresh();
    expect(await verify()).toMatchObject({ ok: true, checkedRows: 1, replacements: [{ kind: 'fresh-start', replacedEntries: 2, restoredEntries: 0 }] });
  });

  it('an import writes an entry saying what it brought in', async () => {
    const c = await open();
    await c.dispatch('documents.create', { title: 'Fractions', kind: 'note' });
    expect((await c.dispatch('library.exportLibrary', {})).ok).toBe(true);
    const preview = await c.dispatch('library.inspectImport', {});
    if (!preview.ok) throw new Error(preview.error.message);
    const report = await c.dispatch('library.importLibrary', { importId: preview.value.importId, duplicates: 'copy' });
    expect(report).toMatchObject({ ok: true, value: { copies: 1 } });
    const entry = c.provenance.audit.rows().at(-1)!;
    expect(entry.event).toBe('library.imported');
    // The file carried this library's signed checkpoint: the entry says it came from here, and when.
    expect(JSON.parse(readFileSync(exportFile(), 'utf8').split('\n')[0]!)).toMatchObject({ auditCheckpoint: { entries: 0, mac: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.parse(entry.details)).toMatchObject({ file: 'export.lectern-library', documents: 1, copies: 1, imported: 0, fileCheckpoint: 'this-library', fileEntries: 0 });
    expect(await verify()).toMatchObject({ ok: true, replacements: [{ kind: 'import', file: 'export.lectern-library', restoredEntries: 1 }] });
  });

  it('backups carry a checkpoint of their own, removed with the backup', async () => {
    const c = await open();
    await ask(c, 'one');
    const backup = await c.library.backups.backupNow();
    const sidecar = join(dir.path, 'audit-checkpoints', `${backup.file}.json`);
    expect(JSON.parse(readFileSync(sidecar, 'utf8'))).toMatchObject({ format: 'lectern-audit-checkpoint', seq: 2 });
    rmSync(join(dir.path, 'backups', backup.file));
    await c.library.backups.backupNow();
    expect(existsSync(sidecar)).toBe(false);
  });
});

describe('migration 004 on a library recorded before it', () => {
  it('vouches for every existing interaction in one "chain upgraded" entry, then guards every column', async () => {
    const dir = tempDir('lectern-audit-v3-');
    const file = join(dir.path, LIBRARY_FILE);
    const old = new Sqlite(file);
    old.pragma('journal_mode = WAL');
    migrate(old, MIGRATIONS.filter((m) => m.version <= 3));
    old
      .prepare(
        `INSERT INTO ai_interactions (id, document_id, action, provider, model, parameters, request, response, status, redactions, created_at, finished_at)
         VALUES ('old-1', NULL, 'rewrite', 'compatible', 'fake-model', '{}', '{"endpoint":"/chat/completions","body":{}}', 'Old answer.', 'completed', '[]', 1, 2)`,
      )
      .run();
    const log = new AuditLog(old, fakeClock());
    log.append('ai.interaction.started', 'old-1', { action: 'rewrite' });
    log.append('ai.interaction.finished', 'old-1', { status: 'completed' });
    old.close();

    const core = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test', clock: fakeClock(), secrets: new MemorySecretStore(), library: { background: false } });
    try {
      await core.provenance.ready;
      const rows = core.provenance.audit.rows();
      expect(rows.map((r) => r.event)).toEqual(['ai.interaction.started', 'ai.interaction.finished', 'audit.chain.upgraded', 'audit.checkpoint.started']);
      expect(JSON.parse(rows[2]!.details)).toMatchObject({ scheme: 2, entriesBefore: 2, interactions: { 'old-1': expect.stringMatching(/^[0-9a-f]{64}$/) } });
      const result = await core.ai.verify();
      expect(result).toMatchObject({ ok: true, checkedRows: 4, checkedInteractions: 1, checkpoint: { status: 'match', seq: 4 } });
      expect(result.message).toMatch(/covers the log from entry 4/);
      core.db.prepare("UPDATE ai_interactions SET model = 'other-model' WHERE id = 'old-1'").run();
      expect(await core.ai.verify()).toMatchObject({ ok: false, alteredInteractionId: 'old-1' });
    } finally {
      core.close();
      dir.dispose();
    }
  });
});

describe('a process without a secret store (the CLI)', () => {
  it('neither signs nor replaces the checkpoint, and Verify says it cannot check it', async () => {
    const dir = tempDir('lectern-audit-cli-');
    const secrets = new MemorySecretStore();
    const app = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test', clock: fakeClock(), secrets, library: { background: false } });
    await app.provenance.ready;
    await app.ai.updateSettings({ classList: ['Amelia Jones'] });
    app.close();
    const before = readFileSync(join(dir.path, CHECKPOINT_FILE), 'utf8');
    const cli = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test', clock: fakeClock(), lockHolder: 'cli', library: { background: false } });
    try {
      await cli.provenance.ready;
      expect(await cli.ai.verify()).toMatchObject({ ok: true, checkpoint: { status: 'unavailable' }, message: expect.stringMatching(/no secure key store/) });
    } finally {
      cli.close();
    }
    expect(readFileSync(join(dir.path, CHECKPOINT_FILE), 'utf8')).toBe(before);
    const again = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test', clock: fakeClock(), secrets, library: { background: false } });
    try {
      await again.provenance.ready;
      expect(await again.ai.verify()).toMatchObject({ ok: true, checkpoint: { status: 'match' }, incidents: [] });
    } finally {
      again.close();
      dir.dispose();
    }
  });
});

describe('the checkpoint an export carries', () => {
  it('is recognised when imported back into the library that made it, and not otherwise', async () => {
    const made = [];
    for (const secrets of [new MemorySecretStore(), new MemorySecretStore()]) {
      const dir = tempDir('lectern-audit-export-');
      const core = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test', clock: fakeClock(), secrets, library: { background: false } });
      await core.provenance.ready;
      made.push({ core, dir });
    }
    try {
      const [a, b] = made as [(typeof made)[number], (typeof made)[number]];
      await a.core.ai.updateSettings({ classList: ['Amelia Jones'] });
      const cp = a.core.provenance.exportCheckpoint();
      expect(cp).toMatchObject({ entries: 1, head: a.core.provenance.audit.head().hash });
      expect(a.core.provenance.checkExportCheckpoint(cp)).toBe('this-library');
      expect(a.core.provenance.checkExportCheckpoint({ ...cp, entries: 2 })).toBe('other');
      expect(b.core.provenance.checkExportCheckpoint(cp)).toBe('other');
      expect(b.core.provenance.checkExportCheckpoint(undefined)).toBe('absent');
      a.core.provenance.imported({ file: '/somewhere/Year 5.lectern-library', exportedAt: 5, report: { imported: 1, copies: 0, skipped: 0, replaced: 0, revisions: 0 }, exportCheckpoint: cp });
      expect(JSON.parse(a.core.provenance.audit.rows().at(-1)!.details)).toMatchObject({ file: 'Year 5.lectern-library', fileCheckpoint: 'this-library', fileEntries: 1 });
    } finally {
      for (const { core, dir } of made) {
        core.close();
        dir.dispose();
      }
    }
  });
});

describe('AI interactions carried by a library export', () => {
  it('are vouched for by the import entry in the library they arrive in', async () => {
    const server = new FakeOpenAiServer();
    await server.start();
    const folder = tempDir('lectern-audit-carry-');
    const file = join(folder.path, 'carried.lectern-library');
    const open = (name: string) =>
      createCore({
        dataDir: join(folder.path, name),
        host: 'web-harness',
        version: 'test',
        clock: fakeClock(),
        secrets: new MemorySecretStore(),
        env: { LECTERN_AI_BASE_URL: server.baseURL, LECTERN_AI_MODEL: 'fake-model', LECTERN_AI_API_KEY: 'sk-test' },
        ai: { sleep: async () => {}, previewIntervalMs: 0 },
        library: { background: false },
        files: { chooseExportFile: async () => file, chooseImportFile: async () => file },
      });
    const from = open('from');
    const to = open('to');
    try {
      const doc = from.documents.create({ title: 'Plants', kind: 'note' });
      const { jobId } = await from.ai.start({ action: 'rewrite', documentId: doc.id, selection: { text: 'Plants grow.' }, params: {} });
      await from.ai.jobs.wait(jobId);
      expect((await from.dispatch('library.exportLibrary', {})).ok).toBe(true);
      await to.provenance.ready;
      const preview = await to.dispatch('library.inspectImport', {});
      if (!preview.ok) throw new Error(preview.error.message);
      expect((await to.dispatch('library.importLibrary', { importId: preview.value.importId, duplicates: 'copy' })).ok).toBe(true);
      expect(await to.ai.verify()).toMatchObject({ ok: true, checkedInteractions: 1, replacements: [{ kind: 'import', file: 'carried.lectern-library' }] });
      expect(JSON.parse(to.provenance.audit.rows().at(-1)!.details)).toMatchObject({ fileCheckpoint: 'other', fileEntries: 2 });
      to.db.prepare("UPDATE ai_interactions SET model = 'other'").run();
      expect((await to.ai.verify()).ok).toBe(false);
    } finally {
      from.close();
      to.close();
      await server.stop();
      folder.dispose();
    }
  });
});
