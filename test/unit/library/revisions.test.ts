import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainText } from '../../../electron/core/library/plainText';
import { DAY, doc, HOUR, MINUTE, openTestLibrary, type TestLibrary } from './fixture';

describe('version history', () => {
  let lib: TestLibrary;
  beforeEach(() => {
    lib = openTestLibrary();
  });
  afterEach(() => lib.dispose());

  const texts = async (documentId: string) => {
    const revisions = await lib.call('revisions.list', { documentId });
    return Promise.all(revisions.map(async (r) => plainText((await lib.call('revisions.get', { id: r.id })).content)));
  };

  it('takes an automatic revision at most every 5 minutes, holding the text before the save', async () => {
    const { id } = await lib.call('documents.create', { title: 'Essay', kind: 'note', content: doc('v0') });
    for (let minute = 1; minute <= 21; minute++) {
      lib.clock.advance(MINUTE);
      await lib.call('documents.save', { id, content: doc(`v${minute}`) });
    }
    const revisions = await lib.call('revisions.list', { documentId: id });
    expect(revisions.map((r) => r.kind)).toEqual(['auto', 'auto', 'auto', 'auto']);
    // Newest first: taken by the saves at minutes 20, 15, 10 and 5.
    expect(await texts(id)).toEqual(['v19', 'v14', 'v9', 'v4']);
  });

  it('keeps the state a document was opened in when editing resumes after a pause', async () => {
    const { id } = await lib.call('documents.create', { title: 'Plan', kind: 'lesson-plan', content: doc('Monday version') });
    lib.clock.advance(2 * DAY);
    await lib.call('documents.save', { id, content: doc('Wednesday edit') });
    await lib.call('documents.save', { id, content: doc('Wednesday edit, more') });
    expect(await texts(id)).toEqual(['Monday version']);
  });

  it('does not record a revision for a save that changes nothing', async () => {
    const { id } = await lib.call('documents.create', { title: 'Same', kind: 'note', content: doc('same') });
    lib.clock.advance(10 * MINUTE);
    await lib.call('documents.save', { id, content: doc('same') });
    expect(await lib.call('revisions.list', { documentId: id })).toEqual([]);
  });

  it('saves a named version, previews it, and shows what changed since', async () => {
    const { id } = await lib.call('documents.create', { title: 'Cats', kind: 'note', content: doc('The cat sat on the mat.') });
    const named = await lib.call('revisions.create', { documentId: id, label: ' Before the big edit ' });
    expect(named).toMatchObject({ kind: 'named', label: 'Before the big edit', title: 'Cats', documentId: id });
    await lib.call('documents.save', { id, content: doc('The dog sat on the mat.', 'It was happy.') });

    const preview = await lib.call('revisions.get', { id: named.id });
    expect(preview.content).toEqual(doc('The cat sat on the mat.'));
    expect(preview.plainText).toBe('The cat sat on the mat.');

    const diff = await lib.call('revisions.diff', { id: named.id });
    expect(diff.segments).toEqual([
      { type: 'equal', text: 'The ' },
      { type: 'delete', text: 'cat' },
      { type: 'insert', text: 'dog' },
      { type: 'equal', text: ' sat on the mat.' },
      { type: 'insert', text: '\nIt was happy.' },
    ]);
    expect(diff).toMatchObject({ insertedWords: 4, deletedWords: 1 });
  });

  it('restores a revision and undoes the restore', async () => {
    const { id } = await lib.call('documents.create', { title: 'Quiz', kind: 'quiz', content: doc('Question 1') });
    const first = await lib.call('revisions.create', { documentId: id, label: 'One question' });
    await lib.call('documents.save', { id, content: doc('Question 1', 'Question 2') });
    await lib.call('documents.rename', { id, title: 'Quiz, longer' });

    const restored = await lib.call('revisions.restore', { id: first.id });
    expect(restored.document.content).toEqual(doc('Question 1'));
    // A restore brings back content; the title stays the teacher's current one.
    expect(restored.document.title).toBe('Quiz, longer');
    const history = await lib.call('revisions.list', { documentId: id });
    expect(history[0]).toMatchObject({ id: restored.undoRevisionId, kind: 'before-restore' });

    const undone = await lib.call('revisions.restore', { id: restored.undoRevisionId });
    expect(undone.document.content).toEqual(doc('Question 1', 'Question 2'));
    expect((await lib.call('documents.get', { id })).content).toEqual(doc('Question 1', 'Question 2'));
  });

  it('answers NOT_FOUND for a revision or a document that is not there', async () => {
    const { id } = await lib.call('documents.create', { title: 'Gone', kind: 'note' });
    const named = await lib.call('revisions.create', { documentId: id, label: 'x' });
    await lib.call('documents.delete', { id });
    expect((await lib.fail('revisions.list', { documentId: id })).code).toBe('NOT_FOUND');
    expect((await lib.fail('revisions.restore', { id: named.id })).code).toBe('NOT_FOUND');
    expect((await lib.fail('revisions.get', { id: '00000000-0000-4000-8000-000000000000' })).code).toBe('NOT_FOUND');
  });

  it('thins old automatic revisions by the hour, then by the day, and keeps named ones', async () => {
    const { id } = await lib.call('documents.create', { title: 'Diary', kind: 'note', content: doc('start') });
    const started = lib.clock.now();
    let named = '';
    // A save every 10 minutes for 10 days: an automatic revision at every other save.
    for (let i = 1; i <= 10 * 24 * 6; i++) {
      lib.clock.advance(10 * MINUTE);
      await lib.call('documents.save', { id, content: doc(`edit ${i}`) });
      if (i === 30) named = (await lib.call('revisions.create', { documentId: id, label: 'Keep me' })).id;
    }
    const autoCount = () => (lib.core.db.prepare("SELECT count(*) AS n FROM revisions WHERE kind = 'auto'").get() as { n: number }).n;
    // Thinning already ran after saves, once an hour: 720 automatic revisions were taken.
    expect(autoCount()).toBeLessThan(400);

    const now = lib.clock.now();
    lib.core.library.revisions.thin(now);
    const rows = lib.core.db.prepare('SELECT id, kind, created_at FROM revisions ORDER BY created_at').all() as Array<{
      id: string;
      kind: string;
      created_at: number;
    }>;
    expect(rows.some((r) => r.id === named && r.kind === 'named')).toBe(true);

    const autos = rows.filter((r) => r.kind === 'auto').map((r) => r.created_at);
    const lastDay = autos.filter((t) => now - t < DAY);
    const week = autos.filter((t) => now - t >= DAY && now - t < 7 * DAY);
    const older = autos.filter((t) => now - t >= 7 * DAY);
    // Every automatic revision of the last 24 hours (one per 20 minutes).
    expect(lastDay.length).toBeGreaterThanOrEqual(71);
    // One per hour for the rest of the week, one per day before that.
    const hours = new Set(week.map((t) => Math.floor(t / HOUR)));
    expect(hours.size).toBe(week.length);
    expect(week.length).toBeGreaterThanOrEqual(6 * 24 - 1);
    const days = new Set(older.map((t) => Math.floor(t / DAY)));
    expect(days.size).toBe(older.length);
    expect(older.length).toBeGreaterThanOrEqual(Math.floor((now - 7 * DAY - started) / DAY));
    expect(older.length).toBeLessThanOrEqual(Math.ceil((now - 7 * DAY - started) / DAY) + 1);
  });
});
