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
    await this.page.getByRole('button', { name: 'New lesson' }).click();
    await this.title.waitFor();
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
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
