import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { DocumentSummary, InteractionSummary, LecternDocument, ReviewSummary } from '../../electron/contract';
import { tempDir } from '../helpers/tempDir';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { startFakeAi, type FakeAi } from './support/fakeAi';
import { startHarnessProcess, type HarnessProcess } from './support/harnessProcess';
import { seriousAxeViolations, WCAG_AA_TAGS } from './support/axe';
import { LecternPage } from './support/lecternPage';

if (!chromiumAvailable()) throw new Error('Chromium is not installed at /usr/bin/chromium: run `apt-get install -y chromium` (.ci/run does this).');

describe('reviewing an AI answer change by change', () => {
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
    await app?.page.close();
    await harness?.stop();
    await fake?.stop();
    dir?.dispose();
  });

  it('simplifies a paragraph into insertions and deletions; accept one, reject one, reload, accept all; the record names the reviewer', async () => {
    dir = tempDir('lectern-e2e-review-');
    fake = await startFakeAi({ tokenIntervalMs: 0 });
    harness = await startHarnessProcess(dir.path, fake.env);
    app = await LecternPage.open(browser, harness.url);
    await harness.call('review.setReviewer', { name: 'Ms Evans' });

    await app.newLesson('Cats');
    await app.type('The big cat sat on the old mat today.');
    await app.waitSaved();
    await app.body.press('Control+a');
    const ai = await app.openPanel('AI assistant');
    await ai.getByRole('combobox', { name: 'What should the AI do?' }).selectOption('simplify');
    await ai.getByRole('spinbutton', { name: 'Reading age' }).fill('8');
    fake.script({ kind: 'text', text: 'The small cat sat on the new mat today. It was warm.' });
    await ai.getByRole('button', { name: 'Ask AI' }).click();
    await ai.getByRole('status').filter({ hasText: 'as 3 suggested changes' }).waitFor();
    await ai.getByRole('button', { name: 'Done' }).click();

    // Inline: the old words struck through, the new ones inserted, nothing lost yet.
    expect(await app.body.getByRole('deletion').allTextContents()).toEqual(['big', 'old']);
    expect(await app.body.getByRole('insertion').allTextContents()).toEqual(['small', 'new', ' It was warm.']);

    const pane = await app.openPanel('Review AI suggestions');
    await pane.getByText('3 changes waiting for review').waitFor();
    await pane.getByRole('heading', { name: /^Simplify to a reading age · / }).waitFor();
    expect(await seriousAxeViolations(app.page, '[aria-label="Review AI suggestions panel"]', WCAG_AA_TAGS)).toEqual([]);

    // Accept the first change from its popover in the lesson.
    await app.body.getByRole('insertion').first().click();
    const popover = app.page.getByRole('group', { name: 'AI suggestion' });
    await popover.getByText('Simplify to a reading age: Replace “big” with “small”').waitFor();
    expect(await seriousAxeViolations(app.page, '.review-popover', WCAG_AA_TAGS)).toEqual([]);
    await popover.getByRole('button', { name: 'Accept change' }).click();
    await expect.poll(() => app!.body.getByRole('deletion').allTextContents()).toEqual(['old']);

    // Reject the next one from the pane.
    await pane.getByRole('button', { name: 'Reject Change 1' }).click();
    await expect.poll(() => app!.body.getByRole('insertion').allTextContents()).toEqual([' It was warm.']);
    await app.waitSaved();

    // Still pending after a reload.
    await app.reload();
    await app.openLesson('Cats');
    const again = await app.openPanel('Review AI suggestions');
    await expect.poll(() => again.textContent()).toContain('1 change waiting for review');
    expect(await app.body.getByRole('insertion').allTextContents()).toEqual([' It was warm.']);
    await again.getByRole('button', { name: 'Accept all', exact: true }).click();
    await again.getByText('No AI suggestions are waiting for review.').waitFor();
    expect(await app.body.textContent()).toBe('The small cat sat on the old mat today. It was warm.');
    await app.waitSaved();

    const [lesson] = await harness.call<DocumentSummary[]>('documents.list', {});
    const stored = await harness.call<LecternDocument>('documents.get', { id: lesson!.id });
    expect(JSON.stringify(stored.content)).not.toMatch(/suggestion(Insert|Delete)/);
    const [interaction] = await harness.call<InteractionSummary[]>('provenance.listInteractions', { documentId: lesson!.id });
    const summary = await harness.call<ReviewSummary>('review.summary', { interactionId: interaction!.id });
    expect(summary).toMatchObject({ changes: 3, accepted: 2, rejected: 1, lastReviewer: 'Ms Evans' });

    // The interaction's record says so, and opens the request and answer.
    const record = await app.openPanel('AI assistant');
    await record.getByText(/^3 changes: 2 accepted, 1 rejected, by Ms Evans at \d\d:\d\d/).waitFor();
    await record.getByRole('button', { name: 'Open the full request and answer' }).first().click();
    await record.getByText('The small cat sat on the new mat today. It was warm.').first().waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
