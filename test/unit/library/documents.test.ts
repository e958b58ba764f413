import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseChecksum, DAY, doc, openTestLibrary, type TestLibrary } from './fixture';

describe('library metadata, lists, duplicate and trash', () => {
  let lib: TestLibrary;
  beforeEach(() => {
    lib = openTestLibrary();
  });
  afterEach(() => lib.dispose());

  it('creates a document with metadata and returns it in summaries', async () => {
    const created = await lib.call('documents.create', {
      title: 'Volcanoes',
      kind: 'worksheet',
      subject: 'geography',
      keyStage: 'ks3',
      yearGroup: 'Year 8',
      folder: ' Year 8 / Autumn ',
      tags: ['Earth', 'earth', 'exam '],
      content: doc('Magma rises.'),
    });
    // The list's spelling wins; tags are merged ignoring case; folder segments are trimmed.
    expect(created).toMatchObject({
      subject: 'Geography',
      keyStage: 'KS3',
      yearGroup: 'Year 8',
      folder: 'Year 8/Autumn',
      tags: ['Earth', 'exam'],
      deletedAt: null,
    });
    const [summary] = await lib.call('documents.list', {});
    expect(summary).toMatchObject({ id: created.id, subject: 'Geography', tags: ['Earth', 'exam'] });
  });

  it('refuses a subject that is not in the list, and changes nothing', async () => {
    const before = databaseChecksum(lib.core.db);
    const error = await lib.fail('documents.create', { title: 'x', kind: 'note', subject: 'Astrology' });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/"Astrology" is not in the subject list/);
    expect(databaseChecksum(lib.core.db)).toBe(before);
  });

  it('refuses folders that climb out or are empty', async () => {
    for (const folder of ['../etc', 'a//b', 'a/./b', 'a\\b', '/']) {
      expect((await lib.fail('documents.create', { kind: 'note', folder })).code).toBe('VALIDATION');
    }
  });

  it('updates metadata partially and clears with null', async () => {
    const { id } = await lib.call('documents.create', { title: 'Fractions', kind: 'lesson-plan', subject: 'Mathematics', tags: ['number'] });
    const updated = await lib.call('documents.updateMetadata', { id, keyStage: 'KS2', tags: ['number', 'Year 4'] });
    expect(updated).toMatchObject({ subject: 'Mathematics', keyStage: 'KS2', tags: ['number', 'Year 4'] });
    const cleared = await lib.call('documents.updateMetadata', { id, subject: null, kind: 'quiz' });
    expect(cleared).toMatchObject({ subject: null, keyStage: 'KS2', kind: 'quiz', tags: ['number', 'Year 4'] });
  });

  it('filters by every metadata field and sorts by updated, created and title', async () => {
    const make = (title: string, extra: Record<string, unknown>) =>
      lib.call('documents.create', { title, kind: 'lesson-plan', ...extra } as never) as Promise<{ id: string }>;
    const a = await make('Week 10 plants', { subject: 'Science', keyStage: 'KS2', yearGroup: 'Year 4', folder: 'Science/Plants', tags: ['plants'] });
    const b = await make('Week 2 plants', { subject: 'Science', keyStage: 'KS2', yearGroup: 'Year 3', folder: 'Science', tags: ['plants', 'exam'] });
    const c = await make('Poetry quiz', { kind: 'quiz', subject: 'English', keyStage: 'KS3', folder: 'Science plans' });
    await lib.call('documents.save', { id: a.id, content: doc('edited last') });

    const ids = async (input: Record<string, unknown>) => (await lib.call('documents.list', input as never)).map((d) => d.id);
    expect(await ids({})).toEqual([a.id, c.id, b.id]);
    expect(await ids({ sort: 'created' })).toEqual([c.id, b.id, a.id]);
    // Titles compare as people read numbers: week 2 before week 10.
    expect(await ids({ sort: 'title' })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ subject: 'science', sort: 'title' })).toEqual([b.id, a.id]);
    expect(await ids({ kind: 'quiz' })).toEqual([c.id]);
    expect(await ids({ keyStage: 'KS2', yearGroup: 'Year 3' })).toEqual([b.id]);
    expect(await ids({ tag: 'PLANTS', sort: 'created' })).toEqual([b.id, a.id]);
    expect(await ids({ tag: 'exam' })).toEqual([b.id]);
    // A folder includes its subfolders, but not a folder that merely starts with the same letters.
    expect(await ids({ folder: 'Science', sort: 'created' })).toEqual([b.id, a.id]);
    expect(await ids({ folder: 'Science/Plants' })).toEqual([a.id]);
  });

  it('duplicates content, metadata and tags, but not history', async () => {
    const source = await lib.call('documents.create', { title: 'Rivers', kind: 'worksheet', subject: 'Geography', tags: ['water'], content: doc('Meanders') });
    await lib.call('revisions.create', { documentId: source.id, label: 'first' });
    const copy = await lib.call('documents.duplicate', { id: source.id });
    expect(copy.id).not.toBe(source.id);
    expect(copy).toMatchObject({ title: 'Rivers (copy)', kind: 'worksheet', subject: 'Geography', tags: ['water'], content: doc('Meanders') });
    expect(await lib.call('revisions.list', { documentId: copy.id })).toEqual([]);
    expect((await lib.call('documents.duplicate', { id: source.id, title: 'Rivers 2' })).title).toBe('Rivers 2');
  });

  it('moves deleted documents to the trash and restores them', async () => {
    const keep = await lib.call('documents.create', { title: 'Keep', kind: 'note' });
    const gone = await lib.call('documents.create', { title: 'Gone', kind: 'note', content: doc('bye') });
    await lib.call('documents.delete', { id: gone.id });

    expect((await lib.call('documents.list', {})).map((d) => d.id)).toEqual([keep.id]);
    expect((await lib.fail('documents.get', { id: gone.id })).code).toBe('NOT_FOUND');
    const trash = await lib.call('trash.list', {});
    expect(trash).toHaveLength(1);
    expect(trash[0]!.purgeAt - trash[0]!.deletedAt).toBe(30 * DAY);
    expect((await lib.call('library.status', {})).trashed).toBe(1);

    const restored = await lib.call('trash.restore', { id: gone.id });
    expect(restored).toMatchObject({ id: gone.id, deletedAt: null });
    expect((await lib.call('documents.get', { id: gone.id })).content).toEqual(doc('bye'));
    expect(await lib.call('trash.list', {})).toEqual([]);
    expect((await lib.fail('trash.restore', { id: gone.id })).code).toBe('NOT_FOUND');
  });

  it('empties the trash by hand, all or some, with history and tags', async () => {
    const a = await lib.call('documents.create', { title: 'A', kind: 'note', tags: ['t'] });
    const b = await lib.call('documents.create', { title: 'B', kind: 'note' });
    await lib.call('revisions.create', { documentId: a.id, label: 'v1' });
    await lib.call('documents.delete', { id: a.id });
    await lib.call('documents.delete', { id: b.id });

    expect(await lib.call('trash.empty', { ids: [b.id] })).toEqual({ purged: 1 });
    expect((await lib.call('trash.list', {})).map((d) => d.id)).toEqual([a.id]);
    // A live document cannot be purged through the trash.
    const live = await lib.call('documents.create', { title: 'Live', kind: 'note' });
    expect((await lib.fail('trash.empty', { ids: [a.id, live.id] })).code).toBe('NOT_FOUND');
    expect((await lib.call('trash.list', {})).map((d) => d.id)).toEqual([a.id]);

    expect(await lib.call('trash.empty', {})).toEqual({ purged: 1 });
    const count = (sql: string) => (lib.core.db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM revisions')).toBe(0);
    expect(count('SELECT count(*) AS n FROM document_tags')).toBe(0);
  });

  it('purges documents trashed more than 30 days ago, at open and during maintenance', async () => {
    const old = await lib.call('documents.create', { title: 'Old', kind: 'note' });
    await lib.call('documents.delete', { id: old.id });
    lib.clock.advance(20 * DAY);
    const recent = await lib.call('documents.create', { title: 'Recent', kind: 'note' });
    await lib.call('documents.delete', { id: recent.id });

    lib.clock.advance(10 * DAY + 1000);
    lib.reopen();
    expect((await lib.call('trash.list', {})).map((d) => d.id)).toEqual([recent.id]);

    // The app stays open: the hourly maintenance purges once a day.
    lib.clock.advance(20 * DAY);
    await lib.core.library.maintenance();
    expect(await lib.call('trash.list', {})).toEqual([]);
  });

  it('keeps editable lists as data', async () => {
    const lists = await lib.call('library.lists', {});
    expect(lists.keyStages).toEqual(['EYFS', 'KS1', 'KS2', 'KS3', 'KS4', 'KS5']);
    expect(lists.yearGroups[0]).toBe('Reception');
    expect(lists.yearGroups.at(-1)).toBe('Year 13');
    expect(lists.subjects).toContain('Mathematics');

    const updated = await lib.call('library.setList', { list: 'subjects', values: ['Maths', 'Welsh', 'maths'] });
    expect(updated.subjects).toEqual(['Maths', 'Welsh']);
    const d = await lib.call('documents.create', { title: 'Cymraeg', kind: 'note', subject: 'Welsh', tags: ['Iaith'], folder: 'Languages' });
    expect(d.subject).toBe('Welsh');
    const after = await lib.call('library.lists', {});
    expect(after.tags).toEqual(['Iaith']);
    expect(after.folders).toEqual(['Languages']);
  });

  it('keeps the old meaning of the original methods', async () => {
    const created = await lib.call('documents.create', { kind: 'note' });
    expect(created.title).toBe('');
    const { updatedAt } = await lib.call('documents.save', { id: created.id, content: doc('x') });
    expect(updatedAt).toBeGreaterThan(created.updatedAt);
    expect((await lib.call('documents.rename', { id: created.id, title: ' New ' })).title).toBe('New');
    expect(await lib.call('documents.delete', { id: created.id })).toEqual({ deleted: true });
    expect((await lib.fail('documents.save', { id: created.id, content: doc('late') })).code).toBe('NOT_FOUND');
  });
});
