import { z } from 'zod';
import { method } from '../method';
import { ListValueSchema, TimestampSchema } from './documents';

export const BackupInfoSchema = z.object({
  /** The backup's file name in the backups folder; pass it to `library.restoreBackup`. */
  file: z.string(),
  createdAt: TimestampSchema,
  bytes: z.number().int().nonnegative(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const LibraryListsSchema = z.object({
  subjects: z.array(z.string()),
  keyStages: z.array(z.string()),
  yearGroups: z.array(z.string()),
  /** Tags and folders in use by documents not in the trash, A to Z. */
  tags: z.array(z.string()),
  folders: z.array(z.string()),
});
export type LibraryLists = z.infer<typeof LibraryListsSchema>;

export const EDITABLE_LISTS = ['subjects', 'keyStages', 'yearGroups'] as const;

export const LibraryStatusSchema = z.object({
  schemaVersion: z.number().int(),
  /** Null when the library is too damaged to count. */
  documents: z.number().int().nonnegative().nullable(),
  trashed: z.number().int().nonnegative().nullable(),
  /**
   * checking: the start-up integrity check is still running in the background. damaged: the
   * library needs a backup restored (see `damage`).
   */
  integrity: z.enum(['checking', 'ok', 'damaged']),
  /** Set when damage was found; `keptAs` is where the damaged file was moved (null while it is still in use). */
  damage: z
    .object({ message: z.string(), detectedAt: TimestampSchema, keptAs: z.string().nullable() })
    .nullable(),
  /**
   * True once damage was found in the open library: every change is refused (STORAGE_READ_ONLY)
   * until a backup is restored (`restoreBackup`) or the library starts afresh (`startAfresh`).
   */
  readOnly: z.boolean(),
  /** Backups newest first: offer `backups[0]` when the library is damaged. */
  backups: z.array(BackupInfoSchema),
});
export type LibraryStatus = z.infer<typeof LibraryStatusSchema>;

export const ImportPreviewSchema = z.object({
  /** Pass to `library.importLibrary`. Valid until the app closes. */
  importId: z.string(),
  file: z.string(),
  exportedAt: TimestampSchema,
  documents: z.number().int().nonnegative(),
  revisions: z.number().int().nonnegative(),
  /** Documents already in this library (same id, or same content under another id). */
  duplicates: z.array(z.object({ id: z.string(), title: z.string(), reason: z.enum(['same-id', 'same-content']) })),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportReportSchema = z.object({
  imported: z.number().int().nonnegative(),
  /** Duplicates imported as new documents titled "… (imported copy)". */
  copies: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** Same-id documents replaced (only with duplicates: 'replace'); each kept a before-import revision. */
  replaced: z.number().int().nonnegative(),
  revisions: z.number().int().nonnegative(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const libraryContract = {
  status: method('Counts, integrity, damage and backups of the library.', z.object({}).strict(), LibraryStatusSchema),
  lists: method(
    'The choices for subject, key stage and year group, and the tags and folders in use.',
    z.object({}).strict(),
    LibraryListsSchema,
  ),
  setList: method(
    'Replace the choices of one editable list (order as given). Documents keep their values.',
    z
      .object({
        list: z.enum(EDITABLE_LISTS),
        values: z.array(ListValueSchema).min(1).max(200),
      })
      .strict(),
    LibraryListsSchema,
  ),
  backupNow: method('Back up the library now into the backups folder.', z.object({}).strict(), BackupInfoSchema),
  listBackups: method('Backups in the backups folder, newest first.', z.object({}).strict(), z.array(BackupInfoSchema)),
  restoreBackup: method(
    'Replace the library with a backup. The library it replaces is kept beside it, never deleted.',
    z.object({ file: z.string().min(1).max(200) }).strict(),
    z.object({ restored: BackupInfoSchema, previousKeptAs: z.string().nullable() }),
  ),
  startAfresh: method(
    'Replace the library with an empty one. The library it replaces is kept beside it, never deleted.',
    z.object({}).strict(),
    z.object({ previousKeptAs: z.string() }),
  ),
  exportLibrary: method(
    'Write the whole library (documents, history, metadata) to one file the teacher chooses. CANCELLED when they cancel.',
    z.object({}).strict(),
    z.object({ file: z.string(), documents: z.number().int(), revisions: z.number().int(), bytes: z.number().int() }),
  ),
  inspectImport: method(
    'Ask for a library file, check it completely and describe it, changing nothing. CANCELLED when the teacher cancels.',
    z.object({}).strict(),
    ImportPreviewSchema,
  ),
  importLibrary: method(
    'Import a file checked by inspectImport. Duplicates become copies unless `duplicates` says skip or replace; nothing is overwritten silently.',
    z.object({ importId: z.string().min(1).max(100), duplicates: z.enum(['copy', 'skip', 'replace']).default('copy') }).strict(),
    ImportReportSchema,
  ),
};
