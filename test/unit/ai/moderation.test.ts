import { afterEach, describe, expect, it } from 'vitest';
import { localModeration, StreamingModerator } from '../../../electron/core/ai/moderation/localModeration';
import { providerFindings, summarise } from '../../../electron/core/ai/moderation/moderate';
import { aiHarness, deltasText, lastOf, TEST_KEY, type AiHarness } from './aiTestCore';

const slur = Buffer.from('cGFraQ==', 'base64').toString('utf8');
const level = (text: string) => summarise(localModeration(text), ['local']);

describe('local moderation', () => {
  it('does not flag words that merely contain a listed word', () => {
    const text =
      'Scunthorpe and Penistone are towns; Sussex and Essex are counties. The therapist ate a grape by the drape. ' +
      'Assess the analysis; a cocktail stick; a stable, established class; Dickens wrote novels; Pakistan is a country.';
    expect(level(text)).toEqual({ level: 'none', categories: [], checkedBy: ['local'] });
  });

  it('treats the history of war as guidance at most, never severe', () => {
    expect(level('On 1 July 1916 the Battle of the Somme began; soldiers were killed and wounded in the trenches.').level).toBe('none');
    expect(level('The Holocaust was the genocide of six million Jews.')).toEqual({ level: 'guidance', categories: ['upsetting'], checkedBy: ['local'] });
    expect(level('Use the Bunsen burner with safety goggles.')).toMatchObject({ level: 'guidance', categories: ['physical-safety'] });
  });

  it('finds severe content in any case, and reports only the severe categories', () => {
    expect(level(`He called him a ${slur.toUpperCase()} during the massacre.`)).toEqual({ level: 'severe', categories: ['discriminatory'], checkedBy: ['local'] });
    expect(level('Here is how to make a bomb at home').categories).toEqual(['harmful-instructions']);
  });

  it('catches a severe phrase split across streamed deltas', () => {
    const m = new StreamingModerator();
    expect(m.push('First, here is how to ma')).toEqual([]);
    expect(m.push('ke a bo')).toEqual([]);
    expect(m.push('mb safely')).toEqual([{ category: 'harmful-instructions', level: 'severe' }]);
  });

  it('maps provider categories to school content guidance', () => {
    const findings = providerFindings([{ flagged: true, categories: { violence: true, 'self-harm/intent': false, hate: false } }]);
    expect(summarise(findings, ['provider'])).toEqual({ level: 'guidance', categories: ['violence'], checkedBy: ['provider'] });
    expect(summarise(providerFindings([{ flagged: true, categories: { 'sexual/minors': true, violence: true } }]), ['provider'])).toMatchObject({
      level: 'severe',
      categories: ['sexual'],
    });
  });
});

describe('moderation of answers', () => {
  let h: AiHarness;
  afterEach(async () => h?.dispose());

  it('never inserts a severe answer: the stream stops and the teacher is told why', async () => {
    h = await aiHarness();
    h.server.enqueue({ kind: 'text', text: `Sure. The pupils called him a ${slur} and then ${'more words '.repeat(200)}`, chunkSize: 4 });
    const doc = h.core.documents.create({
      title: 'Lesson',
      kind: 'lesson-plan',
      content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Respect and kindness.' }] }] },
    });
    const before = h.core.documents.get(doc.id);
    const r = await h.run({ action: 'generate-worksheet', documentId: doc.id, params: {} });
    expect(lastOf(r.events, 'ai.completed')).toBeUndefined();
    expect(lastOf(r.events, 'ai.moderation')).toMatchObject({ level: 'severe', categories: ['discriminatory'] });
    expect(lastOf(r.events, 'ai.failed')).toMatchObject({
      status: 'blocked',
      error: { code: 'AI_BLOCKED', message: expect.stringMatching(/may contain: discriminatory/) },
    });
    expect(deltasText(r.events)).not.toContain(slur);
    expect(h.core.documents.list({}).map((d) => d.id)).toEqual([doc.id]);
    expect(h.core.documents.get(doc.id)).toEqual(before);
    expect(h.core.ai.getInteraction(r.interactionId)).toMatchObject({ status: 'blocked', errorCode: 'AI_BLOCKED', moderation: { level: 'severe' } });
  });

  it('inserts a guidance-level answer with the category reported', async () => {
    h = await aiHarness();
    h.server.enqueue({ kind: 'text', text: 'The Holocaust is taught in Year 9 with care.' });
    const r = await h.run({ action: 'rewrite', selection: { text: 'Teach the Holocaust.' }, params: {} });
    expect(lastOf(r.events, 'ai.moderation')).toMatchObject({ level: 'guidance', categories: ['upsetting'] });
    expect(lastOf(r.events, 'ai.completed')).toMatchObject({ status: 'completed', moderation: { level: 'guidance', categories: ['upsetting'] } });
  });

  it("blocks on the provider's moderation too, which only ever sees the redacted answer", async () => {
    h = await aiHarness({ env: 'none' });
    await h.core.ai.updateSettings({ provider: 'openai', baseUrl: h.server.baseURL, model: 'fake-model', apiKey: TEST_KEY, classList: ['Amelia Jones'] });
    h.server.enqueue({ kind: 'echo-placeholders', prefix: 'Content about' });
    h.server.enqueueModeration({ categories: { 'self-harm/instructions': true } });
    const r = await h.run({ action: 'rewrite', selection: { text: 'Amelia Jones wrote this.' }, params: {} });
    expect(lastOf(r.events, 'ai.failed')).toMatchObject({ status: 'blocked', moderation: { level: 'severe', categories: ['self-harm'], checkedBy: ['provider', 'local'] } });
    const modBody = h.server.requests.find((q) => q.route === '/moderations')!.body;
    expect(modBody).toContain('[PUPIL_1]');
    expect(modBody).not.toContain('Amelia');
  });

  it('keeps going on the local check when the provider moderation fails, and logs it', async () => {
    h = await aiHarness({ env: 'none' });
    await h.core.ai.updateSettings({ provider: 'openai', baseUrl: h.server.baseURL, model: 'fake-model', apiKey: TEST_KEY });
    h.server.enqueue({ kind: 'text', text: 'Fine text.' });
    h.server.enqueueModeration({ status: 500 });
    const r = await h.run({ action: 'rewrite', selection: { text: 'x' }, params: {} });
    expect(lastOf(r.events, 'ai.completed')).toMatchObject({ status: 'completed', moderation: { level: 'none', checkedBy: ['local'] } });
    expect(h.log.lines.some((l) => l.startsWith('warn provider moderation unavailable'))).toBe(true);
  });
});
