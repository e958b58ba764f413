import type { Database, Statement } from 'better-sqlite3';
import type {
  Interaction,
  InteractionStatus,
  InteractionSummary,
  ModerationSummary,
  RedactionSummary,
} from '../../contract';
import { AppError } from '../errors';
import { contentDigests } from './interactionDigest';
import { lazyStatement } from './lazyStatement';

export interface InteractionRow {
  id: string;
  document_id: string | null;
  action: string;
  provider: string;
  model: string;
  parameters: string;
  request: string;
  response: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  latency_ms: number | null;
  first_token_ms: number | null;
  status: InteractionStatus;
  error_code: string | null;
  error_message: string | null;
  moderation: string | null;
  redactions: string;
  created_at: number;
  finished_at: number | null;
  /** sha256 of each free-text column (migration 004), kept when the text is erased. */
  content_digests: string | null;
  /** When the text was erased because its document was deleted for good. */
  content_erased_at: number | null;
}

export interface NewInteraction {
  id: string;
  documentId: string | null;
  action: string;
  provider: string;
  model: string;
  parameters: Record<string, unknown>;
  request: Record<string, unknown>;
  redactions: RedactionSummary;
  createdAt: number;
}

export interface FinishedInteraction {
  status: Exclude<InteractionStatus, 'running'>;
  documentId: string | null;
  request: Record<string, unknown>;
  response: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  firstTokenMs: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  moderation: ModerationSummary | null;
  finishedAt: number;
}

const toSummary = (row: InteractionRow): InteractionSummary => ({
  id: row.id,
  documentId: row.document_id,
  action: row.action,
  provider: row.provider,
  model: row.model,
  status: row.status,
  createdAt: row.created_at,
  latencyMs: row.latency_ms,
  firstTokenMs: row.first_token_ms,
  errorCode: row.error_code,
  moderation: row.moderation ? (JSON.parse(row.moderation) as ModerationSummary) : null,
  redactions: JSON.parse(row.redactions) as RedactionSummary,
  contentErasedAt: row.content_erased_at,
});

/**
 * Every AI interaction: written as `running` before the request leaves (so a crash still leaves a
 * record) and completed once, when it ends. Requests are stored as sent, i.e. already redacted,
 * and parameters only in redacted form (the caller redacts them with the request's Redaction).
 * Every write also stores the sha256 of each free-text column, which the audit chain's row digest
 * stands on (interactionDigest.ts).
 */
export class InteractionStore {
  private readonly insert: () => Statement<[Record<string, unknown>]>;
  private readonly finishStmt: () => Statement<[Record<string, unknown>]>;
  private readonly byId: () => Statement<[string], InteractionRow>;
  private readonly byDocument: () => Statement<[string], InteractionRow>;
  private readonly everything: () => Statement<[], InteractionRow>;
  private readonly countAll: () => Statement<[], { n: number }>;

  constructor(db: Database) {
    this.insert = lazyStatement(
      db,
      `INSERT INTO ai_interactions (id, document_id, action, provider, model, parameters, request, status, redactions, created_at, content_digests)
       VALUES (@id, @documentId, @action, @provider, @model, @parameters, @request, 'running', @redactions, @createdAt, @contentDigests)`,
    );
    this.finishStmt = lazyStatement(
      db,
      `UPDATE ai_interactions SET status = @status, document_id = @documentId, request = @request, response = @response,
         input_tokens = @inputTokens, output_tokens = @outputTokens, latency_ms = @latencyMs, first_token_ms = @firstTokenMs,
         error_code = @errorCode, error_message = @errorMessage, moderation = @moderation, finished_at = @finishedAt,
         content_digests = @contentDigests
       WHERE id = @id AND status = 'running' AND content_erased_at IS NULL`,
    );
    this.byId = lazyStatement(db, 'SELECT * FROM ai_interactions WHERE id = ?');
    this.byDocument = lazyStatement(db, 'SELECT * FROM ai_interactions WHERE document_id = ? ORDER BY created_at DESC, rowid DESC');
    this.everything = lazyStatement(db, 'SELECT * FROM ai_interactions ORDER BY rowid');
    this.countAll = lazyStatement(db, 'SELECT count(*) AS n FROM ai_interactions');
  }

  create(row: NewInteraction): void {
    const parameters = JSON.stringify(row.parameters);
    const request = JSON.stringify(row.request);
    this.insert().run({
      ...row,
      parameters,
      request,
      redactions: JSON.stringify(row.redactions),
      contentDigests: JSON.stringify(contentDigests({ parameters, request, response: null, error_message: null })),
    });
  }

  /** Throws if the interaction is not running (or its text was erased while it ran: its document was purged). */
  finish(id: string, row: FinishedInteraction): void {
    const current = this.byId().get(id);
    const request = JSON.stringify(row.request);
    const result = this.finishStmt().run({
      ...row,
      id,
      request,
      moderation: row.moderation ? JSON.stringify(row.moderation) : null,
      contentDigests: JSON.stringify(
        contentDigests({ parameters: current?.parameters ?? '{}', request, response: row.response, error_message: row.errorMessage }),
      ),
    });
    if (result.changes !== 1) throw new Error(`interaction ${id} was not running`);
  }

  /** Every row, every column, in insertion order: what provenance.verify checks. */
  all(): IterableIterator<InteractionRow> {
    return this.everything().iterate();
  }

  count(): number {
    return this.countAll().get()!.n;
  }

  listForDocument(documentId: string): InteractionSummary[] {
    return this.byDocument().all(documentId).map(toSummary);
  }

  raw(id: string): InteractionRow | undefined {
    return this.byId().get(id);
  }

  get(id: string): Interaction {
    const row = this.byId().get(id);
    if (!row) throw new AppError('NOT_FOUND', `No AI interaction with id ${id}.`);
    return {
      ...toSummary(row),
      parameters: JSON.parse(row.parameters) as Record<string, unknown>,
      request: JSON.parse(row.request) as Record<string, unknown>,
      response: row.response,
      usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens },
      errorMessage: row.error_message,
    };
  }
}
