import { join } from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, LIBRARY_FILE } from '../../electron/core/app';
import { migrate } from '../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/core/db/migrations';
import { checkNow } from '../../electron/core/library/integrity';
import { tempDir } from '../helpers/tempDir';

/**
 * Data as a library at each schema version held it. Seeders run cumulatively (a database at
 * version 3 gets the data of seeders 1, 2 and 3), so each writes with the columns its version
 * introduced. A new migration needs a seeder here only if it adds something worth carrying over;
 * the test below covers every earlier version automatically.
 */
interface Expected {
  documents: Map<string, { title: string; content: string; plainText: string; createdAt: number }>;
  revisions: Map<string, { documentId: string; content: string; kind: string; label: string | null; createdAt: number }>;
}

const text = (t: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });

const SEEDERS: Record<number, (db: Database, expected: Expected, tag: string) => void> = {
  1: (db, expected, tag) => {
    const insert = db.prepare(
      'INSERT INTO documents (id, title, kind, content, plain_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const rows: Array<[string, string, string]> = [
      [`00000000-0000-4000-8000-00000000000${tag}`, 'Fractions — équivalent 🍕', 'Halves, quarters and eighths'],
      [`00000000-0000-4000-8000-00000000001${tag}`, '', ''],
      [`00000000-0000-4000-8000-00000000002${tag}`, 'Long essay', 'Paragraph. '.repeat(20_000)],
    ];
    rows.forEach(([id, title, body], i) => {
      const content = body === '' ? '{"type":"doc","content":[{"type":"paragraph"}]}' : text(body);
      insert.run(id, title, 'lesson-plan', content, body, 1_000 + i, 2_000 + i);
      expected.documents.set(id, { title, content, plainText: body, createdAt: 1_000 + i });
    });
  },
  2: (db, expected, tag) => {
    const id = `00000000-0000-4000-8000-00000000003${tag}`;
    db.prepare(
      `INSERT INTO documents (id, title, kind, content, plain_text, created_at, updated_at, subject, key_stage, year_group, folder, deleted_at)
       VALUES (?, 'With history', 'quiz', ?, 'Now', 5000, 6000, 'Science', 'KS2', 'Year 5', 'Science/Forces', NULL)`,
    ).run(id, text('Now'));
    db.prepare("INSERT INTO document_tags (document_id, tag) VALUES (?, 'forces')").run(id);
    expected.documents.set(id, { title: 'With history', content: text('Now'), plainText: 'Now', createdAt: 5000 });
    const revision = db.prepare(
      'INSERT INTO revisions (id, document_id, created_at, kind, label, title, content, plain_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const revisions: Array<[string, string, string | null, string]> = [
      [`10000000-0000-4000-8000-00000000000${tag}`, 'auto', null, 'Before'],
      [`10000000-0000-4000-8000-00000000001${tag}`, 'named', 'Ready to teach', 'Ready'],
    ];
    revisions.forEach(([revId, kind, label, body], i) => {
      revision.run(revId, id, 5_100 + i, kind, label, 'With history', text(body), body);
      expected.revisions.set(revId, { documentId: id, content: text(body), kind, label, createdAt: 5_100 + i });
    });
  },
};

describe('migrations on real files', () => {
  const dirs: Array<ReturnType<typeof tempDir>> = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.dispose()));

  const earlier = MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_SCHEMA_VERSION);

  it('has an earlier version to test', () => {
    expect(earlier.length).toBeGreaterThan(0);
  });

  it.each(earlier)('carries every document and revision from schema %i to the latest', async (version) => {
    const dir = tempDir(`lectern-migrate-${version}-`);
    dirs.push(dir);
    const file = join(dir.path, LIBRARY_FILE);
    const expected: Expected = { documents: new Map(), revisions: new Map() };

    const old = new Sqlite(file);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = ON');
    expect(migrate(old, MIGRATIONS.filter((m) => m.version <= version))).toEqual({ from: 0, to: version });
    for (const [seederVersion, seed] of Object.entries(SEEDERS)) {
      if (Number(seederVersion) <= version) old.transaction(() => seed(old, expected, '1'))();
    }
    old.close();

    const core = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test', library: { background: false } });
    try {
      expect(core.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      for (const [id, want] of expected.documents) {
        const row = core.db.prepare('SELECT title, content, plain_text, created_at FROM documents WHERE id = ?').get(id);
        expect(row, `document ${id}`).toEqual({ title: want.title, content: want.content, plain_text: want.plainText, created_at: want.createdAt });
        expect(core.documents.get(id).content).toEqual(JSON.parse(want.content));
      }
      for (const [id, want] of expected.revisions) {
        expect(core.library.revisions.get(id)).toMatchObject({
          documentId: want.documentId,
          kind: want.kind,
          label: want.label,
          createdAt: want.createdAt,
          content: JSON.parse(want.content),
        });
      }
      // The migrated library works: listed, searchable (old text indexed), writable.
      expect((await core.dispatch('documents.list', {})).ok).toBe(true);
      const found = await core.dispatch('search.query', { text: 'quarters' });
      expect(found).toMatchObject({ ok: true, value: { results: [{ document: { title: 'Fractions — équivalent 🍕' } }] } });
      const created = await core.dispatch('documents.create', { title: 'After migration', kind: 'note' });
      expect(created.ok).toBe(true);
    } finally {
      core.close();
    }
    expect(checkNow(file).ok).toBe(true);
  });
});
