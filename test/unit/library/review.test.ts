import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir';
import type { TipTapDoc } from '../../../electron/contract';
import { openTestLibrary, type TestLibrary } from './fixture';

const attrs = { changeId: 'c1', suggestionId: 's1', interactionId: 'int-1', action: 'simplify', model: 'gpt-test', at: 1_700_000_000_000 };
/** A lesson holding a pending suggestion: a deletion, an insertion, and a block boundary proposed. */
const pending: TipTapDoc = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Plants ' }, { type: 'text', text: 'synthesise', marks: [{ type: 'suggestionDelete', attrs }] }, { type: 'text', text: 'make', marks: [{ type: 'suggestionInsert', attrs }, { type: 'aiOrigin', attrs: { interactionId: 'int-1' } }] }, { type: 'text', text: ' glucose.' }] },
    { type: 'paragraph', attrs: { suggestion: { ...attrs, changeId: 'c2', kind: 'insert' } }, content: [{ type: 'text', text: 'New.', marks: [{ type: 'suggestionInsert', attrs: { ...attrs, changeId: 'c2' } }] }] },
  ],
};

let lib: TestLibrary;
afterEach(() => lib.dispose());

function seedInteraction(l: TestLibrary, documentId: string) {
  l.core.provenance.recordStart(
    { id: 'int-1', documentId, action: 'simplify', provider: 'openai', model: 'gpt-test', parameters: {}, request: { messages: [] }, redactions: {} as never, createdAt: l.clock.now() },
    {},
  );
}

describe('pending suggestions and review decisions in core', () => {
  it('keeps suggestion marks and block suggestions through save, reopen and version restore, and refuses malformed ones', async () => {
    lib = openTestLibrary();
    const doc = await lib.call('documents.create', { title: 'Photosynthesis', kind: 'lesson-plan', content: pending });
    const revision = await lib.call('revisions.create', { documentId: doc.id, label: 'With suggestions' });
    await lib.call('documents.save', { id: doc.id, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Other' }] }] } });
    lib.reopen();
    await lib.call('revisions.restore', { id: revision.id });
    expect((await lib.call('documents.get', { id: doc.id })).content).toEqual(pending);
    const bad = await lib.fail('documents.save', { id: doc.id, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'suggestionInsert', attrs: { changeId: '' } }] }] }] } });
    expect(bad.code).toBe('VALIDATION');
  });

  it('keeps pending suggestions through library export and import', async () => {
    const out = tempDir('lectern-review-export-');
    const files = { next: join(out.path, 'library.lectern-library'), chooseExportFile: async () => files.next, chooseImportFile: async () => files.next };
    lib = openTestLibrary({ files });
    const target = openTestLibrary({ files });
    try {
      const doc = await lib.call('documents.create', { title: 'Photosynthesis', kind: 'lesson-plan', content: pending });
      await lib.call('library.exportLibrary', {});
      const preview = await target.call('library.inspectImport', {});
      await target.call('library.importLibrary', { importId: preview.importId });
      expect((await target.call('documents.get', { id: doc.id })).content).toEqual(pending);
    } finally {
      target.dispose();
      out.dispose();
    }
  });

  it('records decisions with the reviewer and time, in the table and the audit log, and counts them', async () => {
    lib = openTestLibrary({ defaultReviewerName: 'evans' });
    const doc = await lib.call('documents.create', { title: 'Photosynthesis', kind: 'lesson-plan', content: pending });
    seedInteraction(lib, doc.id);
    expect(await lib.call('review.getReviewer', {})).toEqual({ name: 'evans', isDefault: true });
    await lib.call('review.setReviewer', { name: ' Ms Evans ' });
    await lib.call('review.recordApplied', { documentId: doc.id, interactionId: 'int-1', suggestionId: 's1', action: 'simplify', changes: 5 });
    const decide = (changeId: string, decision: 'accepted' | 'rejected' | 'edited') => ({ interactionId: 'int-1', suggestionId: 's1', changeId, decision });
    lib.clock.advance(60_000);
    const recorded = await lib.call('review.recordDecisions', { documentId: doc.id, decisions: [decide('a', 'accepted'), decide('b', 'accepted'), decide('c', 'edited'), decide('c', 'accepted'), decide('d', 'rejected'), decide('e', 'rejected')] });
    expect(recorded).toMatchObject({ recorded: 6, reviewer: 'Ms Evans' });
    const summary = await lib.call('review.summary', { interactionId: 'int-1' });
    expect(summary).toMatchObject({ changes: 5, accepted: 3, rejected: 2, edited: 1, lastReviewer: 'Ms Evans', lastDecisionAt: recorded.at, reviewers: ['Ms Evans'] });
    const audit = lib.core.provenance.audit.rows().filter((r) => r.event === 'review.decision');
    expect(audit).toHaveLength(6);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ changeId: 'a', decision: 'accepted', reviewer: 'Ms Evans', interactionId: 'int-1', suggestionId: 's1', at: recorded.at });
    expect((await lib.call('review.decisions', { interactionId: 'int-1' })).map((d) => d.auditSeq)).toEqual(audit.map((r) => r.seq));
    expect((await lib.call('provenance.verify', {})).checkedRows).toBeGreaterThanOrEqual(7);
    const missing = await lib.fail('review.recordDecisions', { documentId: doc.id, decisions: [{ ...decide('a', 'accepted'), interactionId: 'nope' }] });
    expect(missing.code).toBe('NOT_FOUND');
    expect(await lib.call('review.setReviewer', { name: null })).toEqual({ name: 'evans', isDefault: true });
  });
});
