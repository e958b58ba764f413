import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { tempDir } from '../helpers/tempDir';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { startFakeAi, type FakeAi } from './support/fakeAi';
import { startHarnessProcess, type HarnessProcess } from './support/harnessProcess';
import { LecternPage } from './support/lecternPage';

if (!chromiumAvailable()) throw new Error('Chromium is not installed at /usr/bin/chromium: run `apt-get install -y chromium` (.ci/run does this).');

const WARNING = /This text may contain pupils[’'] names, and you have no class list\./;
const NOTES = "Amelia Jones finds fractions hard. Mrs O'Brien says the water cycle homework is done.";

describe('no class list: names are flagged before anything is sent', () => {
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
    harness = undefined;
    fake = undefined;
    app = undefined;
  });

  it('warns with the names highlighted, sends nothing on Cancel, sends on Send anyway, and links to the class list', async () => {
    dir = tempDir('lectern-e2e-names-');
    fake = await startFakeAi({ tokenIntervalMs: 0 });
    harness = await startHarnessProcess(dir.path, fake.env);
    app = await LecternPage.open(browser, harness.url);

    await app.newLesson('Fractions');
    await app.type(NOTES);
    await app.waitSaved();
    await app.body.press('Control+a');
    const panel = await app.openPanel('AI assistant');
    await panel.getByRole('combobox', { name: 'What should the AI do?' }).selectOption('simplify');

    // The preview marks the words that may be names.
    await panel.getByRole('button', { name: 'Preview what will be sent' }).click();
    const previewNote = panel.getByRole('region', { name: WARNING });
    await previewNote.waitFor();
    const marked = () => panel.getByRole('list', { name: 'Words that may be names' }).first().locator('mark').allTextContents();
    expect(await marked()).toEqual(['Amelia Jones', "O'Brien"]);
    expect(await panel.getByLabel('Message 1').textContent()).toContain('Amelia Jones');
    await panel.getByRole('button', { name: 'Hide what will be sent' }).click();

    // Asking warns first; Cancel sends nothing.
    await panel.getByRole('button', { name: 'Ask AI' }).click();
    const alert = panel.getByRole('alert').filter({ hasText: WARNING });
    await alert.waitFor();
    expect(await alert.locator('mark').allTextContents()).toEqual(['Amelia Jones', "O'Brien"]);
    await alert.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    expect(fake.generations()).toHaveLength(0);

    // Send anyway: the teacher decided, so it goes as written.
    fake.script({ kind: 'text', text: 'Amelia finds fractions hard.' });
    await panel.getByRole('button', { name: 'Ask AI' }).click();
    await alert.waitFor();
    expect(fake.generations()).toHaveLength(0);
    await alert.getByRole('button', { name: 'Send anyway' }).click();
    await panel.getByRole('button', { name: 'Reject all in this suggestion' }).waitFor();
    expect(fake.generations()).toHaveLength(1);
    await panel.getByRole('button', { name: 'Reject all in this suggestion' }).click();

    // The link opens the class list; with a class list there is no warning, and the names are replaced.
    await app.body.press('Control+a');
    await panel.getByRole('button', { name: 'Ask AI' }).click();
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Open the class list' }).click();
    const classList = app.page.getByRole('textbox', { name: /^Class list/ });
    await classList.waitFor();
    await classList.fill("Amelia Jones\nLiam O'Brien");
    await app.page.getByRole('button', { name: 'Save AI settings' }).click();
    await expect.poll(async () => ((await harness!.call<{ classList: string[] }>('settings.getAi', {})).classList)).toEqual(['Amelia Jones', "Liam O'Brien"]);
    await app.page.getByRole('button', { name: 'Back to lessons' }).click();
    await app.openLesson('Fractions');
    await app.body.press('Control+a');
    const again = await app.openPanel('AI assistant');
    await again.getByRole('combobox', { name: 'What should the AI do?' }).selectOption('simplify');
    fake.script({ kind: 'text', text: '[PUPIL_1] finds fractions hard.' });
    await again.getByRole('button', { name: 'Ask AI' }).click();
    await again.getByRole('button', { name: 'Accept all in this suggestion' }).waitFor();
    expect(await again.getByRole('alert').filter({ hasText: WARNING }).count()).toBe(0);
    expect(fake.generations()).toHaveLength(2);
    expect(fake.generations()[1]!.body).not.toMatch(/Amelia|O'Brien|O\\u2019Brien/);
    expect(app.pageErrors).toEqual([]);
  });

  it('warns about a name in a new lesson’s brief', async () => {
    dir = tempDir('lectern-e2e-names-');
    fake = await startFakeAi({ tokenIntervalMs: 0 });
    harness = await startHarnessProcess(dir.path, fake.env);
    app = await LecternPage.open(browser, harness.url);

    await app.page.getByRole('button', { name: 'New lesson from template or AI…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'New lesson' });
    await dialog.getByRole('textbox', { name: 'Subject', exact: true }).fill('Maths');
    await dialog.getByRole('combobox', { name: 'Key stage', exact: true }).selectOption('KS2');
    await dialog.getByRole('textbox', { name: 'Topic', exact: true }).fill('Fractions');
    await dialog.getByRole('textbox', { name: /^Notes about the class/ }).fill('Kacper Nowak needs the steps read aloud.');
    await dialog.getByRole('button', { name: 'Generate lesson' }).click();
    const alert = dialog.getByRole('alert').filter({ hasText: WARNING });
    await alert.waitFor();
    expect(await alert.locator('mark').allTextContents()).toEqual(['Kacper Nowak']);
    await alert.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    expect(fake.generations()).toHaveLength(0);
    expect(app.pageErrors).toEqual([]);
  });
});
