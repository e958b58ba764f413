import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Response } from 'playwright-core';
import type { DocumentSummary, InteractionSummary, LecternDocument, TipTapNode } from '../../electron/contract';
import { sampleLessonPlan } from '../fake-openai/fixtures';
import { tempDir } from '../helpers/tempDir';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { startFakeAi, type FakeAi } from './support/fakeAi';
import { startHarnessProcess, type HarnessProcess } from './support/harnessProcess';
import { LecternPage } from './support/lecternPage';

if (!chromiumAvailable()) throw new Error('Chromium is not installed at /usr/bin/chromium: run `apt-get install -y chromium` (.ci/run does this).');

const LESSON_JSON = JSON.stringify(sampleLessonPlan);
const LESSON_TITLE = sampleLessonPlan.title;

/** Every text run in a stored document, with the interaction its aiOrigin mark names (or null). */
function textRuns(node: TipTapNode | LecternDocument['content']): Array<{ text: string; ai: string | null; italic: boolean }> {
  const out: Array<{ text: string; ai: string | null; italic: boolean }> = [];
  const walk = (n: TipTapNode) => {
    if (n.type === 'text') {
      const mark = n.marks?.find((m) => m.type === 'aiOrigin');
      out.push({ text: n.text ?? '', ai: mark ? String(mark.attrs?.interactionId) : null, italic: n.marks?.some((m) => m.type === 'italic') ?? false });
    }
    n.content?.forEach(walk);
  };
  walk(node as TipTapNode);
  return out;
}

describe('AI in the renderer, through the web harness and the fake AI server', () => {
  let browser: Browser;
  let dir: ReturnType<typeof tempDir> | undefined;
  let harness: HarnessProcess | undefined;
  let fake: FakeAi | undefined;
  let app: LecternPage | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  afterEach(async () => {
    // The page goes first: its open connections would otherwise hold the harness up as it closes.
    await app?.page.close();
    await harness?.stop();
    await fake?.stop();
    dir?.dispose();
    harness = undefined;
    fake = undefined;
    app = undefined;
  });

  /** A fresh library, core pointed at a fresh fake server unless `ai` is false. */
  async function start(options: { ai?: boolean; tokenIntervalMs?: number; apiKey?: string } = {}): Promise<LecternPage> {
    dir = tempDir('lectern-e2e-ai-');
    fake = await startFakeAi({ tokenIntervalMs: options.tokenIntervalMs ?? 0, apiKey: options.apiKey, env: options.ai !== false });
    harness = await startHarnessProcess(dir.path, fake.env);
    app = await LecternPage.open(browser, harness.url);
    return app;
  }

  const dialog = (app: LecternPage) => app.page.getByRole('dialog', { name: 'New lesson' });

  async function openNewLessonDialog(app: LecternPage): Promise<Locator> {
    await app.page.getByRole('button', { name: 'New lesson from template or AI…' }).click();
    await dialog(app).waitFor();
    return dialog(app);
  }

  async function briefAndGenerate(app: LecternPage): Promise<void> {
    const d = await openNewLessonDialog(app);
    await d.getByRole('textbox', { name: 'Subject', exact: true }).fill('Science');
    await d.getByRole('combobox', { name: 'Key stage', exact: true }).selectOption('KS3');
    await d.getByRole('textbox', { name: 'Topic', exact: true }).fill('Photosynthesis');
    await d.getByRole('button', { name: 'Generate lesson' }).click();
  }

  const liveView = (app: LecternPage) => app.page.getByRole('region', { name: 'Lesson being written by AI' });

  async function theOnlyLesson(): Promise<LecternDocument> {
    const list = await harness!.call<DocumentSummary[]>('documents.list');
    expect(list).toHaveLength(1);
    return harness!.call<LecternDocument>('documents.get', { id: list[0]!.id });
  }

  it('writes a lesson from a brief while the teacher watches it grow, and keeps it with its record', async () => {
    const app = await start({ tokenIntervalMs: 4 });
    fake!.script({ kind: 'text', text: LESSON_JSON });
    await briefAndGenerate(app);

    // Sample the live view until the saved lesson opens: it must have grown in visible steps.
    await liveView(app).waitFor();
    const lengths: number[] = [];
    while ((await app.title.count()) === 0) {
      const length = await liveView(app)
        .evaluate((el) => el.textContent?.length ?? 0, undefined, { timeout: 1000 })
        .catch(() => undefined);
      if (length !== undefined) lengths.push(length);
    }
    const seen = [...new Set(lengths.filter((l) => l > 0))];
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await expect.poll(() => app.title.inputValue()).toBe(LESSON_TITLE);
    await app.page.getByRole('status').filter({ hasText: 'The AI has written this lesson. Check it before you use it.' }).waitFor();
    expect(await app.library.getByRole('button', { name: new RegExp(`^${LESSON_TITLE}`) }).count()).toBe(1);

    const stored = await theOnlyLesson();
    const [interaction, ...others] = await harness!.call<InteractionSummary[]>('provenance.listInteractions', { documentId: stored.id });
    expect(others).toEqual([]);
    expect(interaction).toMatchObject({ action: 'generate-lesson', status: 'completed', model: 'fake-model', documentId: stored.id });
    const runs = textRuns(stored.content);
    expect(runs.length).toBeGreaterThan(20);
    expect(runs.every((r) => r.ai === interaction!.id)).toBe(true);
    await app.reload();
    await app.openLesson(LESSON_TITLE);
    await app.body.getByRole('heading', { name: 'Learning outcome' }).waitFor();
    expect(await app.body.getByRole('cell', { name: 'Plants get their food from the soil.' }).count()).toBe(1);
    expect(await app.body.locator('[data-ai-origin]').count()).toBeGreaterThan(20);

    // The AI panel lists the recorded interaction and checks the record.
    await app.page.getByRole('button', { name: 'AI assistant', exact: true }).click();
    const record = app.page.getByRole('list', { name: 'AI record for this lesson' });
    await record.getByRole('listitem').filter({ hasText: 'New lesson with AI · Completed' }).waitFor();
    await app.page.getByRole('button', { name: 'Verify record' }).click();
    await app.page.getByRole('status').filter({ hasText: /^The record is intact: \d+ entries checked, none altered\.$/ }).waitFor();
    expect(fake!.generations()).toHaveLength(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('stops a generation half-way and keeps what arrived, marked incomplete', async () => {
    const app = await start({ tokenIntervalMs: 25 });
    fake!.script({ kind: 'text', text: LESSON_JSON });
    await briefAndGenerate(app);
    await expect.poll(() => liveView(app).textContent(), { timeout: 20_000 }).toContain('Cells contain structures with different jobs.');
    await app.page.getByRole('button', { name: 'Stop', exact: true }).click();

    await expect.poll(() => app.title.inputValue(), { timeout: 15_000 }).toBe(LESSON_TITLE);
    await app.page.getByRole('status').filter({ hasText: 'Stopped. What the AI had written so far is saved and marked as incomplete.' }).waitFor();
    await app.body.getByText('Incomplete: the AI was stopped before it finished.').waitFor();

    const stored = await theOnlyLesson();
    const runs = textRuns(stored.content);
    // Lectern's own note comes first and is not the AI's; everything after it is.
    expect(runs[0]).toEqual({ text: 'Incomplete: the AI was stopped before it finished.', ai: null, italic: true });
    expect(runs.slice(1).every((r) => r.ai !== null)).toBe(true);
    const text = runs.map((r) => r.text).join(' ');
    expect(text).toContain('Plants need light and water to grow.');
    expect(text).not.toContain(sampleLessonPlan.additionalMaterials);
    const [interaction] = await harness!.call<InteractionSummary[]>('provenance.listInteractions', { documentId: stored.id });
    expect(interaction).toMatchObject({ action: 'generate-lesson', status: 'cancelled' });
    expect(app.pageErrors).toEqual([]);
  });

  it('tells the teacher the service is busy, retries after a 429, then shows the lesson', async () => {
    const app = await start({ tokenIntervalMs: 1 });
    fake!.script({ kind: 'error', status: 429, retryAfter: '2', message: 'Rate limit reached' });
    await briefAndGenerate(app);
    await app.page.getByRole('status').filter({ hasText: 'The AI service is busy. Trying again in 2 seconds…' }).waitFor();
    await expect.poll(() => app.title.inputValue(), { timeout: 20_000 }).toBe(LESSON_TITLE);
    expect(fake!.generations()).toHaveLength(2);
    const stored = await theOnlyLesson();
    const [interaction] = await harness!.call<InteractionSummary[]>('provenance.listInteractions', { documentId: stored.id });
    expect(interaction!.status).toBe('completed');
    expect(app.pageErrors).toEqual([]);
  });

  it('never lets a blocked answer reach a lesson, and flags guidance-level content with a banner', async () => {
    const app = await start();
    // A new lesson whose answer turns out to contain harmful instructions: nothing is created.
    fake!.script({ kind: 'text', text: JSON.stringify({ ...sampleLessonPlan, additionalMaterials: 'Then show pupils how to make a bomb at home.' }) });
    await briefAndGenerate(app);
    await app.page.getByRole('heading', { name: 'The lesson could not be written' }).waitFor();
    const alert = app.page.getByRole('alert');
    expect(await alert.textContent()).toBe('This AI answer was not added because it may contain: harmful instructions. Your lesson is unchanged.');
    expect(await harness!.call<DocumentSummary[]>('documents.list')).toEqual([]);
    await app.page.getByRole('button', { name: 'Back to lessons' }).click();

    // On a selection: guidance is shown and may be inserted; a severe answer offers nothing to insert.
    await app.newLesson('The Second World War');
    await app.type('Describe what happened to Jewish people in Europe.');
    await app.waitSaved();
    await app.body.press('Control+a');
    await app.page.getByRole('button', { name: 'AI assistant', exact: true }).click();
    const panel = app.page.getByRole('complementary', { name: 'AI assistant panel' });
    await panel.getByRole('combobox', { name: 'What should the AI do?' }).selectOption('summarise');
    fake!.script({ kind: 'text', text: 'The Holocaust was the genocide of six million Jewish people.' });
    await panel.getByRole('button', { name: 'Ask AI' }).click();
    await panel.getByRole('note').filter({ hasText: 'Content guidance: upsetting or sensitive content. Check this before using it with pupils.' }).waitFor();
    // The answer arrived as suggested changes: rejecting them leaves the lesson as it was.
    await panel.getByRole('button', { name: 'Reject all in this suggestion' }).click();

    await app.body.press('Control+a');
    fake!.script({ kind: 'text', text: 'Here is how to make a bomb at home.' });
    await panel.getByRole('button', { name: 'Ask AI' }).click();
    await panel.getByRole('alert').filter({ hasText: 'This AI answer was not added because it may contain: harmful instructions.' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Replace selection' }).count()).toBe(0);
    expect(await panel.getByRole('region', { name: 'AI suggestion' }).count()).toBe(0);
    expect(await app.body.textContent()).toBe('Describe what happened to Jewish people in Europe.');
    await panel.getByRole('listitem').filter({ hasText: 'Summarise · Blocked by the content check' }).waitFor();
    const stored = await theOnlyLesson();
    expect(textRuns(stored.content).map((r) => r.text)).toEqual(['Describe what happened to Jewish people in Europe.']);
    expect(app.pageErrors).toEqual([]);
  });

  it('explains why AI is unavailable when it is not set up, while templates and drafting still work', async () => {
    const app = await start({ ai: false });
    const d = await openNewLessonDialog(app);
    await d.getByRole('note', { name: 'AI is unavailable.' }).filter({ hasText: 'AI is not set up. Choose a provider in Settings to use it.' }).waitFor();
    expect(await d.getByRole('button', { name: 'Generate lesson' }).count()).toBe(0);
    await d.getByRole('button', { name: 'Quiz template' }).click();
    await expect.poll(() => app.title.inputValue()).toBe('Quiz');
    await app.body.getByRole('heading', { name: 'Answer key' }).waitFor();
    await app.body.getByRole('heading', { name: 'Answer key' }).click();
    await app.page.keyboard.press('End');
    await app.type(' (for the teacher)');
    await app.waitSaved();
    expect(JSON.stringify((await theOnlyLesson()).content)).toContain('(for the teacher)');

    await app.page.getByRole('button', { name: 'AI assistant', exact: true }).click();
    const panel = app.page.getByRole('complementary', { name: 'AI assistant panel' });
    await panel.getByRole('note', { name: 'AI is unavailable.' }).waitFor();
    await panel.getByRole('button', { name: 'Open AI settings' }).click();
    await app.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await app.page.getByRole('tab', { name: 'AI', exact: true }).getAttribute('aria-selected')).toBe('true');
    expect(await app.page.getByRole('radio', { name: 'Off (no AI)' }).isChecked()).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('simplifies a selection: pupils’ names never leave, the answer is marked as AI, and typing inside it is the teacher’s', async () => {
    const app = await start();
    await harness!.call('settings.updateAi', { classList: ['Amara Okafor'] });
    await app.newLesson('Photosynthesis');
    await app.type('Amara explained that photosynthesis converts light energy into chemical energy stored in glucose.');
    await app.waitSaved();
    await app.body.press('Control+a');

    // The panel's shortcut opens it with the focus on the first choice.
    await app.body.press('Control+Shift+A');
    const panel = app.page.getByRole('complementary', { name: 'AI assistant panel' });
    const action = panel.getByRole('combobox', { name: 'What should the AI do?' });
    await expect.poll(() => action.evaluate((el) => el === document.activeElement)).toBe(true);
    await action.selectOption('simplify');
    await panel.getByRole('spinbutton', { name: 'Reading age' }).fill('8');

    await panel.getByRole('button', { name: 'Preview what will be sent' }).click();
    expect(await panel.getByRole('list', { name: 'Replaced before sending' }).textContent()).toBe('Pupil names: 1');
    const message = await panel.getByLabel('Message 1').textContent();
    expect(message).toContain('[PUPIL_1] explained that photosynthesis');
    expect(message).toContain('reading age of 8');
    expect(message).not.toContain('Amara');

    fake!.script({ kind: 'text', text: '[PUPIL_1] said plants use light to make food.' });
    await panel.getByRole('button', { name: 'Ask AI' }).click();
    // The answer arrives as tracked changes against the selection; accepting them all gives the answer.
    await panel.getByRole('button', { name: 'Accept all in this suggestion' }).waitFor();
    expect(await panel.getByRole('region', { name: 'AI suggestion' }).textContent()).toBe('Amara said plants use light to make food.');
    await panel.getByRole('button', { name: 'Accept all in this suggestion' }).click();
    await panel.getByRole('status').filter({ hasText: 'changes accepted.' }).waitFor();
    expect(await app.body.textContent()).toBe('Amara said plants use light to make food.');
    await app.waitSaved();
    const [interaction] = await harness!.call<InteractionSummary[]>('provenance.listInteractions', { documentId: (await theOnlyLesson()).id });
    expect(interaction).toMatchObject({ action: 'simplify', status: 'completed', redactions: [{ type: 'PUPIL', count: 1 }] });
    // Words the answer kept stay the teacher's; the AI's own words carry its interaction.
    const accepted = textRuns((await theOnlyLesson()).content);
    expect(accepted.map((r) => r.text).join('')).toBe('Amara said plants use light to make food.');
    expect(accepted.find((r) => r.text.includes('said plants'))?.ai).toBe(interaction!.id);

    await app.body.click();
    await app.page.keyboard.press('Home');
    for (let i = 0; i < 'Amara'.length; i++) await app.page.keyboard.press('ArrowRight');
    await expect.poll(() => app.page.evaluate(() => getSelection()?.focusOffset)).toBe('Amara'.length);
    await app.type(' (Year 8)');
    await app.waitSaved();

    const stored = await theOnlyLesson();
    // Which of two neighbouring spaces the browser reports as typed varies; the words do not.
    const runs = textRuns(stored.content);
    expect(runs.map((r) => r.text).join('')).toBe('Amara (Year 8) said plants use light to make food.');
    const owner = (words: string) => runs.find((r) => r.text.includes(words))?.ai;
    expect(owner('(Year 8)')).toBeNull();
    expect(owner('Amara')).toBeNull();
    expect(owner('said plants')).toBe(interaction!.id);
    expect(owner('food')).toBe(interaction!.id);
    for (const request of fake!.server.requests) expect(request.body).not.toMatch(/Amara|Okafor/);
    expect(app.pageErrors).toEqual([]);
  });

  it('stores the API key write-only: it is never shown again nor returned to the page', async () => {
    const secret = 'sk-lectern-e2e-SECRET-7f3a9c';
    const app = await start({ ai: false, apiKey: secret });
    const bodies: string[] = [];
    const pending: Array<Promise<void>> = [];
    const collect = (response: Response) => {
      const url = response.url();
      if (!url.includes('/api/') || url.endsWith('/api/events')) return;
      pending.push(response.text().then((t) => void bodies.push(t), () => {}));
    };
    app.page.on('response', collect);

    await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await app.page.getByRole('radio', { name: 'Another server (OpenAI-compatible)' }).check();
    await app.page.getByRole('textbox', { name: 'Server address' }).fill(fake!.baseURL);
    await app.page.getByRole('combobox', { name: 'Model' }).fill('fake-model');
    await app.page.getByRole('button', { name: 'Save AI settings' }).click();
    await app.page.getByRole('status').filter({ hasText: 'AI settings saved.' }).waitFor();

    // Without the key the server refuses; with the typed (unsaved) key the test passes.
    await app.page.getByRole('button', { name: 'Test connection' }).click();
    await app.page.getByRole('status').filter({ hasText: /^The connection did not work\. The AI service did not accept the key/ }).waitFor();
    await app.page.getByLabel('API key').fill(secret);
    await app.page.getByRole('button', { name: 'Test connection' }).click();
    await app.page.getByRole('status').filter({ hasText: /^Connected in \d+ ms\. 2 models available\.$/ }).waitFor();
    await app.page.getByRole('button', { name: 'Save AI settings' }).click();
    await app.page.getByText('A key is saved', { exact: false }).waitFor();
    expect(await app.page.getByLabel('API key').count()).toBe(0);
    await app.page.getByRole('button', { name: 'Replace key' }).waitFor();

    const visible = async () => {
      const html = await app.page.content();
      const values = await app.page.locator('input, textarea').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      return html + values.join('\n');
    };
    expect(await visible()).not.toContain(secret);

    // The saved key works (the fake server demands it), and after a reload it is still not shown.
    await app.page.getByRole('button', { name: 'Test connection' }).click();
    await app.page.getByRole('status').filter({ hasText: /^Connected in \d+ ms\./ }).waitFor();
    await app.reload();
    await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await app.page.getByText('A key is saved', { exact: false }).waitFor();
    expect(await visible()).not.toContain(secret);
    await app.page.getByRole('button', { name: 'Back to lessons' }).click();
    await app.newLesson('Keys');
    await app.page.getByRole('button', { name: 'AI assistant', exact: true }).click();
    await app.page.getByRole('button', { name: 'Ask AI' }).waitFor();

    await Promise.all(pending);
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) expect(body).not.toContain(secret);
    expect(JSON.stringify(await harness!.call('settings.getAi'))).not.toContain(secret);
    expect(fake!.server.requests.some((r) => r.headers.authorization === `Bearer ${secret}`)).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
