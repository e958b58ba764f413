import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Sqlite, { type Database, type Statement } from 'better-sqlite3';
import type { ImportReport, VerifyResult } from '../../contract';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { isWriteRefused } from '../db/openDatabase';
import type { SecretStore } from '../secrets';
import { AuditLog, EMPTY_HEAD, type AuditHead, type AuditRow } from './auditLog';
import { AuditCheckpoint, BACKUP_CHECKPOINT_DIR, backupCheckpointPath, type CheckpointFile } from './checkpoint';
import { contentDigests, interactionDigest } from './interactionDigest';
import { InteractionStore, type FinishedInteraction, type InteractionRow, type NewInteraction } from './interactionStore';
import { lazyStatement } from './lazyStatement';
import { AUDIT_EVENTS, verifyProvenance } from './verify';

export interface ProvenanceDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  /** Holds the checkpoint key. Without one (the CLI) the checkpoint is neither read nor written. */
  secrets: SecretStore | undefined;
  /** Where the checkpoint file lives (beside the library) and where backups are (backups/). */
  dataDir: string;
  readonly?: boolean;
}

interface Counts {
  documents: number;
  trashed: number;
  interactions: number;
}

/** What the log looked like just before a restore replaced it (Library.restoreBackup). */
export interface ReplaceSnapshot {
  head: AuditHead;
  checkpoint: VerifyResult['checkpoint']['status'];
  counts: Counts;
}

/** A restore from a backup, or a fresh start (an empty library in place of a damaged one). */
export interface RestoredBackup {
  kind: 'restore' | 'fresh-start';
  /** The backup's file name (null for a fresh start). */
  file: string | null;
  /** The backup file's path, to find the checkpoint made with it. */
  path: string | null;
  backupCreatedAt: number | null;
  /** Where the replaced library was kept (replaced-….sqlite), or null. */
  keptAs: string | null;
}

/**
 * What the library tells provenance, so the audit log says what a restore or an import replaced
 * and backups carry a checkpoint. Library, BackupService and the import handler call these.
 */
export interface LibraryAuditHooks {
  beforeReplace(): ReplaceSnapshot | undefined;
  afterReplace(before: ReplaceSnapshot | undefined, restored: RestoredBackup): void;
  backupWritten(path: string): void;
  imported(what: { file: string; exportedAt: number; report: ImportReport; interactionIds?: readonly string[]; exportCheckpoint?: unknown }): void;
  /** What a library export's header carries of the audit log (null without a key). */
  exportCheckpoint(): ExportCheckpoint | null;
  purged(): void;
}

/** What an export carries of the audit log: its length and head when the file was made, signed. */
export interface ExportCheckpoint {
  entries: number;
  head: string;
  mac: string;
}

const sameHead = (a: AuditHead | undefined, b: AuditHead | undefined) => !!a && !!b && a.seq === b.seq && a.hash === b.hash;

/**
 * Provenance: the interactions, the hash-chained audit log and its keyed checkpoint, kept in
 * step. Every append moves the checkpoint (an HMAC over the new head, in a file outside the
 * database) when the log it extends is the one the checkpoint vouched for; a log changed behind
 * Lectern's back is therefore never re-signed silently: at the next open Lectern writes an entry
 * saying what it found, and Verify reports it from then on.
 */
export class Provenance implements LibraryAuditHooks {
  readonly audit: AuditLog;
  readonly interactions: InteractionStore;
  readonly checkpoint: AuditCheckpoint;
  /** Settles once the checkpoint key is loaded and the checkpoint compared with the log. */
  readonly ready: Promise<void>;
  /** The head the checkpoint file vouches for, as far as this process knows. */
  private signed: AuditHead | undefined;
  /** The head when this process opened the library, before any append of its own. */
  private readonly baseline: AuditHead;
  private readonly: boolean;
  private readonly hashAt: () => Statement<[number], { hash: string }>;
  private readonly documentById: () => Statement<[string], { one: number }>;
  private readonly countsStmt: () => Statement<[], Counts>;

  constructor(private readonly deps: ProvenanceDeps) {
    const { db } = deps;
    this.audit = new AuditLog(db, deps.clock);
    this.interactions = new InteractionStore(db);
    this.checkpoint = new AuditCheckpoint(deps.dataDir, deps.secrets, deps.log, deps.clock);
    this.hashAt = lazyStatement(db, 'SELECT hash FROM audit_log WHERE seq = ?');
    this.documentById = lazyStatement(db, 'SELECT 1 AS one FROM documents WHERE id = ?');
    this.countsStmt = lazyStatement(
      db,
      `SELECT (SELECT count(*) FROM documents WHERE deleted_at IS NULL) AS documents,
              (SELECT count(*) FROM documents WHERE deleted_at IS NOT NULL) AS trashed,
              (SELECT count(*) FROM ai_interactions) AS interactions`,
    );
    this.baseline = this.readHead() ?? EMPTY_HEAD;
    this.readonly = (deps.readonly ?? false) || isWriteRefused(db);
    if (!this.readonly) {
      this.audit.onAppended = (previous, row) => this.appended(previous, row);
      this.atOpen(() => {
        this.upgradeChain();
        // A purge at start-up (the library's 30-day trash) ran before this hook was in place.
        this.purged();
      });
    }
    this.ready = this.open().catch((error: unknown) => {
      this.deps.log.error('audit checkpoint not checked at open', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  /** Work at open must not stop a damaged library from opening: the banner and Verify say what is wrong. */
  private atOpen(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.deps.log.error('provenance upkeep at open failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private readHead(): AuditHead | undefined {
    try {
      return this.audit.head();
    } catch (error) {
      // A damaged library still opens (read-only banner); Verify will say what it can.
      this.deps.log.warn('audit log unreadable', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  // ---- recording -------------------------------------------------------------------------------

  /** The interaction row and the entry vouching for it, in one transaction. */
  recordStart(row: NewInteraction, details: Record<string, unknown>): void {
    this.deps.db.transaction(() => {
      this.interactions.create(row);
      this.audit.append(AUDIT_EVENTS.started, row.id, { ...details, rowSha256: this.digestOf(row.id) });
    })();
  }

  recordFinish(id: string, row: FinishedInteraction, details: Record<string, unknown>): void {
    this.deps.db.transaction(() => {
      this.interactions.finish(id, row);
      this.audit.append(AUDIT_EVENTS.finished, id, { ...details, rowSha256: this.digestOf(id) });
    })();
  }

  private digestOf(id: string): string {
    return interactionDigest(this.interactions.raw(id) as unknown as Record<string, unknown>);
  }

  /**
   * Rows written before migration 004 get their content digests, and one entry vouches for every
   * one of them as it is now. Before this entry, the chain held only the hashes of their request
   * and answer; from it on, every column.
   */
  upgradeChain(): void {
    const { db } = this.deps;
    const pending = db.prepare("SELECT value FROM provenance_state WHERE key = 'chain_upgrade_pending'").get();
    if (!pending) return;
    db.transaction(() => {
      const setDigests = db.prepare('UPDATE ai_interactions SET content_digests = ? WHERE id = ?');
      const interactions: Record<string, string> = {};
      const rows = [...this.interactions.all()];
      for (const row of rows) {
        if (row.content_digests === null) {
          row.content_digests = JSON.stringify(contentDigests(row));
          setDigests.run(row.content_digests, row.id);
        }
        interactions[row.id] = interactionDigest(row as unknown as Record<string, unknown>);
      }
      const head = this.audit.head();
      this.audit.append(AUDIT_EVENTS.chainUpgraded, null, { scheme: 2, entriesBefore: head.seq, headBefore: head.hash, interactions });
      db.prepare("DELETE FROM provenance_state WHERE key = 'chain_upgrade_pending'").run();
    })();
  }

  // ---- the checkpoint --------------------------------------------------------------------------

  private async open(): Promise<void> {
    await this.checkpoint.loadKey(!this.readonly);
    if (!this.deps.db.open) {
      // Closed meanwhile (a short-lived core, a test). A key made now would have no checkpoint to
      // go with it, which the next open would take for a deleted checkpoint: forget it instead.
      if (this.checkpoint.keyCreated) await this.checkpoint.forgetKey();
      return;
    }
    if (this.readonly || this.checkpoint.keyState !== 'ready') return;
    const file = this.checkpoint.read();
    const head = this.audit.head();
    const previous = file.state === 'valid' || file.state === 'bad-mac' ? { seq: file.seq, hash: file.hash } : null;
    const log = { seq: this.baseline.seq, hash: this.baseline.hash };
    this.signed = head;
    if (this.checkpoint.keyCreated) {
      // Trust on first use: the checkpoint starts here. An existing log (an upgraded library, or a
      // key the secret store no longer has) gets an entry saying from where the checkpoint covers it.
      // What this process appended while the key loaded is its own: a new library needs no entry.
      if (this.baseline.seq === 0 && file.state === 'absent') this.checkpoint.write(head);
      else this.audit.append(AUDIT_EVENTS.checkpointStarted, null, { reason: file.state === 'absent' ? 'first-use' : 'key-unavailable', checkpoint: previous, log });
      return;
    }
    if (file.state === 'valid' && sameHead(file, this.baseline)) {
      if (!sameHead(head, this.baseline)) this.checkpoint.write(head);
      return;
    }
    if (file.state === 'valid') {
      const backup = this.backupSignedAt(this.baseline);
      if (backup) {
        // Put back outside core (the start-up recovery, or by hand) from a backup whose checkpoint matches.
        this.audit.append(AUDIT_EVENTS.restored, null, {
          file: backup,
          detectedAtOpen: true,
          replaced: { entries: file.seq, hash: file.hash },
          restored: { entries: this.baseline.seq, hash: this.baseline.hash, backupCheckpoint: 'match' },
        });
        return;
      }
    }
    const event = file.state === 'absent' ? AUDIT_EVENTS.checkpointMissing : file.state === 'valid' ? AUDIT_EVENTS.checkpointMismatch : AUDIT_EVENTS.checkpointInvalid;
    this.deps.log.warn('audit log does not match its checkpoint', { checkpoint: file.state });
    this.audit.append(event, null, { checkpoint: previous, log });
  }

  private appended(previous: AuditHead, row: AuditRow): void {
    if (this.checkpoint.keyState !== 'ready' || !this.signed) return;
    if (!sameHead(previous, this.signed)) {
      this.deps.log.warn('audit log changed outside Lectern; checkpoint left where it was', { seq: row.seq });
      return;
    }
    if (this.hashAt().get(row.seq)?.hash !== row.hash) return; // rolled back with its transaction
    this.signed = row;
    const head = this.audit.head();
    // A later append of the same transaction is reported next and writes the file then.
    if (sameHead(head, row)) this.writeCheckpoint(row);
  }

  private writeCheckpoint(head: AuditHead): void {
    try {
      this.checkpoint.write(head);
    } catch (error) {
      this.deps.log.error('audit checkpoint could not be written', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** A backup (its file name) whose own checkpoint vouches for exactly this head. */
  private backupSignedAt(head: AuditHead): string | undefined {
    const dir = join(this.deps.dataDir, BACKUP_CHECKPOINT_DIR);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return undefined;
    }
    for (const name of names) {
      if (!name.endsWith('.sqlite.json')) continue;
      const cp = this.checkpoint.read(join(dir, name));
      if (cp.state === 'valid' && sameHead(cp, head)) return name.slice(0, -'.json'.length);
    }
    return undefined;
  }

  checkpointStatus(): VerifyResult['checkpoint'] {
    const head = this.audit.head();
    if (this.checkpoint.keyState !== 'ready') return { status: 'unavailable', seq: null, logSeq: head.seq };
    const file: CheckpointFile = this.checkpoint.read();
    switch (file.state) {
      case 'absent':
        return { status: 'missing', seq: null, logSeq: head.seq };
      case 'unreadable':
        return { status: 'invalid', seq: null, logSeq: head.seq };
      case 'bad-mac':
        return { status: 'invalid', seq: file.seq, logSeq: head.seq };
      case 'valid':
        return { status: sameHead(file, head) ? 'match' : 'mismatch', seq: file.seq, logSeq: head.seq };
    }
  }

  async verify(): Promise<VerifyResult> {
    await this.ready;
    return verifyProvenance({
      // Read whole: the checks run other statements on this connection while walking the rows.
      auditRows: this.audit.rows(),
      interactions: [...this.interactions.all()],
      documentExists: (id) => this.documentById().get(id) !== undefined,
      checkpoint: this.checkpointStatus(),
    });
  }

  // ---- what the library tells us ---------------------------------------------------------------

  private counts(): Counts {
    return this.countsStmt().get()!;
  }

  beforeReplace(): ReplaceSnapshot | undefined {
    try {
      return { head: this.audit.head(), checkpoint: this.checkpointStatus().status, counts: this.counts() };
    } catch (error) {
      // The library being replaced may be damaged: the restore must still go ahead.
      this.deps.log.warn('could not read the library being replaced', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  afterReplace(before: ReplaceSnapshot | undefined, restored: RestoredBackup): void {
    try {
      const head = this.audit.head();
      const sidecar = this.checkpoint.keyState === 'ready' && restored.file ? this.checkpoint.read(backupCheckpointPath(this.deps.dataDir, restored.file)) : undefined;
      const backupCheckpoint = !sidecar
        ? null
        : sidecar.state === 'absent'
          ? 'absent'
          : sidecar.state === 'valid'
            ? sameHead(sidecar, head)
              ? 'match'
              : 'mismatch'
            : 'invalid';
      const counts = this.counts();
      // Lectern put this log in place itself: the checkpoint follows it, and the entry says what it replaced.
      this.signed = head;
      this.upgradeChain();
      this.audit.append(AUDIT_EVENTS.restored, null, {
        kind: restored.kind,
        file: restored.file,
        backupCreatedAt: restored.backupCreatedAt,
        keptAs: restored.keptAs === null ? null : basename(restored.keptAs),
        replaced: before ? { entries: before.head.seq, hash: before.head.hash, checkpoint: before.checkpoint, ...before.counts } : null,
        restored: { entries: head.seq, hash: head.hash, backupCheckpoint, ...counts },
      });
    } catch (error) {
      // The library has been replaced already; Verify will report the checkpoint it could not explain.
      this.deps.log.error('restore not recorded in the audit log', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Writes the backup's own checkpoint, when the live log it copied is the one the checkpoint vouches for. */
  backupWritten(path: string): void {
    if (this.checkpoint.keyState !== 'ready' || !this.signed) return;
    try {
      const copy = new Sqlite(path, { readonly: true, fileMustExist: true });
      let head: AuditHead;
      try {
        head = (copy.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditHead | undefined) ?? EMPTY_HEAD;
      } finally {
        copy.close();
      }
      const live = this.audit.head();
      const inLiveLog = head.seq === 0 || this.hashAt().get(head.seq)?.hash === head.hash;
      if (sameHead(live, this.signed) && inLiveLog) this.checkpoint.write(head, backupCheckpointPath(this.deps.dataDir, basename(path)));
      else this.deps.log.warn('backup made without a checkpoint: the live audit log does not match its own', { file: basename(path) });
      this.removeOrphanCheckpoints(dirname(path));
    } catch (error) {
      this.deps.log.error('backup checkpoint could not be written', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Pruning deletes old backups; their checkpoints go with them here. */
  private removeOrphanCheckpoints(backupsDir: string): void {
    const dir = join(this.deps.dataDir, BACKUP_CHECKPOINT_DIR);
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.sqlite.json') && !existsSync(join(backupsDir, name.slice(0, -'.json'.length)))) rmSync(join(dir, name), { force: true });
    }
  }

  /**
   * For a library export's header (portable.ts): how far the audit log went when the file was
   * made, signed with this library's key. Null when there is no key (the CLI): the file then
   * carries none, and an import says so.
   */
  exportCheckpoint(): ExportCheckpoint | null {
    if (this.checkpoint.keyState !== 'ready') return null;
    const head = this.audit.head();
    return { entries: head.seq, head: head.hash, mac: this.checkpoint.exportMac(head)! };
  }

  /** An import's view of the file's checkpoint: made by this library's key, by another's (or altered), or none. */
  checkExportCheckpoint(value: unknown): 'this-library' | 'other' | 'absent' {
    const v = value as Partial<ExportCheckpoint> | null | undefined;
    if (!v || typeof v !== 'object') return 'absent';
    const ok =
      Number.isSafeInteger(v.entries) &&
      typeof v.head === 'string' &&
      typeof v.mac === 'string' &&
      this.checkpoint.keyState === 'ready' &&
      this.checkpoint.checkExportMac({ seq: v.entries!, hash: v.head }, v.mac);
    return ok ? 'this-library' : 'other';
  }

  /**
   * An import adds documents and, from files that carry them, AI interactions: the entry vouches
   * for the interactions it brought (by id, as they are stored now). `report.interactionIds` (or
   * `interactionIds`) names them; any other row that appears is still one the log knows nothing of.
   */
  imported(what: {
    file: string;
    exportedAt: number;
    report: ImportReport & { interactionIds?: readonly string[] };
    interactionIds?: readonly string[];
    /** The file header's `auditCheckpoint` (exportCheckpoint() of the library that wrote it), if any. */
    exportCheckpoint?: unknown;
  }): void {
    const { report } = what;
    const ids = what.interactionIds ?? report.interactionIds ?? [];
    this.deps.db.transaction(() => {
      const setDigests = this.deps.db.prepare('UPDATE ai_interactions SET content_digests = ? WHERE id = ? AND content_digests IS NULL');
      const interactions: Record<string, string> = {};
      for (const id of ids) {
        const row = this.interactions.raw(id);
        if (!row) continue;
        // A file from before migration 004 carries no digests: they are made from the text as imported.
        if (row.content_digests === null) setDigests.run(JSON.stringify(contentDigests(row)), id);
        interactions[id] = this.digestOf(id);
      }
      this.audit.append(AUDIT_EVENTS.imported, null, {
        file: basename(what.file),
        exportedAt: what.exportedAt,
        documents: report.imported + report.copies + report.replaced,
        imported: report.imported,
        copies: report.copies,
        skipped: report.skipped,
        replaced: report.replaced,
        revisions: report.revisions,
        interactions,
        fileCheckpoint: this.checkExportCheckpoint(what.exportCheckpoint),
        fileEntries: typeof (what.exportCheckpoint as ExportCheckpoint | undefined)?.entries === 'number' ? (what.exportCheckpoint as ExportCheckpoint).entries : null,
      });
    })();
  }

  /**
   * After documents were deleted for good (the trigger of migration 004 has erased their
   * interactions' text): with secure_delete the main file holds zeros where the text was; the WAL
   * still holds earlier page images, so it is checkpointed and truncated now.
   */
  purged(): void {
    if (this.deps.db.inTransaction) {
      queueMicrotask(() => this.purged());
      return;
    }
    const [result] = this.deps.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (result && result.busy !== 0) this.deps.log.warn('WAL not truncated after a purge: a reader has it open; it is truncated at a later checkpoint');
  }
}

export type { InteractionRow };
