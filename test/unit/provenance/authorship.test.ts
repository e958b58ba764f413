import { afterEach, describe, expect, it } from 'vitest';
import type { InteractionSummary, TipTapDoc, TipTapNode } from '../../../electron/contract';
import { computeAuthorship } from '../../../electron/core/provenance/authorship';
import { renderTemplate } from '../../../electron/core/templates/builtinTemplates';
import { lessonPlanToTipTap } from '../../../electron/core/ai/tiptap/lessonPlanToTipTap';
import { aiInk } from '../../../electron/core/ai/tiptap/build';
import { createCore, type LecternCore } from '../../../electron/core/app';
import { tempDir } from '../../helpers/tempDir';

const ai = (text: string, interactionId = 'i-1'): TipTapNode => ({ type: 'text', text, marks: [{ type: 'aiOrigin', attrs: { interactionId } }] });
const typed = (text: string): TipTapNode => ({ type: 'text', text });
const pasted = (text: string): TipTapNode => ({ type: 'text', text, marks: [{ type: 'pasted' }] });
const para = (...content: TipTapNode[]): TipTapNode => ({ type: 'paragraph', content });
const docOf = (...content: TipTapNode[]): TipTapDoc => ({ type: 'doc', content });

const summary = (id: string, createdAt: number): InteractionSummary => ({
  id,
  documentId: null,
  action: 'simplify',
  provider: 'openai',
  model: 'gpt-test',
  status: 'completed',
  createdAt,
  latencyMs: null,
  firstTokenMs: null,
  errorCode: null,
  moderation: null,
  redactions: [],
  contentErasedAt: null,
});
const none = () => undefined;

describe('authorship of a document', () => {
  it('counts AI text untouched as unchanged, and AI text in a paragraph the teacher typed in as edited', () => {
    const doc = docOf(para(ai('Plants need light.')), para(ai('Water moves '), typed('slowly '), ai('up the stem.')), para(typed('My note.')));
    const records = new Map([['i-1', summary('i-1', 5)]]);
    const a = computeAuthorship(doc, (id) => records.get(id));
    expect(a.aiUnchangedChars).toBe('Plants need light.'.length);
    expect(a.aiEditedChars).toBe('Water moves up the stem.'.length);
    expect(a.teacherChars).toBe('slowly My note.'.length);
    expect(a.totalChars).toBe(a.aiUnchangedChars + a.aiEditedChars + a.teacherChars);
    expect(a.requests).toEqual([
      { interactionId: 'i-1', recorded: true, action: 'simplify', provider: 'openai', model: 'gpt-test', askedAt: 5, unchangedChars: 18, editedChars: 24 },
    ]);
  });

  it('counts a template as Lectern-made text written in the lesson, and a generated lesson as AI text', () => {
    const template = renderTemplate('lesson-plan', { title: 'Forces' }).content;
    const fromTemplate = computeAuthorship(template, none);
    expect(fromTemplate.totalChars).toBeGreaterThan(50);
    expect(fromTemplate.teacherChars).toBe(fromTemplate.totalChars);
    expect(fromTemplate.shares.teacher).toBe(100);
    expect(fromTemplate.requests).toEqual([]);

    const generated = docOf(...lessonPlanToTipTap({ title: 'Forces', learningOutcome: 'I can name two forces.', keyLearningPoints: ['Gravity pulls down.'] }, aiInk('gen-1')));
    const a = computeAuthorship(generated, none);
    expect(a.aiUnchangedChars).toBe(a.totalChars);
    expect(a.shares.aiUnchanged).toBe(100);
    expect(a.requests).toHaveLength(1);
    expect(a.requests[0]).toMatchObject({ interactionId: 'gen-1', recorded: false, action: null, unchangedChars: a.totalChars });
  });

  it('counts pasted and imported text apart, and pending suggestions in no share', () => {
    const imported: TipTapNode = { type: 'paragraph', attrs: { imported: true }, content: [typed('From a Word file.')] };
    const doc = docOf(
      para(pasted('Copied from a website.')),
      imported,
      para({ type: 'text', text: 'Marked import', marks: [{ type: 'imported' }] }),
      para(typed('Mine '), { type: 'text', text: 'proposed', marks: [{ type: 'suggestionInsert', attrs: { changeId: 'c' } }, { type: 'aiOrigin', attrs: { interactionId: 'i-2' } }] }),
    );
    const a = computeAuthorship(doc, none);
    expect(a.pastedChars).toBe('Copied from a website.'.length);
    expect(a.importedChars).toBe('From a Word file.'.length + 'Marked import'.length);
    expect(a.teacherChars).toBe('Mine '.length);
    expect(a.pendingSuggestionChars).toBe('proposed'.length);
    expect(a.requests).toEqual([]);
    const { shares } = a;
    expect(shares.teacher + shares.aiUnchanged + shares.aiEdited + shares.pasted + shares.imported).toBe(100);
  });

  it('shares add up to 100 when the exact figures do not, and an empty document has none', () => {
    const a = computeAuthorship(docOf(para(typed('a')), para(pasted('b')), para(ai('c'))), none);
    expect(a.shares).toEqual({ teacher: 34, pasted: 33, aiUnchanged: 33, aiEdited: 0, imported: 0 });
    expect(computeAuthorship({ type: 'doc', content: [{ type: 'paragraph' }] }, none).shares).toEqual({ teacher: 0, aiUnchanged: 0, aiEdited: 0, pasted: 0, imported: 0 });
  });

  it('counts AI text whose mark names no interaction as unattributed, and lists requests oldest first', () => {
    const doc = docOf(para({ type: 'text', text: 'orphan', marks: [{ type: 'aiOrigin' }] }), para(ai('late', 'b')), para(ai('early', 'a')));
    const records = new Map([
      ['a', summary('a', 1)],
      ['b', summary('b', 2)],
    ]);
    const a = computeAuthorship(doc, (id) => records.get(id));
    expect(a.unattributedAiChars).toBe(6);
    expect(a.requests.map((r) => r.interactionId)).toEqual(['a', 'b']);
  });
});

describe('provenance.authorship through the contract', () => {
  let core: LecternCore | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => {
    core?.close();
    dir?.dispose();
  });

  it('computes the figures from the stored document', async () => {
    dir = tempDir();
    core = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test' });
    const created = await core.dispatch('documents.create', { title: 'Mixed' });
    if (!created.ok) throw new Error('create failed');
    const id = (created.value as { id: string }).id;
    const content = docOf(para(typed('Typed by me.')), para(pasted('Pasted.')), para(ai('From an AI.', 'other-library')));
    expect(await core.dispatch('documents.save', { id, content })).toMatchObject({ ok: true });
    const result = await core.dispatch('provenance.authorship', { documentId: id });
    expect(result).toMatchObject({
      ok: true,
      value: { teacherChars: 12, pastedChars: 7, aiUnchangedChars: 11, requests: [{ interactionId: 'other-library', recorded: false }] },
    });
    expect(await core.dispatch('provenance.authorship', { documentId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
