import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { DocumentSummary, LecternDocument } from '../../electron/contract';
import { tempDir } from '../helpers/tempDir';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { startHarnessProcess, type HarnessProcess } from './support/harnessProcess';
import { LecternPage } from './support/lecternPage';

if (!chromiumAvailable()) throw new Error('Chromium is not installed at /usr/bin/chromium: run `apt-get install -y chromium` (.ci/run does this).');

describe('drafting a lesson through the web harness', () => {
  let browser: Browser;
  let dir: ReturnType<typeof tempDir>;
  let harness: HarnessProcess;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    dir = tempDir('lectern-e2e-');
    harness = await startHarnessProcess(dir.path);
  });
  afterEach(async () => {
    await harness.stop();
    dir.dispose();
  });

  it('keeps a formatted draft byte for byte across reload and harness restart', async () => {
    const app = await LecternPage.open(browser, harness.url);
    await app.newLesson('Photosynthesis — Year 8');
    await app.type('Starter: what do plants need?');
    await app.toolbarButton('Heading 1').click();
    await app.page.keyboard.press('End');
    await app.page.keyboard.press('Enter');
    await app.type('Plants make ');
    await app.page.keyboard.press('Control+B');
    await app.type('glucose');
    await app.page.keyboard.press('Control+B');
    await app.page.keyboard.press('Enter');
    await app.type('- Light energy\nWater\nCarbon dioxide\n\n');
    await app.toolbarButton('Insert table').click();
    await app.type('Keyword');
    await app.page.keyboard.press('Tab');
    await app.type('Definition');
    await app.page.keyboard.press('Tab');
    await app.type('Example');
    await app.page.keyboard.press('Tab');
    await app.type('Chlorophyll');
    await app.waitSaved();

    const [summary] = await harness.call<DocumentSummary[]>('documents.list');
    expect(summary!.title).toBe('Photosynthesis — Year 8');
    const stored = await harness.call<LecternDocument>('documents.get', { id: summary!.id });
    const types = stored.content.content!.map((n) => n.type);
    expect(types).toEqual(expect.arrayContaining(['heading', 'paragraph', 'bulletList', 'table']));
    expect(JSON.stringify(stored.content)).toContain('"marks":[{"type":"bold"}],"text":"glucose"');
    const bytes = JSON.stringify(stored.content);

    await app.reload();
    await app.openLesson('Photosynthesis — Year 8');
    await expect.poll(() => app.page.getByRole('heading', { name: 'Starter: what do plants need?' }).count()).toBe(1);
    expect(await app.body.getByRole('listitem').allTextContents()).toEqual(['Light energy', 'Water', 'Carbon dioxide']);
    expect(await app.body.getByRole('cell', { name: 'Chlorophyll' }).count()).toBe(1);
    expect(JSON.stringify((await harness.call<LecternDocument>('documents.get', { id: summary!.id })).content)).toBe(bytes);
    await app.page.close();

    await harness.stop();
    harness = await startHarnessProcess(dir.path);
    const again = await LecternPage.open(browser, harness.url);
    await again.openLesson('Photosynthesis — Year 8');
    expect(await again.body.getByRole('columnheader', { name: 'Keyword' }).count()).toBe(1);
    expect(await again.body.getByText('glucose').evaluate((el) => el.tagName)).toBe('STRONG');
    expect(JSON.stringify((await harness.call<LecternDocument>('documents.get', { id: summary!.id })).content)).toBe(bytes);
    expect(again.pageErrors).toEqual([]);
  });

  it('renames and deletes a lesson, with a confirmation that defaults to Cancel', async () => {
    const app = await LecternPage.open(browser, harness.url);
    await app.newLesson('Fractions');
    await app.type('Equivalent fractions');
    await app.waitSaved();
    await app.newLesson('Volcanoes');
    await app.waitSaved();

    await app.openLesson('Fractions');
    await app.title.fill('Fractions — Year 5');
    await app.title.press('Enter');
    await expect.poll(() => app.library.getByRole('button').first().textContent()).toMatch(/^Fractions — Year 5/);

    await app.page.getByRole('button', { name: 'Delete lesson' }).click();
    const dialog = app.page.getByRole('alertdialog', { name: 'Delete “Fractions — Year 5”?' });
    await dialog.waitFor();
    await app.page.keyboard.press('Enter'); // focus starts on Cancel
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await harness.call<DocumentSummary[]>('documents.list')).map((d) => d.title)).toContain('Fractions — Year 5');

    await app.page.getByRole('button', { name: 'Delete lesson' }).click();
    await dialog.getByRole('button', { name: 'Delete lesson' }).click();
    await expect.poll(async () => (await harness.call<DocumentSummary[]>('documents.list')).map((d) => d.title)).toEqual(['Volcanoes']);

    await app.reload();
    expect(await app.library.getByRole('button').allTextContents()).toEqual([expect.stringMatching(/^Volcanoes/)]);
  });

  it('shows a failed save, keeps the text, and recovers when saving works again', async () => {
    const app = await LecternPage.open(browser, harness.url);
    await app.newLesson('Rivers');
    await app.waitSaved();
    await harness.hook('fault', { method: 'documents.save', code: 'STORAGE_FULL' });
    await app.body.click();
    await app.type('The water cycle');
    await expect.poll(() => app.saveStatus.textContent(), { timeout: 10_000 }).toBe('Not saved — retrying');
    expect(await app.page.getByRole('alert').first().textContent()).toMatch(/disk is full/);
    expect(await app.body.textContent()).toContain('The water cycle');

    await harness.hook('clear-faults');
    await app.waitSaved(20_000);
    const [doc] = await harness.call<DocumentSummary[]>('documents.list');
    expect(JSON.stringify((await harness.call<LecternDocument>('documents.get', { id: doc!.id })).content)).toContain('The water cycle');
  });

  it('puts back text typed just before the page went away while saving was failing', async () => {
    const app = await LecternPage.open(browser, harness.url);
    await app.newLesson('Earthquakes');
    await app.waitSaved();
    await harness.hook('fault', { method: 'documents.save', code: 'STORAGE' });
    await app.body.click();
    await app.type('Tectonic plates move');
    await expect.poll(() => app.saveStatus.textContent(), { timeout: 10_000 }).toBe('Not saved — retrying');
    await harness.hook('clear-faults');
    await app.reload();
    await expect.poll(() => app.page.getByText(/found changes that had not been saved/).count()).toBe(1);
    await app.openLesson('Earthquakes');
    expect(await app.body.textContent()).toContain('Tectonic plates move');
  });

  it('works from the keyboard alone', async () => {
    const app = await LecternPage.open(browser, harness.url);
    await app.page.keyboard.press('Tab');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.textContent)).toBe('New lesson');
    await app.page.keyboard.press('Enter');
    await app.title.waitFor();
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Lesson title');
    await app.type('Keyboard lesson');
    await app.page.keyboard.press('Enter');
    await app.type('Typed without a mouse');
    await app.page.keyboard.press('Shift+Tab'); // from the body back into the toolbar
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') !== null)).toBe(true);
    await app.page.keyboard.press('End');
    await app.page.keyboard.press('Home');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Undo');
    await app.waitSaved();
    expect((await harness.call<DocumentSummary[]>('documents.list'))[0]!.title).toBe('Keyboard lesson');
  });
});
