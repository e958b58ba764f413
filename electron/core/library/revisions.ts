import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Revision, RevisionKind, RevisionSummary, TipTapDoc } from '../../contract';
import { AppError } from '../errors';
import type { Clock } from '../clock';
import type { SaveHooks } from './documentStore';
import { diffText, type TextDiff } from './textDiff';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const THINNED_AT = 'revisions.thinnedAt';

export interface RevisionPolicy {
  /** A save takes an automatic revision when the document's newest one is at least this old. */
  autoIntervalMs: number;
  /** Thinning runs after a save at most this often. */
  thinIntervalMs: number;
}

export const DEFAULT_REVISION_POLICY: RevisionPolicy = { autoIntervalMs: 5 * MINUTE, thinIntervalMs: HOUR };

interface RevisionRow {
  id: string;
  document_id: string;
  created_at: number;
  kind: RevisionKind;
  label: string | null;
  title: string;
}

const toSummary = (row: RevisionRow): RevisionSummary => ({
  id: row.id,
  documentId: row.document_id,
  createdAt: row.created_at,
  kind: row.kind,
  label: row.label,
  title: row.title,
});

/**
 * Version history. An automatic revision holds the document as it was *before* the save that
 * took it, so the state a teacher opened a document in is always kept, whichever edits follow.
 * Named, before-restore and before-import revisions are never thinned.
 */
export class RevisionStore implements SaveHooks {
  private readonly lastRevisionAt: Statement<[string], { created_at: number; last: number | null }>;
  private readonly insertAuto: Statement;
  private readonly insertSnapshot: Statement;
  private readonly selectList: Statement<[string], RevisionRow>;
  private readonly selectOne: Statement<[string], RevisionRow & { content: string; plain_text: string }>;
  private readonly selectCurrentText: Statement<[string], { plain_text: string }>;
  private readonly applyRevision: Statement;
  private readonly selectThinnable: Statement<{ lower: number; upper: number }, { rowid: number; document_id: string; created_at: number }>;
  private readonly deleteByRowid: Statement<[number]>;
  private readonly readThinnedAt: Statement<[], { value: number }>;
  private readonly writeThinnedAt: Statement<[number]>;
  private readonly clearThinnedAt: Statement<[]>;
  private lastThinAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly policy: RevisionPolicy = DEFAULT_REVISION_POLICY,
  ) {
    this.lastRevisionAt = db.prepare(
      `SELECT d.created_at, (SELECT max(r.created_at) FROM revisions r WHERE r.document_id = d.id) AS last
       FROM documents d WHERE d.id = ? AND d.deleted_at IS NULL`,
    );
    // Copied inside SQLite, so a due revision costs no round trip of the content through JS;
    // skipped when the save changes nothing or the newest revision already holds this content.
    this.insertAuto = db.prepare(
      `INSERT INTO revisions (id, document_id, created_at, kind, label, title, content, plain_text)
       SELECT @revisionId, d.id, @now, 'auto', NULL, d.title, d.content, d.plain_text FROM documents d
       WHERE d.id = @documentId AND d.content IS NOT @newContent
         AND NOT EXISTS (
           SELECT 1 FROM revisions r WHERE r.document_id = d.id AND r.content = d.content
             AND r.created_at = (SELECT max(created_at) FROM revisions WHERE document_id = d.id))`,
    );
    this.insertSnapshot = db.prepare(
      `INSERT INTO revisions (id, document_id, created_at, kind, label, title, content, plain_text)
       SELECT @revisionId, d.id, @now, @kind, @label, d.title, d.content, d.plain_text FROM documents d
       WHERE d.id = @documentId AND d.deleted_at IS NULL`,
    );
    this.selectList = db.prepare(
      `SELECT r.id, r.document_id, r.created_at, r.kind, r.label, r.title FROM revisions r
       WHERE r.document_id = ? ORDER BY r.created_at DESC, r.rowid DESC`,
    );
    this.selectOne = db.prepare(
      `SELECT r.id, r.document_id, r.created_at, r.kind, r.label, r.title, r.content, r.plain_text
       FROM revisions r JOIN documents d ON d.id = r.document_id WHERE r.id = ? AND d.deleted_at IS NULL`,
    );
    this.selectCurrentText = db.prepare('SELECT plain_text FROM documents WHERE id = ? AND deleted_at IS NULL');
    // Content only: the title is the teacher's current name for the document.
    this.applyRevision = db.prepare(
      `UPDATE documents SET content = r.content, plain_text = r.plain_text, updated_at = @now
       FROM (SELECT content, plain_text FROM revisions WHERE id = @revisionId) AS r
       WHERE documents.id = @documentId AND documents.deleted_at IS NULL`,
    );
    this.selectThinnable = db.prepare(
      `SELECT rowid, document_id, created_at FROM revisions
       WHERE kind = 'auto' AND created_at > @lower AND created_at <= @upper
       ORDER BY document_id, created_at DESC, rowid DESC`,
    );
    this.deleteByRowid = db.prepare('DELETE FROM revisions WHERE rowid = ?');
    this.readThinnedAt = db.prepare(`SELECT value FROM library_state WHERE key = '${THINNED_AT}'`);
    this.writeThinnedAt = db.prepare(`INSERT OR REPLACE INTO library_state (key, value) VALUES ('${THINNED_AT}', ?)`);
    this.clearThinnedAt = db.prepare(`DELETE FROM library_state WHERE key = '${THINNED_AT}'`);
  }

  beforeSave(documentId: string, newContent: string, now: number): void {
    const row = this.lastRevisionAt.get(documentId);
    if (!row) return;
    if (now - (row.last ?? row.created_at) < this.policy.autoIntervalMs) return;
    this.insertAuto.run({ revisionId: randomUUID(), documentId, now, newContent });
  }

  afterSave(now: number): void {
    if (now - this.lastThinAt < this.policy.thinIntervalMs) return;
    this.lastThinAt = now;
    this.thin(now);
  }

  /** "Save version": the current state under a label. */
  createNamed(documentId: string, label: string): RevisionSummary {
    const id = this.snapshot(documentId, 'named', label.trim());
    return this.summary(id);
  }

  /** Records the current state of a live document; must run inside the caller's transaction when it guards a change. */
  snapshot(documentId: string, kind: RevisionKind, label: string | null = null, now = this.clock.now()): string {
    const revisionId = randomUUID();
    const result = this.insertSnapshot.run({ revisionId, documentId, now, kind, label });
    if (result.changes === 0) throw documentNotFound(documentId);
    return revisionId;
  }

  list(documentId: string): RevisionSummary[] {
    if (!this.selectCurrentText.get(documentId)) throw documentNotFound(documentId);
    return this.selectList.all(documentId).map(toSummary);
  }

  get(id: string): Revision {
    const row = this.selectOne.get(id);
    if (!row) throw revisionNotFound(id);
    return { ...toSummary(row), content: JSON.parse(row.content) as TipTapDoc, plainText: row.plain_text };
  }

  /** From the revision to the current text, or to the revision `against`. */
  diff(id: string, against?: string): TextDiff {
    const from = this.selectOne.get(id);
    if (!from) throw revisionNotFound(id);
    let to: string;
    if (against === undefined) {
      const current = this.selectCurrentText.get(from.document_id);
      if (!current) throw documentNotFound(from.document_id);
      to = current.plain_text;
    } else {
      const other = this.selectOne.get(against);
      if (!other) throw revisionNotFound(against);
      to = other.plain_text;
    }
    return diffText(from.plain_text, to);
  }

  /**
   * Makes a revision the document's content, after recording the current state as a
   * before-restore revision: restoring that one undoes the restore.
   */
  restore(id: string): { documentId: string; undoRevisionId: string } {
    return this.db.transaction(() => {
      const revision = this.selectOne.get(id);
      if (!revision) throw revisionNotFound(id);
      const now = this.clock.now();
      const undoRevisionId = this.snapshot(revision.document_id, 'before-restore', null, now);
      this.applyRevision.run({ revisionId: id, documentId: revision.document_id, now });
      return { documentId: revision.document_id, undoRevisionId };
    })();
  }

  /** Makes the next thinning look at all revisions again (after an import brought old ones in). */
  forgetThinning(): void {
    this.clearThinnedAt.run();
  }

  /**
   * Keeps every automatic revision from the last 24 hours, the newest per hour for the 7 days
   * before that, and the newest per day after that. Returns how many were deleted.
   */
  thin(now = this.clock.now()): number {
    // Only what may have changed zone since the last pass: everything older was thinned then.
    // The lower bound is a whole day earlier still, on a day boundary, so no bucket is cut in two.
    const last = this.readThinnedAt.get()?.value;
    const lower = last === undefined ? Number.NEGATIVE_INFINITY : Math.floor((last - 7 * DAY) / DAY) * DAY - DAY;
    const doomed: number[] = [];
    let document = '';
    const kept = new Set<number>();
    for (const row of this.selectThinnable.iterate({ lower, upper: now - DAY })) {
      if (row.document_id !== document) {
        document = row.document_id;
        kept.clear();
      }
      const age = now - row.created_at;
      // Hour buckets are negative and day buckets positive, so the two never collide.
      const bucket = age < 7 * DAY ? -Math.floor(row.created_at / HOUR) - 1 : Math.floor(row.created_at / DAY);
      if (kept.has(bucket)) doomed.push(row.rowid);
      else kept.add(bucket);
    }
    this.db.transaction(() => {
      for (const rowid of doomed) this.deleteByRowid.run(rowid);
      this.writeThinnedAt.run(now);
    })();
    return doomed.length;
  }

  private summary(id: string): RevisionSummary {
    const row = this.selectOne.get(id);
    if (!row) throw revisionNotFound(id);
    return toSummary(row);
  }
}

function documentNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No document with id ${id}. It may have been deleted or moved to the trash.`);
}

function revisionNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No version with id ${id}. It may have been removed by tidying of old versions.`);
}
