import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TipTapDoc } from '../../../electron/contract';
import { databaseChecksum, doc, MINUTE, openTestLibrary, type TestLibrary } from './fixture';

describe('a full disk', () => {
  let lib: TestLibrary;
  beforeEach(() => {
    lib = openTestLibrary();
  });
  afterEach(() => lib.dispose());

  const huge: TipTapDoc = doc('x'.repeat(3_000_000));
  const fillDisk = () => lib.core.db.pragma(`max_page_count = ${lib.core.db.pragma('page_count', { simple: true }) as number}`);

  it('fails a save as STORAGE_FULL with the last committed text and history intact', async () => {
    const { id } = await lib.call('documents.create', { title: 'Report', kind: 'note', content: doc('Committed text') });
    lib.clock.advance(10 * MINUTE);
    fillDisk();
    const before = databaseChecksum(lib.core.db);

    const error = await lib.fail('documents.save', { id, content: huge });
    expect(error.code).toBe('STORAGE_FULL');
    expect(error.message).toMatch(/disk is full/);
    expect((await lib.call('documents.get', { id })).content).toEqual(doc('Committed text'));
    expect(await lib.call('revisions.list', { documentId: id })).toEqual([]);
    expect(databaseChecksum(lib.core.db)).toBe(before);

    // Space again: the same save goes through, with the revision that was due.
    lib.core.db.pragma('max_page_count = 1073741823');
    await lib.call('documents.save', { id, content: huge });
    expect((await lib.call('revisions.list', { documentId: id })).map((r) => r.kind)).toEqual(['auto']);
  });

  it('fails a restore, a duplicate and a named version the same way, changing nothing', async () => {
    const { id } = await lib.call('documents.create', { title: 'Big', kind: 'note', content: huge });
    const named = await lib.call('revisions.create', { documentId: id, label: 'v1' });
    fillDisk();
    const before = databaseChecksum(lib.core.db);
    expect((await lib.fail('revisions.restore', { id: named.id })).code).toBe('STORAGE_FULL');
    expect((await lib.fail('documents.duplicate', { id })).code).toBe('STORAGE_FULL');
    expect((await lib.fail('revisions.create', { documentId: id, label: 'v2' })).code).toBe('STORAGE_FULL');
    expect(databaseChecksum(lib.core.db)).toBe(before);
  });
});
