import { expect } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';

/**
 * Page helpers that read like a teacher's actions. Everything is located by role and accessible
 * name, never by CSS class, so the tests also check that controls are named.
 */
export class LecternPage {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string): Promise<LecternPage> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    const app = new LecternPage(page);
    app.pageErrors = errors;
    await page.getByRole('navigation', { name: 'Library' }).waitFor();
    return app;
  }

  pageErrors: string[] = [];

  get title(): Locator {
    return this.page.getByRole('textbox', { name: 'Lesson title' });
  }
  get body(): Locator {
    return this.page.getByRole('textbox', { name: 'Lesson content' });
  }
  get library(): Locator {
    return this.page.getByRole('list', { name: 'Lessons, most recently edited first' });
  }
  get saveStatus(): Locator {
    return this.page.locator('.save-status').getByRole('status');
  }

  toolbarButton(name: string): Locator {
    return this.page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name, exact: true });
  }

  async newLesson(title?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New lesson', exact: true }).click();
    await this.title.waitFor();
    // The previous lesson's title box stays until the new lesson exists; typing there would rename it.
    await expect.poll(() => this.title.evaluate((el) => el === document.activeElement && (el as HTMLInputElement).value === '')).toBe(true);
    if (title !== undefined) {
      await this.title.fill(title);
      await this.title.press('Enter');
    }
  }

  async openLesson(title: string): Promise<void> {
    await this.library.getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) }).click();
    await this.title.waitFor();
    await expect.poll(() => this.title.inputValue()).toBe(title);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async waitSaved(timeout = 15_000): Promise<void> {
    await expect.poll(() => this.saveStatus.textContent(), { timeout }).toBe('Saved');
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.getByRole('navigation', { name: 'Library' }).waitFor();
  }

  // Library: search, filters, panels, versions, Trash, Settings → Library.

  get searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search lessons' });
  }
  get searchResults(): Locator {
    return this.page.getByRole('list', { name: 'Search results, best match first' });
  }
  get sidebar(): Locator {
    return this.page.getByRole('navigation', { name: 'Library' });
  }

  /** Types into the library's search box and waits for the answer to be announced. */
  async search(text: string): Promise<string> {
    await this.searchBox.fill('');
    await this.searchBox.pressSequentially(text);
    const status = this.page.getByRole('search').getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/found|No lessons match|did not work/);
    return (await status.textContent()) ?? '';
  }

  /** Opens a side panel beside the lesson ("Details", "Version history") unless it is open. */
  async openPanel(name: string): Promise<Locator> {
    const toggle = this.page.getByRole('region', { name: 'Lesson editor' }).getByRole('button', { name, exact: true });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const panel = this.page.getByRole('complementary', { name: `${name} panel` });
    await panel.waitFor();
    return panel;
  }

  /** Version history → Save version… with a name. */
  async saveVersion(label: string): Promise<void> {
    const panel = await this.openPanel('Version history');
    await panel.getByRole('button', { name: 'Save version…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Save version' });
    await dialog.getByRole('textbox', { name: 'Version name' }).fill(label);
    await dialog.getByRole('button', { name: 'Save version' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => panel.getByRole('list', { name: 'Versions, newest first' }).getByRole('button', { name: new RegExp(`^${escapeRegExp(label)},`) }).count()).toBe(1);
  }

  /** Chooses a value in the sidebar's Filter group, opening the group first. */
  async filterBy(field: string, option: string): Promise<void> {
    const toggle = this.sidebar.getByRole('button', { name: /^Filter/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await this.sidebar.getByRole('group', { name: 'Filter and sort lessons' }).getByRole('combobox', { name: field, exact: true }).selectOption({ label: option });
  }

  /** The titles in the lesson list, in order. */
  async lessonTitles(listName = 'Lessons, most recently edited first'): Promise<string[]> {
    const list = this.page.getByRole('list', { name: listName });
    if ((await list.count()) === 0) return [];
    return list.getByRole('listitem').evaluateAll((items) => items.map((li) => li.querySelector('button > span')?.textContent ?? ''));
  }

  /** Delete lesson → confirm: the lesson moves to the Trash. */
  async deleteLesson(): Promise<void> {
    await this.page.getByRole('region', { name: 'Lesson editor' }).getByRole('button', { name: 'Delete lesson' }).click();
    const dialog = this.page.getByRole('alertdialog', { name: /^Delete “/ });
    await dialog.getByRole('button', { name: 'Delete lesson' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  }

  async openTrash(): Promise<Locator> {
    await this.sidebar.getByRole('button', { name: /^Trash/ }).click();
    const trash = this.page.getByRole('region', { name: 'Trash' });
    await trash.waitFor();
    return trash;
  }

  async openSettings(section: string): Promise<Locator> {
    await this.sidebar.getByRole('button', { name: 'Settings', exact: true }).click();
    await this.page.getByRole('tab', { name: section }).click();
    const panel = this.page.getByRole('tabpanel', { name: section });
    await panel.waitFor();
    return panel;
  }

  /** Settings → Library → Export library…; returns what the dialog reported, then closes it. */
  async exportLibrary(): Promise<string> {
    const settings = await this.openSettings('Library');
    await settings.getByRole('button', { name: 'Export library…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Export library' });
    await expect.poll(() => dialog.textContent(), { timeout: 20_000 }).toMatch(/Exported|could not be exported/);
    const report = (await dialog.textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Close' }).click();
    return report;
  }

  /** Settings → Library → Import library…; returns the dialog once it has described the file (or failed). */
  async startImport(): Promise<Locator> {
    const settings = await this.openSettings('Library');
    await settings.getByRole('button', { name: 'Import library…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Import library' });
    await expect.poll(() => dialog.textContent(), { timeout: 20_000 }).toMatch(/It holds|Nothing was imported/);
    return dialog;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
