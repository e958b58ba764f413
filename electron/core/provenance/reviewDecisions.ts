import { userInfo } from 'node:os';
import type { Database, Statement } from 'better-sqlite3';
import type { ReviewDecision, ReviewDecisionInput, ReviewSummary } from '../../contract/services/review';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { AuditLog } from './auditLog';
import { lazyStatement } from './lazyStatement';

export const REVIEW_AUDIT_EVENTS = {
  applied: 'review.suggestion.applied',
  decision: 'review.decision',
} as const;

/** The computer account's name, the reviewer's name until the teacher gives their own. */
export function accountName(): string {
  try {
    const name = userInfo().username.trim();
    return name.length > 0 ? name : 'Teacher';
  } catch {
    // Some containers have no passwd entry for the running user; the record still needs a name.
    return 'Teacher';
  }
}

interface DecisionRow {
  interaction_id: string;
  suggestion_id: string;
  change_id: string;
  document_id: string | null;
  decision: ReviewDecision['decision'];
  reviewer: string;
  at: number;
  audit_seq: number;
}

/**
 * Review decisions on record (issue 8, §4). Each decision is one row here and one entry of the
 * hash-chained audit log, written in one transaction, so the table and the chain never disagree;
 * the audit entry's details hold every column, so the chain alone proves who decided what, when.
 */
export class ReviewDecisions {
  private readonly insertSuggestion: () => Statement<[Record<string, unknown>]>;
  private readonly insertDecision: () => Statement<[Record<string, unknown>]>;
  private readonly byInteraction: () => Statement<[string], DecisionRow>;
  private readonly changesOf: () => Statement<[string], { changes: number | null }>;
  private readonly profile: () => Statement<[], { name: string }>;
  private readonly saveProfile: () => Statement<[string]>;
  private readonly clearProfile: () => Statement<[]>;
  private readonly interactionExists: () => Statement<[string], { one: number }>;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly defaultName: string = accountName(),
  ) {
    this.insertSuggestion = lazyStatement(
      db,
      'INSERT OR REPLACE INTO review_suggestions (suggestion_id, interaction_id, document_id, action, changes, applied_at, audit_seq) VALUES (@suggestionId, @interactionId, @documentId, @action, @changes, @at, @auditSeq)',
    );
    this.insertDecision = lazyStatement(
      db,
      'INSERT INTO review_decisions (interaction_id, suggestion_id, change_id, document_id, decision, reviewer, at, audit_seq) VALUES (@interactionId, @suggestionId, @changeId, @documentId, @decision, @reviewer, @at, @auditSeq)',
    );
    this.byInteraction = lazyStatement(db, 'SELECT interaction_id, suggestion_id, change_id, document_id, decision, reviewer, at, audit_seq FROM review_decisions WHERE interaction_id = ? ORDER BY id');
    this.changesOf = lazyStatement(db, 'SELECT SUM(changes) AS changes FROM review_suggestions WHERE interaction_id = ?');
    this.profile = lazyStatement(db, 'SELECT name FROM review_profile WHERE id = 1');
    this.saveProfile = lazyStatement(db, 'INSERT INTO review_profile (id, name) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name');
    this.clearProfile = lazyStatement(db, 'DELETE FROM review_profile WHERE id = 1');
    this.interactionExists = lazyStatement(db, 'SELECT 1 AS one FROM ai_interactions WHERE id = ?');
  }

  reviewer(): { name: string; isDefault: boolean } {
    const row = this.profile().get();
    return row ? { name: row.name, isDefault: false } : { name: this.defaultName, isDefault: true };
  }

  setReviewer(name: string | null): { name: string; isDefault: boolean } {
    if (name === null) this.clearProfile().run();
    else this.saveProfile().run(name.trim());
    return this.reviewer();
  }

  private requireInteraction(id: string): void {
    if (!this.interactionExists().get(id)) throw new AppError('NOT_FOUND', `No AI interaction ${id} is on record, so a review of it cannot be.`);
  }

  recordApplied(input: { documentId: string; interactionId: string; suggestionId: string; action: string; changes: number }): { auditSeq: number } {
    this.requireInteraction(input.interactionId);
    return this.db.transaction(() => {
      const at = this.clock.now();
      const entry = this.audit.append(REVIEW_AUDIT_EVENTS.applied, input.interactionId, { ...input, at });
      this.insertSuggestion().run({ ...input, at, auditSeq: entry.seq });
      return { auditSeq: entry.seq };
    })();
  }

  recordDecisions(documentId: string, decisions: readonly ReviewDecisionInput[]): { recorded: number; reviewer: string; at: number } {
    if (decisions.length === 0) throw new AppError('VALIDATION', 'There is no decision to record.');
    for (const d of decisions) this.requireInteraction(d.interactionId);
    const reviewer = this.reviewer().name;
    return this.db.transaction(() => {
      const at = this.clock.now();
      for (const d of decisions) {
        const row = { ...d, documentId, reviewer, at };
        const entry = this.audit.append(REVIEW_AUDIT_EVENTS.decision, d.interactionId, row);
        this.insertDecision().run({ ...row, auditSeq: entry.seq });
      }
      return { recorded: decisions.length, reviewer, at };
    })();
  }

  decisions(interactionId: string): ReviewDecision[] {
    return this.byInteraction()
      .all(interactionId)
      .map((r) => ({ interactionId: r.interaction_id, suggestionId: r.suggestion_id, changeId: r.change_id, documentId: r.document_id, decision: r.decision, reviewer: r.reviewer, at: r.at, auditSeq: r.audit_seq }));
  }

  /** Counts by each change's latest accept or reject (an undone accept followed by a reject counts once, as rejected). */
  summary(interactionId: string): ReviewSummary {
    const rows = this.decisions(interactionId);
    const latest = new Map<string, 'accepted' | 'rejected'>();
    const edited = new Set<string>();
    const sections = new Set<string>();
    const reviewers: string[] = [];
    for (const r of rows) {
      if (r.decision === 'accepted' || r.decision === 'rejected') latest.set(r.changeId, r.decision);
      else if (r.decision === 'edited') edited.add(r.changeId);
      else sections.add(r.changeId);
      if (!reviewers.includes(r.reviewer)) reviewers.push(r.reviewer);
    }
    const counts = [...latest.values()];
    const last = rows[rows.length - 1];
    return {
      interactionId,
      changes: this.changesOf().get(interactionId)?.changes ?? 0,
      accepted: counts.filter((d) => d === 'accepted').length,
      rejected: counts.filter((d) => d === 'rejected').length,
      edited: edited.size,
      sectionsReviewed: sections.size,
      lastReviewer: last?.reviewer ?? null,
      lastDecisionAt: last?.at ?? null,
      reviewers,
    };
  }
}
