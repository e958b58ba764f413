import type { Handlers } from '../rpc/dispatch';
import type { Importer } from './importer';

/** Where the file dialog's choice comes from: Electron's dialog in the app, a folder in the harness. */
export interface ImportFileChooser {
  /** The paths the teacher chose, or undefined when the dialog was closed without a choice. */
  chooseImportSources(): Promise<string[] | undefined>;
}

/** The `import.*` contract methods. */
export function importHandlers(importer: Importer, chooser: ImportFileChooser | undefined, assertWritable: () => void): Pick<Handlers, 'import.files' | 'import.data'> {
  return {
    'import.files': async (input) => {
      assertWritable();
      const paths = chooser ? await chooser.chooseImportSources() : undefined;
      if (!paths || paths.length === 0) return { cancelled: true, results: [] };
      return { cancelled: false, results: await importer.importFiles(paths.map((path) => ({ path })), { folder: input.folder }) };
    },
    'import.data': async (input) => {
      assertWritable();
      const sources = input.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.data, 'base64') }));
      return { cancelled: false, results: await importer.importFiles(sources, { folder: input.folder }) };
    },
  };
}
