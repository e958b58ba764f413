import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../clock';
import { canonicalJson } from './canonicalJson';
import { sha256 } from './interactionDigest';
import { lazyStatement } from './lazyStatement';

export { sha256 };

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  seq: number;
  at: number;
  event: string;
  subject_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** The end of the chain: what the keyed checkpoint signs. An empty log's head is seq 0 and the genesis hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: AuditHead = { seq: 0, hash: GENESIS_HASH };

/**
 * The hash of a row: its predecessor's hash followed by the canonical JSON of everything else in
 * it. With `prev_hash` (checked as the link) and `hash` itself, that is every column of audit_log.
 */
export function rowHash(prevHash: string, row: Pick<AuditRow, 'seq' | 'at' | 'event' | 'subject_id' | 'details'>): string {
  return sha256(prevHash + canonicalJson({ seq: row.seq, at: row.at, event: row.event, subjectId: row.subject_id, details: JSON.parse(row.details) }));
}

/**
 * The append-only, hash-chained audit log. Appends run in an immediate transaction so two writers
 * cannot both chain onto the same predecessor. `onAppended` is told of every committed append
 * (the keyed checkpoint follows the head with it); an append made inside a caller's transaction is
 * reported once that transaction has ended, and the listener checks that the row is still the head.
 */
export class AuditLog {
  private readonly last: () => Statement<[], AuditHead>;
  private readonly insert: () => Statement<[AuditRow]>;
  private readonly all: () => Statement<[], AuditRow>;
  onAppended: ((previous: AuditHead, row: AuditRow) => void) | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.last = lazyStatement(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insert = lazyStatement(
      db,
      'INSERT INTO audit_log (seq, at, event, subject_id, details, prev_hash, hash) VALUES (@seq, @at, @event, @subject_id, @details, @prev_hash, @hash)',
    );
    this.all = lazyStatement(db, 'SELECT seq, at, event, subject_id, details, prev_hash, hash FROM audit_log ORDER BY seq');
  }

  head(): AuditHead {
    return this.last().get() ?? EMPTY_HEAD;
  }

  append(event: string, subjectId: string | null, details: Record<string, unknown>): AuditRow {
    const outer = this.db.inTransaction;
    let previous: AuditHead = EMPTY_HEAD;
    const full = this.db
      .transaction(() => {
        previous = this.head();
        const row = {
          seq: previous.seq + 1,
          at: this.clock.now(),
          event,
          subject_id: subjectId,
          details: canonicalJson(details),
          prev_hash: previous.hash,
        };
        const written: AuditRow = { ...row, hash: rowHash(row.prev_hash, row) };
        this.insert().run(written);
        return written;
      })
      .immediate();
    if (outer) this.reportLater(previous, full);
    else this.onAppended?.(previous, full);
    return full;
  }

  /** better-sqlite3 transactions are synchronous, so the caller's has ended by the next microtask. */
  private reportLater(previous: AuditHead, row: AuditRow): void {
    queueMicrotask(() => {
      if (this.db.open && this.db.inTransaction) setImmediate(() => this.reportLater(previous, row));
      else if (this.db.open) this.onAppended?.(previous, row);
    });
  }

  rows(): AuditRow[] {
    return this.all().all();
  }

  iterate(): IterableIterator<AuditRow> {
    return this.all().iterate();
  }
}
