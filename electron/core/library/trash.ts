import type { Database, Statement } from 'better-sqlite3';
import type { DocumentSummary, TrashedDocument } from '../../contract';
import { AppError } from '../errors';
import type { Clock } from '../clock';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './documentRows';

/** Documents stay in the trash this long before they are deleted for good (each summary says when: purgeAt). */
export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Documents moved to the trash by `DocumentStore.delete`. Deleting for good removes the document
 * with its tags and revisions (foreign keys cascade) and queues its removal from the search index.
 */
export class TrashStore {
  /** Provenance (issue 7 §5): told after documents were deleted for good, to clear their erased AI text from the WAL. */
  onPurged: (() => void) | undefined;
  private readonly selectAll: Statement<[], SummaryRow>;
  private readonly selectOne: Statement<[string], SummaryRow>;
  private readonly untrash: Statement<[string]>;
  private readonly purgeOne: Statement<[string]>;
  private readonly purgeAll: Statement<[]>;
  private readonly purgeBefore: Statement<[number]>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.selectAll = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC, d.seq DESC`,
    );
    this.selectOne = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ? AND d.deleted_at IS NOT NULL`);
    this.untrash = db.prepare('UPDATE documents SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL');
    this.purgeOne = db.prepare('DELETE FROM documents WHERE id = ? AND deleted_at IS NOT NULL');
    this.purgeAll = db.prepare('DELETE FROM documents WHERE deleted_at IS NOT NULL');
    this.purgeBefore = db.prepare('DELETE FROM documents WHERE deleted_at IS NOT NULL AND deleted_at <= ?');
  }

  list(): TrashedDocument[] {
    return this.selectAll.all().map((row) => {
      const deletedAt = row.deleted_at as number;
      return { ...toSummary(row), deletedAt, purgeAt: deletedAt + TRASH_RETENTION_MS };
    });
  }

  restore(id: string): DocumentSummary {
    const row = this.selectOne.get(id);
    if (!row) throw notInTrash(id);
    this.untrash.run(id);
    return { ...toSummary(row), deletedAt: null };
  }

  /** Deletes for good every document in the trash, or the given ones (all must be in the trash). */
  empty(ids?: readonly string[]): { purged: number } {
    return this.securely(() => {
      const result = this.emptyNow(ids);
      if (result.purged > 0) this.onPurged?.();
      return result;
    });
  }

  private emptyNow(ids?: readonly string[]): { purged: number } {
    if (!ids) return { purged: this.purgeAll.run().changes };
    return this.db.transaction(() => {
      let purged = 0;
      for (const id of new Set(ids)) {
        const changes = this.purgeOne.run(id).changes;
        if (changes === 0) throw notInTrash(id);
        purged += changes;
      }
      return { purged };
    })();
  }

  /** Deletes for good what has been in the trash for the retention period. */
  purgeExpired(now = this.clock.now()): number {
    return this.securely(() => {
      const purged = this.purgeBefore.run(now - TRASH_RETENTION_MS).changes;
      if (purged > 0) this.onPurged?.();
      return purged;
    });
  }

  /**
   * Deleting for good overwrites what it deletes with zeros (SQLite's secure_delete), so neither a
   * purged lesson's text nor its AI interactions' erased text (issue 7 §5) lingers in free pages.
   * Only while purging: on for every write, it zeroes each autosave's replaced pages and made a
   * 100 KB autosave's storage step ~3× slower.
   */
  private securely<T>(purge: () => T): T {
    const before = this.db.pragma('secure_delete', { simple: true }) as number;
    if (before === 1) return purge();
    this.db.pragma('secure_delete = ON');
    try {
      return purge();
    } finally {
      this.db.pragma(`secure_delete = ${before}`);
    }
  }
}

function notInTrash(id: string): AppError {
  return new AppError('NOT_FOUND', `No document with id ${id} is in the trash.`);
}
