import { resolve } from 'node:path';
import type { ImportFileResult, NotImported } from '../contract';
import type { LecternCore } from '../core/app';
import type { CliIo } from './run';

const KIND_TEXT: Record<NotImported['kind'], string> = {
  textBox: 'text boxes',
  chart: 'charts',
  smartArt: 'SmartArt graphics',
  comment: 'comments',
  trackedChange: 'tracked changes',
  embeddedObject: 'embedded objects',
  macro: 'macros',
  equation: 'equations',
  image: 'images',
  remoteImage: 'images on the web (not downloaded)',
  unsupportedContent: 'other content',
};

/** One report line per thing that did not come in, e.g. "2 comments (…)". */
export function describeNotImported(item: NotImported): string {
  return `${item.count} ${KIND_TEXT[item.kind]}${item.detail ? ` (${item.detail})` : ''}`;
}

/**
 * `lectern import FILE… [--folder NAME] [--json]`: each file becomes a new document, whole or not at
 * all. Exit 0 when every file came in, 1 when any did not (the others are still imported).
 */
export async function importFilesCommand(files: string[], options: { io: CliIo; json: boolean; folder: string | undefined; open: () => LecternCore }): Promise<boolean> {
  const core = options.open();
  let results: ImportFileResult[];
  try {
    results = await core.importer.importFiles(
      files.map((f) => ({ path: resolve(f) })),
      { folder: options.folder },
    );
    core.library.searchIndex.flush();
  } finally {
    core.close();
  }
  if (options.json) options.io.out(JSON.stringify(results) + '\n');
  else {
    for (const r of results) {
      if (r.status === 'imported') {
        options.io.out(`Imported ${r.fileName} as "${r.title ?? ''}" (${r.documentId ?? ''})${r.imagesImported ? `, ${r.imagesImported} images` : ''}.\n`);
        for (const item of r.notImported) options.io.out(`  not imported: ${describeNotImported(item)}\n`);
      } else {
        options.io.err(`Not imported: ${r.message ?? r.fileName}\n`);
      }
    }
  }
  return results.every((r) => r.status === 'imported');
}
