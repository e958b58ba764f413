import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../clock';
import { canonicalJson } from './canonicalJson';
import { lazyStatement } from './lazyStatement';

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

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash of a row: its predecessor's hash followed by the canonical JSON of everything else in it. */
export function rowHash(prevHash: string, row: Pick<AuditRow, 'seq' | 'at' | 'event' | 'subject_id' | 'details'>): string {
  return sha256(prevHash + canonicalJson({ seq: row.seq, at: row.at, event: row.event, subjectId: row.subject_id, details: JSON.parse(row.details) }));
}

export interface ChainCheck {
  ok: boolean;
  checkedRows: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/**
 * The append-only, hash-chained audit log. Appends run in an immediate transaction so two writers
 * cannot both chain onto the same predecessor.
 */
export class AuditLog {
  private readonly last: () => Statement<[], { seq: number; hash: string }>;
  private readonly insert: () => Statement<[AuditRow]>;
  private readonly all: () => Statement<[], AuditRow>;

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

  append(event: string, subjectId: string | null, details: Record<string, unknown>): AuditRow {
    return this.db
      .transaction(() => {
        const previous = this.last().get();
        const row = {
          seq: (previous?.seq ?? 0) + 1,
          at: this.clock.now(),
          event,
          subject_id: subjectId,
          details: canonicalJson(details),
          prev_hash: previous?.hash ?? GENESIS_HASH,
        };
        const full: AuditRow = { ...row, hash: rowHash(row.prev_hash, row) };
        this.insert().run(full);
        return full;
      })
      .immediate();
  }

  rows(): AuditRow[] {
    return this.all().all();
  }

  /** Walks the chain from the start; reports the first row whose link or own hash does not match. */
  verifyChain(): ChainCheck {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (const row of this.all().iterate()) {
      checked++;
      const broken = (reason: string): ChainCheck => ({ ok: false, checkedRows: checked, firstBrokenSeq: row.seq, reason });
      if (row.seq !== expectedSeq) return broken(`row ${expectedSeq} is missing`);
      if (row.prev_hash !== prev) return broken('it does not link to the row before it');
      let hash: string;
      try {
        hash = rowHash(prev, row);
      } catch {
        return broken('its details are not valid JSON');
      }
      if (hash !== row.hash) return broken('its contents were changed after it was written');
      prev = row.hash;
      expectedSeq++;
    }
    return { ok: true, checkedRows: checked, firstBrokenSeq: null, reason: null };
  }
}
