import { join } from 'node:path';
import type { BaseWindow, Dialog } from 'electron';
import type { Strings } from '../contract/i18n/en-GB';
import type { LibraryFileChooser } from '../core/library/handlers';
import { LIBRARY_FILE_EXTENSION } from '../core/library/portable';

/**
 * Export and import files come from the native dialogs, never from a path the renderer sends:
 * the renderer asks to export or import, and only what the teacher picks here is touched.
 */
export function dialogFileChooser(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
  window: () => BaseWindow | undefined,
  documentsDir: string,
  strings: Strings['fileDialogs'],
): LibraryFileChooser {
  const filters = [{ name: strings.libraryFiles, extensions: [LIBRARY_FILE_EXTENSION.replace(/^\./, '')] }];
  return {
    async chooseExportFile(suggestedName) {
      const options = { title: strings.exportTitle, defaultPath: join(documentsDir, suggestedName), filters };
      const parent = window();
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
    async chooseImportFile() {
      const options = { title: strings.importTitle, defaultPath: documentsDir, filters, properties: ['openFile' as const] };
      const parent = window();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}
