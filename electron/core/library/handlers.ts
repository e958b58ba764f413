import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Handlers } from '../rpc/dispatch';
import type { Clock } from '../clock';
import { fileTimestamp } from './integrity';
import type { Library } from './library';
import { exportLibrary, importLibrary, LIBRARY_FILE_EXTENSION, previewImport, readLibraryFile } from './portable';

/**
 * Where export and import files are. The renderer never passes a path: main shows the native
 * dialogs, the web harness and tests answer with a folder of their own. `undefined` means the
 * teacher cancelled.
 */
export interface LibraryFileChooser {
  chooseExportFile(suggestedName: string): Promise<string | undefined>;
  chooseImportFile(): Promise<string | undefined>;
}

type LibraryMethod =
  | `documents.${'create' | 'list' | 'get' | 'rename' | 'save' | 'updateMetadata' | 'duplicate' | 'delete'}`
  | `revisions.${'list' | 'get' | 'create' | 'diff' | 'restore'}`
  | 'search.query'
  | `trash.${'list' | 'restore' | 'empty'}`
  | `library.${'status' | 'lists' | 'setList' | 'backupNow' | 'listBackups' | 'restoreBackup' | 'startAfresh' | 'exportLibrary' | 'inspectImport' | 'importLibrary'}`;

export interface LibraryHandlerContext {
  appVersion: string;
  clock: Clock;
  files?: LibraryFileChooser | undefined;
}

/** The contract methods served by the library. */
export function libraryHandlers(lib: Library, ctx: LibraryHandlerContext): Pick<Handlers, LibraryMethod> {
  const pendingImports = new Map<string, string>();
  /**
   * Records damage when SQLite reports it mid-operation, so library.status can offer a backup,
   * and says plainly why a write was refused once the library is damaged (Library.explainFailure).
   */
  const guard = <T>(fn: () => T): T => {
    lib.assertAvailable();
    try {
      return fn();
    } catch (error) {
      throw lib.explainFailure(error);
    }
  };
  /** A write that changes what search sees. */
  const write = <T>(fn: () => T): T => {
    const value = guard(fn);
    lib.changed();
    return value;
  };
  const files = (): LibraryFileChooser => {
    if (!ctx.files) throw new AppError('FORBIDDEN', 'Choosing a file is not available here.');
    return ctx.files;
  };

  return {
    'documents.create': (input) => write(() => lib.documents.create(input)),
    'documents.list': (input) => guard(() => lib.documents.list(input)),
    'documents.get': ({ id }) => guard(() => lib.documents.get(id)),
    'documents.rename': ({ id, title }) => write(() => lib.documents.rename(id, title)),
    'documents.save': ({ id, content }) => write(() => lib.documents.save(id, content)),
    'documents.updateMetadata': ({ id, ...changes }) => guard(() => lib.documents.updateMetadata(id, changes)),
    'documents.duplicate': ({ id, title }) => write(() => lib.documents.duplicate(id, title)),
    'documents.delete': ({ id }) =>
      write(() => {
        lib.documents.delete(id);
        return { deleted: true as const };
      }),

    'revisions.list': ({ documentId }) => guard(() => lib.revisions.list(documentId)),
    'revisions.get': ({ id }) => guard(() => lib.revisions.get(id)),
    'revisions.create': ({ documentId, label }) => guard(() => lib.revisions.createNamed(documentId, label)),
    'revisions.diff': ({ id, against }) => guard(() => lib.revisions.diff(id, against)),
    'revisions.restore': ({ id }) =>
      write(() => {
        const { documentId, undoRevisionId } = lib.revisions.restore(id);
        return { document: lib.documents.get(documentId), undoRevisionId };
      }),

    'search.query': (input) => guard(() => ({ results: lib.search.query(input) })),

    'trash.list': () => guard(() => lib.trash.list()),
    'trash.restore': ({ id }) => write(() => lib.trash.restore(id)),
    'trash.empty': ({ ids }) => write(() => lib.trash.empty(ids)),

    'library.status': () => guard(() => lib.status()),
    'library.lists': () => guard(() => lib.lists.all()),
    'library.setList': ({ list, values }) => guard(() => lib.lists.set(list, values)),
    'library.backupNow': () => lib.backups.backupNow(),
    'library.listBackups': () => lib.backups.list(),
    'library.restoreBackup': ({ file }) => lib.restoreBackup(file),
    'library.startAfresh': () => lib.startAfresh(),
    'library.exportLibrary': async () => {
      const file = await files().chooseExportFile(`Lectern library ${fileTimestamp(ctx.clock.now()).slice(0, 10)}${LIBRARY_FILE_EXTENSION}`);
      if (file === undefined) throw new AppError('CANCELLED', 'Export cancelled.');
      return guard(() =>
        exportLibrary(lib.db, file, {
          appVersion: ctx.appVersion,
          schemaVersion: lib.status().schemaVersion,
          now: ctx.clock.now(),
          auditCheckpoint: lib.auditHooks?.exportCheckpoint() ?? null,
        }),
      );
    },
    'library.inspectImport': async () => {
      const file = await files().chooseImportFile();
      if (file === undefined) throw new AppError('CANCELLED', 'Import cancelled.');
      const importId = randomUUID();
      const preview = guard(() => previewImport(lib.db, file, importId));
      pendingImports.set(importId, file);
      return preview;
    },
    'library.importLibrary': ({ importId, duplicates }) => {
      const file = pendingImports.get(importId);
      if (file === undefined) throw new AppError('NOT_FOUND', 'That import has expired. Choose the file again.');
      // Read and checked again: the file may have changed since it was inspected.
      const parsed = readLibraryFile(file);
      const report = write(() => importLibrary(lib.db, parsed, { lists: lib.lists, revisions: lib.revisions, clock: ctx.clock }, duplicates));
      pendingImports.delete(importId);
      // Issue 7 §6: the audit log says what an import brought in (and replaced).
      const { interactionIds, ...counts } = report;
      lib.auditHooks?.imported({ file, exportedAt: parsed.exportedAt, report: counts, interactionIds, exportCheckpoint: parsed.auditCheckpoint });
      return counts;
    },
  };
}
