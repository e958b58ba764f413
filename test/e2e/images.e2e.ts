import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { tempDir } from '../helpers/tempDir';
import { chromiumAvailable, launchBrowser } from './support/browser';
import { startHarnessProcess, type HarnessProcess } from './support/harnessProcess';
import { seriousAxeViolations } from './support/axe';
import { LecternPage } from './support/lecternPage';

if (!chromiumAvailable()) throw new Error('Chromium is not installed at /usr/bin/chromium: run `apt-get install -y chromium` (.ci/run does this).');

const loaded = (app: LecternPage, name: string) =>
  app.body.getByRole('img', { name, exact: true }).evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth);

describe('images and equations in a lesson', () => {
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

  it('inserts an image with alt text, pastes one, drops one, inserts an equation, and shows them all after a reload', async () => {
    const red = await sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 220, g: 0, b: 0 } } }).png().toBuffer();
    const blue = await sharp({ create: { width: 60, height: 60, channels: 3, background: { r: 0, g: 0, b: 200 } } }).png().toBuffer();
    const app = await LecternPage.open(browser, harness.url);
    await app.newLesson('Forces');
    await app.type('Newton says ');

    // From a file, through the toolbar.
    const chooser = app.page.waitForEvent('filechooser');
    await app.toolbarButton('Insert image').click();
    await (await chooser).setFiles({ name: 'diagram.png', mimeType: 'image/png', buffer: red });
    const dialog = app.page.getByRole('dialog', { name: 'Describe this image' });
    await dialog.waitFor();
    expect(await seriousAxeViolations(app.page, 'dialog[open]')).toEqual([]);
    // Alt text is asked for: an empty description is refused until the image is described or marked decorative.
    await dialog.getByRole('button', { name: 'Insert image' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Describe the image');
    expect(await seriousAxeViolations(app.page, 'dialog[open]')).toEqual([]);
    await dialog.getByRole('textbox', { name: 'Alt text' }).fill('A red box pulled by an arrow');
    await dialog.getByRole('button', { name: 'Insert image' }).click();
    await expect.poll(() => loaded(app, 'A red box pulled by an arrow')).toBe(120);

    // Pasted, as a screenshot comes: a file and no HTML.
    await app.body.click();
    await app.page.keyboard.press('Control+End');
    await app.body.evaluate((el, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [...blue]);
    const pasted = app.page.getByRole('dialog', { name: 'Describe this image' });
    await pasted.getByRole('checkbox', { name: 'Decorative: screen readers skip it' }).check();
    await pasted.getByRole('button', { name: 'Insert image' }).click();
    await expect.poll(() => app.body.locator('figure[data-type="image"] img[alt=""]').count()).toBe(1);

    // Dropped from the desktop: a GIF whose name says PNG (the library goes by its bytes).
    const green = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 0, g: 160, b: 0 } } }).gif().toBuffer();
    await app.body.evaluate((el, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'leaf.png', { type: 'image/png' }));
      const box = el.getBoundingClientRect();
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, clientX: box.left + 10, clientY: box.top + 10 }));
    }, [...green]);
    const dropped = app.page.getByRole('dialog', { name: 'Describe this image' });
    await dropped.getByRole('textbox', { name: 'Alt text' }).fill('A green leaf');
    await dropped.getByRole('button', { name: 'Insert image' }).click();
    await expect.poll(() => loaded(app, 'A green leaf')).toBe(40);

    // An equation.
    await app.toolbarButton('Insert equation').click();
    const equation = app.page.getByRole('dialog', { name: 'Insert equation' });
    await equation.getByRole('textbox', { name: 'Equation (LaTeX)' }).fill('F = ma');
    await equation.getByRole('button', { name: 'Insert equation' }).click();
    await expect.poll(() => app.body.locator('[data-type="inline-math"] math').count()).toBe(1);

    // The alt text can be edited later.
    await app.body.getByRole('img', { name: 'A red box pulled by an arrow' }).click();
    await app.body.getByRole('button', { name: 'Alt text' }).click();
    const edit = app.page.getByRole('dialog', { name: 'Alt text' });
    await edit.getByRole('textbox', { name: 'Alt text' }).fill('A red box pulled right by a force arrow');
    await edit.getByRole('button', { name: 'Save alt text' }).click();
    await app.body.getByRole('button', { name: 'Smaller' }).click();
    await app.body.getByRole('button', { name: 'Align left' }).click();
    await app.waitSaved();

    await app.reload();
    await app.openLesson('Forces');
    await expect.poll(() => loaded(app, 'A red box pulled right by a force arrow')).toBe(120);
    // Smaller from its natural size is three quarters of the column.
    expect(await app.body.getByRole('img', { name: 'A red box pulled right by a force arrow' }).evaluate((img) => (img as HTMLImageElement).style.width)).toBe('75%');
    await expect.poll(() => app.body.locator('figure[data-type="image"] img[alt=""]').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(60);
    await expect.poll(() => loaded(app, 'A green leaf')).toBe(40);
    expect(await app.body.locator('[data-type="inline-math"]').getAttribute('data-latex')).toBe('F = ma');
    expect(await app.body.locator('[data-type="inline-math"] annotation').textContent()).toBe('F = ma');
    // Only the equation's source holds the word "ma" (the title and text do not).
    expect(await app.search('ma')).toBe('1 lesson found.');
    expect(app.pageErrors).toEqual([]);
    await app.page.close();
  });
});
