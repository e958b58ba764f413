import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIONS } from '../../../electron/core/ai/actions';
import { fillTemplate } from '../../../electron/core/ai/actions/defineAction';
import { TRANSLATE_LANGUAGES } from '../../../electron/core/ai/actions/translate';
import { textNodes } from '../../../electron/core/ai/tiptap/build';
import { TipTapDocSchema } from '../../../electron/contract';
import { enGB } from '../../../electron/contract/i18n/en-GB';
import { aiHarness, type AiHarness } from './aiTestCore';

describe('actions', () => {
  it('registers every action file, each with a label and valid metadata', () => {
    const dir = join(import.meta.dirname, '../../../electron/core/ai/actions');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'defineAction.ts');
    expect(ACTIONS).toHaveLength(files.length);
    expect(new Set(ACTIONS.map((a) => a.id)).size).toBe(ACTIONS.length);
    for (const a of ACTIONS) {
      expect(enGB.ai.actions).toHaveProperty(a.labelKey);
      if (a.output === 'structured') expect(a.structured).toBeDefined();
      if (a.kind === 'generate-document') expect(a.documentKind).toBeDefined();
    }
    expect(ACTIONS.filter((a) => a.kind === 'transform-selection').map((a) => a.id)).toEqual([
      'rewrite',
      'simplify',
      'extend',
      'adapt-send',
      'adapt-eal',
      'summarise',
      'translate',
      'continue-writing',
      'free-instruction',
    ]);
    expect(TRANSLATE_LANGUAGES[0]).toBe('Welsh');
  });

  it('drops template lines whose values are empty', () => {
    expect(fillTemplate('Topic: {topic}\nNotes: {notes}\nDone', { topic: 'Volcanoes', notes: '  ' })).toBe('Topic: Volcanoes\nDone');
  });

  let h: AiHarness;
  afterEach(async () => h?.dispose());

  it('describes its actions and their parameters for the UI', async () => {
    h = await aiHarness();
    const result = await h.core.dispatch('ai.actions', {});
    if (!result.ok) throw new Error(result.error.message);
    const simplify = result.value.find((a) => a.id === 'simplify')!;
    expect((simplify.paramsSchema as { properties: Record<string, unknown> }).properties.readingAge).toMatchObject({ type: 'integer', minimum: 5, maximum: 16, default: 9 });
  });

  it('puts the reading age, the language and the selection into the prompt', async () => {
    h = await aiHarness();
    const simplify = await h.core.ai.previewRequest({ action: 'simplify', selection: { text: 'Photosynthesis is…' }, params: { readingAge: 7 } });
    const messages = simplify.body.messages as Array<{ role: string; content: string }>;
    expect(messages[0]!.content).toMatch(/British English/);
    expect(messages[1]!.content).toBe('Simplify this for a reading age of 7:\n<<<TEXT\nPhotosynthesis is…\nTEXT>>>');
    const translate = await h.core.ai.previewRequest({ action: 'translate', selection: { text: 'Hello' } });
    expect(JSON.stringify(translate.body)).toContain('Translate this into Welsh');
    expect(await h.core.dispatch('ai.previewRequest', { action: 'simplify', selection: { text: 'x' }, params: { readingAge: 40 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await h.core.dispatch('ai.start', { action: 'rewrite', params: {} })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Select some text first.' } });
  });
});

describe('templates work without AI', () => {
  let h: AiHarness;
  afterEach(async () => h?.dispose());

  it('lists the built-in templates and creates documents from them, worded for the key stage', async () => {
    h = await aiHarness({ env: 'none' });
    const list = await h.core.dispatch('templates.list', {});
    expect(list.ok && list.value.map((t) => t.id)).toEqual(['lesson-plan', 'worksheet', 'quiz', 'rubric']);
    for (const id of ['lesson-plan', 'worksheet', 'quiz', 'rubric'] as const) {
      const rendered = await h.core.dispatch('templates.render', { templateId: id, keyStage: 'KS3', subject: 'History' });
      expect(rendered.ok).toBe(true);
      const content = (rendered as { value: { content: unknown } }).value.content;
      expect(TipTapDocSchema.safeParse(content).success).toBe(true);
      for (const node of textNodes(content as never)) expect(node.marks ?? []).not.toContainEqual(expect.objectContaining({ type: 'aiOrigin' }));
    }
    const primary = await h.core.dispatch('templates.create', { templateId: 'lesson-plan', keyStage: 'KS1', title: 'Seasons' });
    expect(primary).toMatchObject({ ok: true, value: { title: 'Seasons', kind: 'lesson-plan' } });
    expect(JSON.stringify((primary as { value: unknown }).value)).toContain('What we are learning today');
    const secondary = await h.core.dispatch('templates.render', { templateId: 'lesson-plan', keyStage: 'KS4' });
    expect(JSON.stringify(secondary)).toContain('Learning outcome');
  });
});
