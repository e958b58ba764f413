import { afterEach, describe, expect, it } from 'vitest';
import type { AiEvent, TipTapNode } from '../../../electron/contract';
import { PartialJsonScanner } from '../../../electron/core/ai/partialJson';
import { LessonPlanSchema } from '../../../electron/core/ai/schemas/lessonPlan';
import { aiInk, textNodes } from '../../../electron/core/ai/tiptap/build';
import { lessonPlanToTipTap } from '../../../electron/core/ai/tiptap/lessonPlanToTipTap';
import { markdownToTipTap } from '../../../electron/core/ai/tiptap/markdownToTipTap';
import { sampleLessonPlan, sampleRubric } from '../../fake-openai/fixtures';
import { aiHarness, lastOf, TEST_KEY, type AiHarness } from './aiTestCore';

const brief = { subject: 'Science', keyStage: 'KS3', topic: 'Photosynthesis', lessonLengthMinutes: 50 };
const planJson = JSON.stringify(sampleLessonPlan);

/** Applies ai.preview events the way the renderer would: replace the tail from replaceFrom. */
function applyPreviews(events: AiEvent[]): { sizes: number[]; nodes: TipTapNode[] } {
  let nodes: TipTapNode[] = [];
  let attempt = 0;
  const sizes: number[] = [];
  for (const e of events) {
    if (e.type !== 'ai.preview') continue;
    if (e.attempt !== attempt) {
      nodes = [];
      attempt = e.attempt;
    }
    nodes = [...nodes.slice(0, e.replaceFrom), ...e.nodes];
    sizes.push(nodes.length);
  }
  return { sizes, nodes };
}

describe('partial JSON', () => {
  it('gives a usable value at every prefix and the full value at the end', () => {
    const scanner = new PartialJsonScanner();
    let last: unknown;
    for (const ch of '```json\n' + planJson) {
      scanner.push(ch);
      const snap = scanner.snapshot();
      if (snap !== undefined) last = snap;
    }
    expect(scanner.done).toBe(true);
    expect(last).toEqual(sampleLessonPlan);
  });

  it('shows a string value while it is still being written, but never a half key', () => {
    const scanner = new PartialJsonScanner();
    scanner.push('{"title": "How pla');
    expect(scanner.snapshot()).toEqual({ title: 'How pla' });
    scanner.push('nts", "keySt');
    expect(scanner.snapshot()).toEqual({ title: 'How plants' });
    scanner.push('age": "KS3", "n": 12');
    expect(scanner.snapshot()).toEqual({ title: 'How plants', keyStage: 'KS3' });
    scanner.push(', "s": "a\\u00e');
    expect(scanner.snapshot()).toEqual({ title: 'How plants', keyStage: 'KS3', n: 12, s: 'a' });
  });
});

describe('document conversion', () => {
  it('turns a lesson plan into headings, lists and tables, every text node marked as AI', () => {
    const nodes = lessonPlanToTipTap(LessonPlanSchema.parse(sampleLessonPlan), aiInk('i-1'));
    const headings = nodes.filter((n) => n.type === 'heading').map((n) => n.content?.[0]?.text);
    expect(headings).toEqual([
      sampleLessonPlan.title,
      'Learning outcome',
      'Prior knowledge',
      'Key learning points',
      'Common misconceptions',
      'Keywords',
      'Starter quiz',
      'Learning cycle 1: The word equation',
      'Explanation',
      'Checks for understanding',
      'Practice',
      'Feedback',
      'Learning cycle 2: Uses of glucose',
      'Explanation',
      'Checks for understanding',
      'Practice',
      'Feedback',
      'Exit quiz',
      'Additional materials',
    ]);
    expect(nodes.filter((n) => n.type === 'table')).toHaveLength(2);
    for (const node of textNodes({ type: 'doc', content: nodes })) expect(node.marks).toContainEqual({ type: 'aiOrigin', attrs: { interactionId: 'i-1' } });
    const all = JSON.stringify(nodes);
    for (const q of sampleLessonPlan.exitQuiz) expect(all).toContain(q.correctAnswer);
  });

  it('uses primary wording for key stage 2', () => {
    const nodes = lessonPlanToTipTap({ ...sampleLessonPlan, keyStage: 'KS2' } as never, aiInk('i'));
    expect(JSON.stringify(nodes)).toContain('What we are learning today');
  });

  it('turns Markdown into headings, lists, tables and emphasis', () => {
    const nodes = markdownToTipTap('# Title\n\nSome **bold** and *italic* text.\n- one\n- two\n1. first\n\n| A | B |\n|---|---|\n| 1 | 2 |\n> quote', aiInk('m'));
    expect(nodes.map((n) => n.type)).toEqual(['heading', 'paragraph', 'bulletList', 'orderedList', 'table', 'blockquote']);
    expect(nodes[1]!.content!.map((t) => [t.text, t.marks?.map((m) => m.type)])).toEqual([
      ['Some ', ['aiOrigin']],
      ['bold', ['bold', 'aiOrigin']],
      [' and ', ['aiOrigin']],
      ['italic', ['italic', 'aiOrigin']],
      [' text.', ['aiOrigin']],
    ]);
  });
});

describe('structured generation end to end', () => {
  let h: AiHarness;
  afterEach(async () => h?.dispose());

  it('streams a lesson from chat completions with json_schema, growing the preview, and saves it', async () => {
    h = await aiHarness();
    h.server.enqueue({ kind: 'text', text: planJson, chunkSize: 16 });
    const r = await h.run({ action: 'generate-lesson', params: brief });
    const body = JSON.parse(h.server.generationBodies()[0]!);
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'lesson_plan', strict: true } });
    expect(body.stream).toBe(true);
    const { sizes, nodes } = applyPreviews(r.events);
    expect(sizes.length).toBeGreaterThan(5);
    expect(sizes.at(-1)).toBeGreaterThan(sizes[0]!);
    const done = lastOf(r.events, 'ai.completed')!;
    expect(done.content.content).toEqual(nodes);
    const saved = h.core.documents.get(done.documentId!);
    expect(saved).toMatchObject({ title: sampleLessonPlan.title, kind: 'lesson-plan' });
    expect(saved.content).toEqual(done.content);
    for (const node of textNodes(saved.content)) expect(node.marks).toContainEqual({ type: 'aiOrigin', attrs: { interactionId: r.interactionId } });
    expect(h.core.ai.listInteractions(saved.id)).toMatchObject([{ id: r.interactionId, status: 'completed', action: 'generate-lesson' }]);
  });

  it('asks once for a repair when the JSON is malformed, then succeeds', async () => {
    h = await aiHarness();
    h.server.enqueue({ kind: 'text', text: planJson.slice(0, 300) + ' oops' }, { kind: 'text', text: planJson });
    const r = await h.run({ action: 'generate-lesson', params: brief });
    const bodies = h.server.generationBodies().map((b) => JSON.parse(b));
    expect(bodies).toHaveLength(2);
    const repairMessages = bodies[1].messages as Array<{ role: string; content: string }>;
    expect(repairMessages.at(-2)).toMatchObject({ role: 'assistant', content: planJson.slice(0, 300) + ' oops' });
    expect(repairMessages.at(-1)!.content).toMatch(/not valid JSON/);
    expect(r.events.find((e) => e.type === 'ai.progress' && e.stage === 'repairing')).toBeDefined();
    expect(lastOf(r.events, 'ai.completed')?.status).toBe('completed');
    expect(h.core.ai.getInteraction(r.interactionId).request).toHaveProperty('repairBody');
  });

  it('sends schema problems back, and fails clearly after a second bad answer', async () => {
    h = await aiHarness();
    const wrong = JSON.stringify({ ...sampleLessonPlan, learningCycles: [sampleLessonPlan.learningCycles[0]] });
    h.server.enqueue({ kind: 'text', text: wrong }, { kind: 'text', text: '{"title": 1}' });
    const r = await h.run({ action: 'generate-lesson', params: brief });
    const repair = JSON.parse(h.server.generationBodies()[1]!).messages.at(-1).content as string;
    expect(repair).toMatch(/learningCycles/);
    expect(lastOf(r.events, 'ai.failed')?.error).toMatchObject({ code: 'AI_BAD_OUTPUT', message: expect.stringMatching(/could not use/) });
    expect(h.core.documents.list({})).toEqual([]);
    expect(h.core.ai.getInteraction(r.interactionId).status).toBe('failed');
  });

  it('uses the Responses API with text.format for OpenAI', async () => {
    h = await aiHarness({ env: 'none' });
    await h.core.ai.updateSettings({ provider: 'openai', baseUrl: h.server.baseURL, model: 'fake-model', apiKey: TEST_KEY });
    const r = await h.run({ action: 'generate-rubric', params: { task: 'Explain photosynthesis' } });
    const req = h.server.requests.find((q) => q.route === '/responses')!;
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ model: 'fake-model', stream: true, store: false, text: { format: { type: 'json_schema', name: 'rubric', strict: true } } });
    expect(req.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    const done = lastOf(r.events, 'ai.completed')!;
    expect(JSON.stringify(done.content)).toContain(sampleRubric.criteria[0]!.descriptors[2]!);
    expect(h.core.ai.getInteraction(r.interactionId).usage.outputTokens).toBeGreaterThan(0);
    // OpenAI has a moderation endpoint: it was asked too.
    expect(done.moderation.checkedBy).toEqual(['provider', 'local']);
  });

  it('talks to Azure OpenAI with the deployment, api-version and api-key header', async () => {
    h = await aiHarness({ env: 'none' });
    await h.core.ai.updateSettings({
      provider: 'azure',
      azure: { endpoint: h.server.url, deployment: 'lectern-gpt', apiVersion: '2025-04-01-preview' },
      apiKey: TEST_KEY,
    });
    const r = await h.run({ action: 'summarise', selection: { text: 'Plants make glucose.' }, params: {} });
    const req = h.server.requests.find((q) => q.route === '/responses')!;
    expect(req.url).toBe('/openai/responses?api-version=2025-04-01-preview');
    expect(req.headers['api-key']).toBe(TEST_KEY);
    expect(JSON.parse(req.body).model).toBe('lectern-gpt');
    expect(lastOf(r.events, 'ai.completed')?.status).toBe('completed');
  });

  it('uses JSON mode with the schema in the prompt when a server has no JSON Schema support', async () => {
    h = await aiHarness();
    await h.core.ai.updateSettings({ structuredOutput: 'json_object' });
    const r = await h.run({ action: 'generate-lesson', params: brief });
    const body = JSON.parse(h.server.generationBodies()[0]!);
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages[0].content).toContain('"learningCycles"');
    expect(lastOf(r.events, 'ai.completed')?.status).toBe('completed');
  });
});
