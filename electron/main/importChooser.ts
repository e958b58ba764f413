import type { BaseWindow, Dialog } from 'electron';
import { IMPORT_EXTENSIONS } from '../contract';
import type { Strings } from '../contract/i18n/en-GB';
import type { ImportFileChooser } from '../core/import/handlers';

/**
 * File → Import…: the native open dialog, several files at once. Only what the teacher picks here is
 * read; the renderer never sends a path.
 */
export function dialogImportChooser(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  window: () => BaseWindow | undefined,
  documentsDir: string,
  strings: Strings['fileDialogs'],
): ImportFileChooser {
  return {
    async chooseImportSources() {
      const options = {
        title: strings.importFilesTitle,
        defaultPath: documentsDir,
        filters: [{ name: strings.importFileTypes, extensions: [...IMPORT_EXTENSIONS] }],
        properties: ['openFile' as const, 'multiSelections' as const],
      };
      const parent = window();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths;
    },
  };
}
