import type { Database, Statement } from 'better-sqlite3';
import type {
  Interaction,
  InteractionStatus,
  InteractionSummary,
  ModerationSummary,
  RedactionSummary,
} from '../../contract';
import { AppError } from '../errors';
import { lazyStatement } from './lazyStatement';

interface InteractionRow {
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
});

/**
 * Every AI interaction: written as `running` before the request leaves (so a crash still leaves a
 * record) and completed once, when it ends. Requests are stored as sent, i.e. already redacted.
 */
export class InteractionStore {
  private readonly insert: () => Statement<[Record<string, unknown>]>;
  private readonly finishStmt: () => Statement<[Record<string, unknown>]>;
  private readonly byId: () => Statement<[string], InteractionRow>;
  private readonly byDocument: () => Statement<[string], InteractionRow>;

  constructor(db: Database) {
    this.insert = lazyStatement(
      db,
      `INSERT INTO ai_interactions (id, document_id, action, provider, model, parameters, request, status, redactions, created_at)
       VALUES (@id, @documentId, @action, @provider, @model, @parameters, @request, 'running', @redactions, @createdAt)`,
    );
    this.finishStmt = lazyStatement(
      db,
      `UPDATE ai_interactions SET status = @status, document_id = @documentId, request = @request, response = @response,
         input_tokens = @inputTokens, output_tokens = @outputTokens, latency_ms = @latencyMs, first_token_ms = @firstTokenMs,
         error_code = @errorCode, error_message = @errorMessage, moderation = @moderation, finished_at = @finishedAt
       WHERE id = @id AND status = 'running'`,
    );
    this.byId = lazyStatement(db, 'SELECT * FROM ai_interactions WHERE id = ?');
    this.byDocument = lazyStatement(db, 'SELECT * FROM ai_interactions WHERE document_id = ? ORDER BY created_at DESC, rowid DESC');
  }

  create(row: NewInteraction): void {
    this.insert().run({
      ...row,
      parameters: JSON.stringify(row.parameters),
      request: JSON.stringify(row.request),
      redactions: JSON.stringify(row.redactions),
    });
  }

  finish(id: string, row: FinishedInteraction): void {
    const result = this.finishStmt().run({
      ...row,
      id,
      request: JSON.stringify(row.request),
      moderation: row.moderation ? JSON.stringify(row.moderation) : null,
    });
    if (result.changes !== 1) throw new Error(`interaction ${id} was not running`);
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
