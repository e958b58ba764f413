import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LibraryFileChooser } from '../../electron/core/library/handlers';
import type { ImportFileChooser } from '../../electron/core/import/handlers';

/**
 * The harness's stand-in for the native file dialogs: exports go into one folder, and an import
 * takes the file a test named (`/__test/choose-import`) or else the newest file there. A test
 * that shares the folder between two harnesses carries a library from one to the other.
 */
export class HarnessFileChooser implements LibraryFileChooser, ImportFileChooser {
  private nextImport: string | undefined;
  private cancelNext = false;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** The next import uses this file name (inside the folder), or is cancelled. */
  chooseNextImport(name: string | null): void {
    if (name === null) {
      this.cancelNext = true;
      return;
    }
    this.nextImport = join(this.dir, basename(name));
  }

  async chooseExportFile(suggestedName: string): Promise<string | undefined> {
    return join(this.dir, basename(suggestedName));
  }

  /** File → Import…: the same choice as an import (one file in the harness). */
  async chooseImportSources(): Promise<string[] | undefined> {
    const chosen = await this.chooseImportFile();
    return chosen ? [chosen] : undefined;
  }

  async chooseImportFile(): Promise<string | undefined> {
    if (this.cancelNext) {
      this.cancelNext = false;
      return undefined;
    }
    const chosen = this.nextImport;
    this.nextImport = undefined;
    if (chosen) return chosen;
    const newest = readdirSync(this.dir)
      .map((name) => ({ name, mtime: statSync(join(this.dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime)[0];
    return newest ? join(this.dir, newest.name) : undefined;
  }
}
