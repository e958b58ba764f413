import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { createCore, LIBRARY_FILE, type LecternCore } from '../../../electron/core/app';
import { AppError } from '../../../electron/core/errors';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import type { TipTapDoc } from '../../../electron/contract';
import { fakeClock } from '../../helpers/fakeClock';
import { tempDir } from '../../helpers/tempDir';

const lesson: TipTapDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Photosynthesis' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Plants make ' },
        { type: 'text', marks: [{ type: 'bold' }], text: 'glucose' },
      ],
    },
  ],
};

describe('DocumentStore on a real SQLite file', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: LecternCore;

  beforeEach(() => {
    dir = tempDir();
    core = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test', clock: fakeClock() });
  });
  afterEach(() => {
    core.close();
    dir.dispose();
  });

  it('opens the library in WAL mode at the latest schema', () => {
    expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(core.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
  });

  it('stores one canonical form whatever key order the content was built in, and refuses numbers JSON cannot hold', () => {
    const stored = (id: string) => core.db.prepare('SELECT content FROM documents WHERE id = ?').pluck().get(id) as string;
    // The same lesson as the editor, a template builder and zod order it.
    const builder: TipTapDoc = { content: [{ content: [{ marks: [{ type: 'bold' }], text: 'glucose', type: 'text' }], type: 'paragraph' }], type: 'doc' };
    const editor: TipTapDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'glucose', marks: [{ type: 'bold' }] }] }] };
    const a = core.documents.create({ title: 'A', kind: 'note', content: builder });
    const b = core.documents.create({ title: 'B', kind: 'note' });
    core.documents.save(b.id, editor);
    expect(stored(a.id)).toBe('{"content":[{"content":[{"marks":[{"type":"bold"}],"text":"glucose","type":"text"}],"type":"paragraph"}],"type":"doc"}');
    expect(stored(b.id)).toBe(stored(a.id));
    const bad = { type: 'doc', content: [{ type: 'table', attrs: { width: Number.NaN } }] } as TipTapDoc;
    expect(() => core.documents.save(b.id, bad)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(stored(b.id)).toBe(stored(a.id));
  });

  it('creates, lists most recent first, opens, renames, saves and deletes', () => {
    const a = core.documents.create({ title: 'Fractions', kind: 'lesson-plan' });
    const b = core.documents.create({ title: 'Volcanoes quiz', kind: 'quiz', content: lesson });
    expect(core.documents.list().map((d) => d.id)).toEqual([b.id, a.id]);

    core.documents.save(a.id, lesson);
    expect(core.documents.list()[0]!.id).toBe(a.id);
    expect(core.documents.get(a.id).content).toEqual(lesson);

    const renamed = core.documents.rename(b.id, '  Volcanoes exit quiz  ');
    expect(renamed.title).toBe('Volcanoes exit quiz');

    core.documents.delete(a.id);
    expect(() => core.documents.get(a.id)).toThrow(AppError);
    expect(core.documents.list().map((d) => d.title)).toEqual(['Volcanoes exit quiz']);
  });

  it('stores the extracted plain text for search', () => {
    const doc = core.documents.create({ kind: 'note', content: lesson });
    const row = core.db.prepare('SELECT plain_text FROM documents WHERE id = ?').get(doc.id) as { plain_text: string };
    expect(row.plain_text).toBe('Photosynthesis\nPlants make glucose');
  });

  it('keeps the content exactly across close and reopen', () => {
    const doc = core.documents.create({ title: 'Keep me', kind: 'worksheet' });
    core.documents.save(doc.id, lesson);
    const before = JSON.stringify(core.documents.get(doc.id));
    core.close();
    core = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test' });
    expect(JSON.stringify(core.documents.get(doc.id))).toBe(before);
  });

  it('reports a full disk as STORAGE_FULL and keeps the last saved text', async () => {
    const doc = core.documents.create({ title: 'Big', kind: 'note', content: lesson });
    const pages = core.db.pragma('page_count', { simple: true }) as number;
    core.db.pragma(`max_page_count = ${pages}`);
    const huge: TipTapDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(2_000_000) }] }] };
    const result = await core.dispatch('documents.save', { id: doc.id, content: huge });
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(core.documents.get(doc.id).content).toEqual(lesson);
  });

  it('refuses a library written by a newer version and leaves it untouched', () => {
    core.close();
    const raw = new Sqlite(join(dir.path, LIBRARY_FILE));
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => createCore({ dataDir: dir.path, host: 'web-harness', version: 'test' })).toThrow(/newer version of Lectern/);
    const check = new Sqlite(join(dir.path, LIBRARY_FILE));
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    check.close();
    // afterEach closes `core`; point it at a fresh library inside the same temp folder.
    core = createCore({ dataDir: join(dir.path, 'fresh'), host: 'web-harness', version: 'test' });
  });
});
