import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import type {
  AiActionInfo,
  AiEvent,
  AiSettingsPatch,
  AiSettingsView,
  AiStatus,
  AiStartInput,
  ErrorCode,
  ErrorInfo,
  Interaction,
  InteractionSummary,
  ModerationSummary,
  RequestPreview,
  TestConnectionResult,
  TipTapNode,
  VerifyResult,
} from '../../contract';
import { AiStartInputSchema, KEY_STAGES } from '../../contract';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { EventHub } from '../events';
import type { DocumentStore } from '../library/documentStore';
import type { Logger } from '../log';
import { sha256, type AuditLog } from '../provenance/auditLog';
import type { InteractionStore } from '../provenance/interactionStore';
import type { Provenance } from '../provenance/provenance';
import type { SecretStore } from '../secrets';
import { KEY_STAGE_LABELS } from '../templates/headings';
import { ACTIONS, actionInfo, findAction } from './actions';
import { BASE_SYSTEM, delimited, fillTemplate, type AiActionDefinition } from './actions/defineAction';
import { CancelAbort, TimeoutAbort, toAiError } from './aiErrors';
import { JobRegistry } from './jobRegistry';
import { localModeration, StreamingModerator } from './moderation/localModeration';
import { providerFindings, summarise } from './moderation/moderate';
import { extractJson, PartialJsonScanner } from './partialJson';
import { createProvider, type AiProvider, type AiTextRequest } from './provider';
import { Redaction, type StreamRestorer } from './redact';
import { documentText } from './redaction/documentText';
import { DEFAULT_RETRY_POLICY, decideRetry, realSleep, type RetryPolicy, type Sleep } from './retry';
import { AiSettingsStore, type AiEnv, type ResolvedAiConfig } from './settingsStore';
import { aiInk, doc, paragraph, text, PLAIN_INK, type Ink } from './tiptap/build';
import { markdownToTipTap } from './tiptap/markdownToTipTap';

/** Seams for tests and the bench; production uses the defaults. */
export interface AiEngineOptions {
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** From sending the request to the first token (covers a server that accepts and then says nothing). */
  firstTokenTimeoutMs?: number;
  /** Longest silence allowed between two tokens once the answer has started. */
  idleTimeoutMs?: number;
  /** Least time between two `ai.preview` events of one job. */
  previewIntervalMs?: number;
  connectionTestTimeoutMs?: number;
  moderationTimeoutMs?: number;
  fetch?: typeof fetch;
  /** Monotonic milliseconds for latency figures. */
  monotonic?: () => number;
}

export interface AiServiceDeps {
  db: Database;
  secrets: SecretStore;
  env: AiEnv;
  clock: Clock;
  log: Logger;
  events: EventHub;
  documents: DocumentStore;
  /** The interaction record, audit log and keyed checkpoint (provenance/provenance.ts). */
  provenance: Provenance;
  options?: AiEngineOptions | undefined;
}

interface Prepared {
  action: AiActionDefinition;
  params: Record<string, unknown>;
  /** The parameters as provenance stores them: every string through the request's Redaction. */
  storedParams: Record<string, unknown>;
  /** Taken before the parameters were redacted for storage, so it counts what the request holds. */
  redactions: RequestPreview['redactions'];
  config: ResolvedAiConfig;
  provider: AiProvider;
  redaction: Redaction;
  request: AiTextRequest;
  body: Record<string, unknown>;
  providerModeration: boolean;
  documentId: string | null;
}

/** Raised from inside a stream when Lectern's own check finds severe content: the stream stops there. */
class ModerationBlock extends AppError {
  constructor(readonly summary: ModerationSummary) {
    super('AI_BLOCKED', blockedMessage(summary));
  }
}

function blockedMessage(summary: ModerationSummary): string {
  return `The AI answer was not added because it may contain: ${summary.categories.join(', ').replace(/-/g, ' ')}.`;
}

const TRANSIENT_CODES: readonly ErrorCode[] = ['AI_OFFLINE', 'AI_AUTH', 'AI_FORBIDDEN', 'AI_MODEL_NOT_FOUND'];
const schemaCache = new WeakMap<object, Record<string, unknown>>();

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let cached = schemaCache.get(schema);
  if (!cached) {
    cached = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
    delete cached.$schema;
    schemaCache.set(schema, cached);
  }
  return cached;
}

function deepMapStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => deepMapStrings(v, map));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMapStrings(v, map)]));
  }
  return value;
}

/**
 * The AI engine: settings, requests (redacted before they leave), streaming jobs with retries,
 * timeouts and cancellation, structured output with one repair attempt, moderation, and the
 * record of every interaction.
 */
export class AiService {
  readonly settings: AiSettingsStore;
  readonly interactions: InteractionStore;
  readonly audit: AuditLog;
  readonly jobs: JobRegistry;
  private readonly options: Required<Omit<AiEngineOptions, 'fetch' | 'retry'>> & { retry: RetryPolicy; fetch: typeof fetch | undefined };
  private lastFailure: ErrorInfo | null = null;
  private providerCache: { key: string; provider: AiProvider } | undefined;

  constructor(private readonly deps: AiServiceDeps) {
    this.settings = new AiSettingsStore(deps.db, deps.secrets, deps.env);
    this.interactions = deps.provenance.interactions;
    this.audit = deps.provenance.audit;
    this.jobs = new JobRegistry(() => deps.clock.now());
    const o = deps.options ?? {};
    this.options = {
      sleep: o.sleep ?? realSleep,
      random: o.random ?? Math.random,
      retry: { ...DEFAULT_RETRY_POLICY, ...o.retry },
      firstTokenTimeoutMs: o.firstTokenTimeoutMs ?? 90_000,
      idleTimeoutMs: o.idleTimeoutMs ?? 60_000,
      previewIntervalMs: o.previewIntervalMs ?? 100,
      connectionTestTimeoutMs: o.connectionTestTimeoutMs ?? 15_000,
      moderationTimeoutMs: o.moderationTimeoutMs ?? 15_000,
      fetch: o.fetch,
      monotonic: o.monotonic ?? (() => performance.now()),
    };
  }

  // ---- settings and status -------------------------------------------------------------------

  getSettings(): Promise<AiSettingsView> {
    return this.settings.view();
  }

  async updateSettings(patch: AiSettingsPatch & { apiKey?: string | null | undefined }): Promise<AiSettingsView> {
    const { changed } = await this.settings.update(patch);
    if (changed.length > 0) this.audit.append('ai.settings.changed', null, { fields: changed });
    this.providerCache = undefined;
    this.lastFailure = null;
    return this.settings.view();
  }

  async status(probe: boolean): Promise<AiStatus> {
    const resolved = await this.settings.resolve();
    if (!resolved.ok) {
      return { available: false, reason: 'not-configured', message: resolved.message, provider: null, model: null, errorCode: null };
    }
    const { provider, model } = resolved.config;
    if (probe) {
      const result = await this.testConnection({});
      this.lastFailure = result.ok ? null : { code: result.code as ErrorCode, message: result.message };
    }
    const failure = this.lastFailure;
    if (failure && TRANSIENT_CODES.includes(failure.code)) {
      return {
        available: false,
        reason: failure.code === 'AI_OFFLINE' ? 'offline' : 'error',
        message: failure.message,
        provider,
        model,
        errorCode: failure.code,
      };
    }
    return { available: true, reason: 'ready', message: 'AI is ready.', provider, model, errorCode: null };
  }

  async testConnection(input: { settings?: AiSettingsPatch | undefined; apiKey?: string | undefined }): Promise<TestConnectionResult> {
    const resolved = await this.settings.resolve(input.settings, input.apiKey);
    if (!resolved.ok) return { ok: false, code: resolved.code, message: resolved.message, latencyMs: 0 };
    const config = resolved.config;
    const provider = createProvider(config, { fetch: this.options.fetch });
    const t0 = this.options.monotonic();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutAbort('first-token')), this.options.connectionTestTimeoutMs);
    try {
      let models = await provider.listModels(controller.signal);
      if (models === null) {
        // The server cannot list models: a one-word request proves the key and model instead.
        const stream = await provider.open(provider.buildBody({ instructions: 'Reply with the word OK.', messages: [{ role: 'user', content: 'OK?' }] }), controller.signal);
        for await (const _chunk of stream) {
          // Drained only to see the request succeed.
        }
        models = null;
      }
      const latencyMs = Math.round(this.options.monotonic() - t0);
      const modelAvailable = models ? models.includes(config.model) : null;
      const message =
        modelAvailable === false
          ? `Connected in ${latencyMs} ms, but the model “${config.model}” is not on this server.`
          : models
            ? `Connected in ${latencyMs} ms. ${models.length} models available.`
            : `Connected in ${latencyMs} ms.`;
      return { ok: true, latencyMs, modelCount: models ? models.length : null, models: models ?? [], modelAvailable, message };
    } catch (error) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      const mapped = toAiError(reason, { model: config.model, baseUrl: config.baseUrl });
      this.deps.log.warn('AI connection test failed', { provider: config.provider, code: mapped.code });
      return { ok: false, code: mapped.code, message: mapped.message, latencyMs: Math.round(this.options.monotonic() - t0) };
    } finally {
      clearTimeout(timer);
    }
  }

  async listModels(input: { settings?: AiSettingsPatch | undefined; apiKey?: string | undefined }): Promise<{ models: string[] }> {
    const resolved = await this.settings.resolve(input.settings, input.apiKey);
    if (!resolved.ok) throw new AppError(resolved.code, resolved.message);
    const provider = createProvider(resolved.config, { fetch: this.options.fetch });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutAbort('first-token')), this.options.connectionTestTimeoutMs);
    try {
      return { models: (await provider.listModels(controller.signal)) ?? [] };
    } catch (error) {
      throw toAiError(controller.signal.aborted ? controller.signal.reason : error, { model: resolved.config.model, baseUrl: resolved.config.baseUrl });
    } finally {
      clearTimeout(timer);
    }
  }

  actions(): AiActionInfo[] {
    return ACTIONS.map(actionInfo);
  }

  // ---- requests ------------------------------------------------------------------------------

  private providerFor(config: ResolvedAiConfig): AiProvider {
    const key = JSON.stringify(config);
    if (this.providerCache?.key !== key) this.providerCache = { key, provider: createProvider(config, { fetch: this.options.fetch }) };
    return this.providerCache.provider;
  }

  private async prepare(raw: AiStartInput): Promise<Prepared> {
    const input = AiStartInputSchema.parse(raw);
    const action = findAction(input.action);
    if (!action) throw new AppError('VALIDATION', `There is no AI action called “${input.action}”.`);
    const parsedParams = action.params.safeParse(input.params);
    if (!parsedParams.success) throw new AppError('VALIDATION', `Invalid options for ${action.id}: ${z.prettifyError(parsedParams.error)}`);
    const params = parsedParams.data as Record<string, unknown>;
    const resolved = await this.settings.resolve();
    if (!resolved.ok) throw new AppError(resolved.code, resolved.code === 'AI_NOT_CONFIGURED' ? `AI is not set up: ${resolved.message}` : resolved.message);

    let source: string | undefined;
    // Tables as rows (" | " between cells), so redaction sees a register's name, DOB and UPN together.
    if (input.documentId && action.source === 'document') source = documentText(this.deps.documents.get(input.documentId).content);
    if (action.source === 'document' && !source && !params.topic && !params.task) {
      throw new AppError('VALIDATION', 'Choose a lesson to base this on, or give a topic.');
    }
    const selection = input.selection?.text;
    if (action.source === 'selection' && !selection?.trim()) throw new AppError('VALIDATION', 'Select some text first.');

    const vars: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(params)) vars[k] = v === undefined || v === null ? undefined : Array.isArray(v) ? v.join(', ') : String(v);
    const keyStage = params.keyStage as string | undefined;
    vars.keyStageLabel = keyStage && (KEY_STAGES as readonly string[]).includes(keyStage) ? KEY_STAGE_LABELS[keyStage as (typeof KEY_STAGES)[number]] : undefined;
    vars.source = delimited(source);
    vars.selection = delimited(selection);

    const settings = resolved.settings;
    const redaction = new Redaction({ options: settings.redaction, classList: settings.classList });
    const request: AiTextRequest = {
      instructions: redaction.redact(`${BASE_SYSTEM}\n\n${action.prompt.system}`),
      messages: [{ role: 'user', content: redaction.redact(fillTemplate(action.prompt.user, vars)) }],
      schema: action.structured ? { name: action.structured.name, jsonSchema: jsonSchemaOf(action.structured.schema as z.ZodType) } : undefined,
    };
    const provider = this.providerFor(resolved.config);
    // Class notes, a topic or an instruction may name a pupil: only their redacted form is kept,
    // with the same placeholders as the request (issue 7, §5).
    const redactions = redaction.summary();
    const storedParams = deepMapStrings(params, (s) => redaction.redact(s)) as Record<string, unknown>;
    return {
      action,
      params,
      storedParams,
      redactions,
      config: resolved.config,
      provider,
      redaction,
      request,
      body: provider.buildBody(request),
      providerModeration: resolved.config.providerModeration,
      documentId: input.documentId ?? null,
    };
  }

  async previewRequest(input: AiStartInput): Promise<RequestPreview> {
    const p = await this.prepare(input);
    return {
      provider: p.config.provider,
      model: p.provider.model,
      endpoint: p.provider.endpoint,
      baseUrl: p.provider.baseUrl,
      body: p.body,
      redactions: p.redactions,
    };
  }

  async start(input: AiStartInput): Promise<{ jobId: string; interactionId: string }> {
    const prepared = await this.prepare(input);
    const interactionId = randomUUID();
    const request = { endpoint: prepared.provider.endpoint, body: prepared.body };
    this.deps.provenance.recordStart(
      {
        id: interactionId,
        documentId: prepared.documentId,
        action: prepared.action.id,
        provider: prepared.config.provider,
        model: prepared.provider.model,
        parameters: prepared.storedParams,
        request,
        redactions: prepared.redactions,
        createdAt: this.deps.clock.now(),
      },
      {
        action: prepared.action.id,
        provider: prepared.config.provider,
        model: prepared.provider.model,
        documentId: prepared.documentId,
        requestSha256: sha256(JSON.stringify(request)),
      },
    );
    const { jobId } = this.jobs.start(
      { kind: 'ai', action: prepared.action.id, interactionId, documentId: prepared.documentId },
      (signal, id) => new AiJob(this, this.deps, this.options, prepared, id, interactionId, request, signal).run(),
    );
    return { jobId, interactionId };
  }

  /** Called by a job when it ends, so `ai.status` can say AI is offline without probing. */
  noteOutcome(error: ErrorInfo | null): void {
    this.lastFailure = error && TRANSIENT_CODES.includes(error.code) ? error : null;
  }

  // ---- provenance ----------------------------------------------------------------------------

  listInteractions(documentId: string): InteractionSummary[] {
    return this.interactions.listForDocument(documentId);
  }

  getInteraction(id: string): Interaction {
    return this.interactions.get(id);
  }

  verify(): Promise<VerifyResult> {
    return this.deps.provenance.verify();
  }
}

/** One running AI job: streams, restores, previews, moderates, records. */
class AiJob {
  private attempt = 1;
  private deltaIndex = 0;
  private raw = '';
  private restored = '';
  private firstTokenMs: number | null = null;
  private inputTokens: number | null = null;
  private outputTokens: number | null = null;
  private scanner = new PartialJsonScanner();
  private restorer: StreamRestorer;
  private readonly moderator = new StreamingModerator();
  private lastPreviewAt = -Infinity;
  private previewNodes: string[] = [];
  private readonly t0: number;
  private readonly ink: Ink;
  private request: Record<string, unknown>;

  constructor(
    private readonly service: AiService,
    private readonly deps: AiServiceDeps,
    private readonly options: {
      sleep: Sleep;
      random: () => number;
      retry: RetryPolicy;
      firstTokenTimeoutMs: number;
      idleTimeoutMs: number;
      previewIntervalMs: number;
      moderationTimeoutMs: number;
      monotonic: () => number;
    },
    private readonly p: Prepared,
    private readonly jobId: string,
    private readonly interactionId: string,
    request: { endpoint: string; body: Record<string, unknown> },
    private readonly signal: AbortSignal,
  ) {
    this.t0 = options.monotonic();
    this.restorer = p.redaction.restorer();
    this.ink = aiInk(interactionId);
    this.request = request;
  }

  private emit(event: AiEvent): void {
    this.deps.events.emit(event);
  }

  private base() {
    return { jobId: this.jobId, interactionId: this.interactionId };
  }

  async run(): Promise<void> {
    const { action } = this.p;
    this.emit({ type: 'ai.started', ...this.base(), action: action.id, documentId: this.p.documentId, output: action.output });
    try {
      await this.streamAttempt(this.p.body);
      let nodes: TipTapNode[];
      let title: string | undefined;
      if (action.structured) {
        let checked = this.validate();
        if (!checked.ok) {
          // One repair attempt: the model sees its own answer and what was wrong with it.
          this.attempt = 2;
          this.emit({ type: 'ai.progress', ...this.base(), stage: 'repairing', attempt: 2 });
          const repairRequest: AiTextRequest = {
            ...this.p.request,
            messages: [
              ...this.p.request.messages,
              { role: 'assistant', content: this.raw },
              {
                role: 'user',
                content: this.p.redaction.redact(
                  `That answer cannot be used: ${checked.problems}\nReply again with the complete, corrected JSON object only, matching the schema exactly.`,
                ),
              },
            ],
          };
          const repairBody = this.p.provider.buildBody(repairRequest);
          this.request = { ...this.request, repairBody };
          this.resetStreamState();
          await this.streamAttempt(repairBody);
          checked = this.validate();
          if (!checked.ok) {
            throw new AppError('AI_BAD_OUTPUT', 'The AI gave an answer Lectern could not use, even after asking it to correct it. Try again.');
          }
        }
        const value = deepMapStrings(checked.value, (s) => this.p.redaction.restore(s));
        nodes = action.structured.toTipTap(value as never, this.ink);
        title = action.structured.title(value as never);
      } else {
        nodes = markdownToTipTap(this.restored, this.ink);
        title = action.title?.(this.p.params as never);
      }
      this.emit({ type: 'ai.progress', ...this.base(), stage: 'moderating', attempt: this.attempt });
      const moderation = await this.moderate();
      if (moderation.level === 'severe') throw new ModerationBlock(moderation);
      if (moderation.level === 'guidance') this.emit({ type: 'ai.moderation', ...this.base(), level: 'guidance', categories: moderation.categories });
      this.complete('completed', nodes, title, moderation);
    } catch (error) {
      this.end(error);
    }
  }

  private end(error: unknown): void {
    try {
      if (this.signal.aborted && this.signal.reason instanceof CancelAbort) {
        this.cancelled();
        return;
      }
      const mapped = error instanceof AppError ? error : toAiError(error, { model: this.p.provider.model, baseUrl: this.p.provider.baseUrl });
      const blocked = error instanceof ModerationBlock;
      if (!(error instanceof AppError)) {
        this.deps.log.warn('AI job failed', { action: this.p.action.id, code: mapped.code, error: error instanceof Error ? error.name : 'unknown' });
      }
      const moderation = blocked ? (error as ModerationBlock).summary : null;
      if (blocked) this.emit({ type: 'ai.moderation', ...this.base(), level: 'severe', categories: moderation!.categories });
      this.record(blocked ? 'blocked' : 'failed', null, moderation, mapped.toInfo());
      this.service.noteOutcome(mapped.toInfo());
      this.emit({ type: 'ai.failed', ...this.base(), status: blocked ? 'blocked' : 'failed', error: mapped.toInfo(), moderation });
    } catch (recordError) {
      // Recording failed too (for example a full disk): the teacher still hears that the job ended.
      this.deps.log.error('AI job could not be recorded', { error: recordError instanceof Error ? recordError.message : String(recordError) });
      const info = (recordError instanceof AppError ? recordError : new AppError('INTERNAL', 'The AI answer could not be saved.')).toInfo();
      this.emit({ type: 'ai.failed', ...this.base(), status: 'failed', error: info, moderation: null });
    }
  }

  private cancelled(): void {
    const rest = this.restorer.flush();
    this.restored += rest;
    const findings = localModeration(this.restored);
    const moderation = summarise(findings, ['local']);
    if (moderation.level === 'severe') {
      const info = new ModerationBlock(moderation).toInfo();
      this.emit({ type: 'ai.moderation', ...this.base(), level: 'severe', categories: moderation.categories });
      this.record('blocked', null, moderation, info);
      this.emit({ type: 'ai.failed', ...this.base(), status: 'blocked', error: info, moderation });
      return;
    }
    let nodes: TipTapNode[];
    let title: string | undefined;
    const structured = this.p.action.structured;
    if (structured) {
      const partial = this.scanner.snapshot();
      const value = partial === undefined ? {} : deepMapStrings(partial, (s) => this.p.redaction.restore(s));
      nodes = structured.toTipTap(value as never, this.ink);
      title = structured.title(value as never);
    } else {
      nodes = markdownToTipTap(this.restored, this.ink);
      title = this.p.action.title?.(this.p.params as never);
    }
    this.complete('cancelled', nodes, title, moderation);
  }

  private complete(status: 'completed' | 'cancelled', nodes: TipTapNode[], title: string | undefined, moderation: ModerationSummary): void {
    const partial = status === 'cancelled';
    let documentId: string | null = null;
    let content = nodes;
    if (partial && nodes.length > 0) {
      // Lectern's own note, not the AI's: it carries no aiOrigin mark.
      content = [paragraph(text('Incomplete: the AI was stopped before it finished.', PLAIN_INK, [{ type: 'italic' }])), ...nodes];
    }
    if (this.p.action.kind === 'generate-document' && nodes.length > 0) {
      this.emit({ type: 'ai.progress', ...this.base(), stage: 'saving', attempt: this.attempt });
      const created = this.deps.documents.create({ title: title?.slice(0, 200), kind: this.p.action.documentKind ?? 'note', content: doc(content) });
      documentId = created.id;
      this.service.audit.append('ai.document.created', created.id, { interactionId: this.interactionId, partial });
    }
    this.record(status, documentId, moderation, null);
    this.service.noteOutcome(null);
    this.emit({
      type: 'ai.completed',
      ...this.base(),
      status,
      partial,
      text: this.restored,
      content: doc(content),
      documentId,
      moderation,
    });
  }

  private record(status: 'completed' | 'cancelled' | 'failed' | 'blocked', documentId: string | null, moderation: ModerationSummary | null, error: ErrorInfo | null): void {
    const now = this.options.monotonic();
    const finalDocumentId = documentId ?? this.p.documentId;
    const response = this.raw.length > 0 || status === 'completed' ? this.raw : null;
    const details = {
      status,
      documentId: finalDocumentId,
      requestSha256: sha256(JSON.stringify(this.request)),
      responseSha256: response === null ? null : sha256(response),
      errorCode: error?.code ?? null,
      moderation: moderation?.level ?? null,
    };
    this.deps.provenance.recordFinish(this.interactionId, {
      status,
      documentId: finalDocumentId,
      request: this.request,
      response,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      latencyMs: Math.round((now - this.t0) * 10) / 10,
      firstTokenMs: this.firstTokenMs,
      errorCode: error?.code ?? null,
      errorMessage: error?.message ?? null,
      moderation,
      finishedAt: this.deps.clock.now(),
    }, details);
    this.deps.log.info('AI job ended', {
      action: this.p.action.id,
      status,
      provider: this.p.config.provider,
      latencyMs: Math.round(now - this.t0),
      ...(error ? { code: error.code } : {}),
    });
  }

  private resetStreamState(): void {
    this.raw = '';
    this.restored = '';
    this.scanner = new PartialJsonScanner();
    this.restorer = this.p.redaction.restorer();
    this.previewNodes = [];
    this.lastPreviewAt = -Infinity;
  }

  private validate(): { ok: true; value: unknown } | { ok: false; problems: string } {
    const schema = this.p.action.structured!.schema as z.ZodType;
    let json: unknown;
    try {
      json = JSON.parse(extractJson(this.raw));
    } catch (error) {
      return { ok: false, problems: `it is not valid JSON (${(error as Error).message}).` };
    }
    const result = schema.safeParse(json);
    if (result.success) return { ok: true, value: result.data };
    return { ok: false, problems: `it does not match the schema:\n${z.prettifyError(result.error).slice(0, 2000)}` };
  }

  /** One streamed request, with retries on 429/5xx before the first token and our own timeouts. */
  private async streamAttempt(body: Record<string, unknown>): Promise<void> {
    const policy = this.options.retry;
    for (let tryNo = 1; ; tryNo++) {
      const attemptController = new AbortController();
      const onJobAbort = () => attemptController.abort(this.signal.reason);
      if (this.signal.aborted) throw this.signal.reason;
      this.signal.addEventListener('abort', onJobAbort, { once: true });
      let timer = setTimeout(() => attemptController.abort(new TimeoutAbort('first-token')), this.options.firstTokenTimeoutMs);
      let received = false;
      try {
        this.emit({ type: 'ai.progress', ...this.base(), stage: 'sending', attempt: this.attempt });
        const stream = await this.p.provider.open(body, attemptController.signal);
        for await (const chunk of stream) {
          if (chunk.type === 'delta') {
            if (!received) {
              received = true;
              if (this.firstTokenMs === null) this.firstTokenMs = Math.round((this.options.monotonic() - this.t0) * 10) / 10;
              this.emit({ type: 'ai.progress', ...this.base(), stage: 'streaming', attempt: this.attempt });
            }
            clearTimeout(timer);
            timer = setTimeout(() => attemptController.abort(new TimeoutAbort('idle')), this.options.idleTimeoutMs);
            this.onDelta(chunk.text);
          } else if (chunk.type === 'usage') {
            this.inputTokens = (this.inputTokens ?? 0) + (chunk.inputTokens ?? 0);
            this.outputTokens = (this.outputTokens ?? 0) + (chunk.outputTokens ?? 0);
          } else if (chunk.type === 'done' && chunk.finishReason === 'content_filter') {
            throw new AppError('AI_BLOCKED', "The AI service's own content filter stopped this answer.");
          }
        }
        if (attemptController.signal.aborted) throw attemptController.signal.reason;
        this.flushRestorer();
        this.maybePreview(true);
        return;
      } catch (error) {
        if (attemptController.signal.aborted) throw attemptController.signal.reason;
        if (error instanceof AppError) throw error;
        const decision = received ? { retry: false, delayMs: 0, retryAfterSeconds: undefined } : decideRetry(error, tryNo, policy, this.deps.clock.now(), this.options.random);
        if (!decision.retry) {
          throw toAiError(error, { model: this.p.provider.model, baseUrl: this.p.provider.baseUrl, retryAfterSeconds: decision.retryAfterSeconds });
        }
        const reason = toAiError(error, { model: this.p.provider.model, baseUrl: this.p.provider.baseUrl }).code;
        this.emit({ type: 'ai.progress', ...this.base(), stage: 'retrying', attempt: this.attempt, retryInMs: decision.delayMs, reason });
        await this.options.sleep(decision.delayMs, this.signal);
      } finally {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', onJobAbort);
      }
    }
  }

  private onDelta(rawDelta: string): void {
    this.raw += rawDelta;
    if (this.p.action.structured) this.scanner.push(rawDelta);
    this.deliver(this.restorer.push(rawDelta));
    this.maybePreview(false);
  }

  private flushRestorer(): void {
    this.deliver(this.restorer.flush());
  }

  private deliver(restoredDelta: string): void {
    if (!restoredDelta) return;
    this.restored += restoredDelta;
    const severe = this.moderator.push(restoredDelta);
    if (severe.length > 0) throw new ModerationBlock(summarise(severe, ['local']));
    this.emit({ type: 'ai.delta', ...this.base(), attempt: this.attempt, index: this.deltaIndex++, text: restoredDelta });
  }

  /** Sends the changed tail of the rendered answer, at most every previewIntervalMs. */
  private maybePreview(force: boolean): void {
    const now = this.options.monotonic();
    if (!force && now - this.lastPreviewAt < this.options.previewIntervalMs) return;
    this.lastPreviewAt = now;
    let nodes: TipTapNode[];
    const structured = this.p.action.structured;
    if (structured) {
      const partial = this.scanner.snapshot();
      if (partial === undefined) return;
      nodes = structured.toTipTap(deepMapStrings(partial, (s) => this.p.redaction.restore(s)) as never, this.ink);
    } else {
      nodes = markdownToTipTap(this.restored, this.ink);
    }
    const serialised = nodes.map((n) => JSON.stringify(n));
    let from = 0;
    while (from < serialised.length && from < this.previewNodes.length && serialised[from] === this.previewNodes[from]) from++;
    if (from === serialised.length && from === this.previewNodes.length) return;
    this.previewNodes = serialised;
    this.emit({ type: 'ai.preview', ...this.base(), attempt: this.attempt, replaceFrom: from, nodes: nodes.slice(from) });
  }

  private async moderate(): Promise<ModerationSummary> {
    const findings = [...localModeration(this.restored)];
    const checkedBy: ModerationSummary['checkedBy'] = ['local'];
    if (this.p.providerModeration && this.p.provider.hasModeration) {
      const controller = new AbortController();
      const onAbort = () => controller.abort(this.signal.reason);
      this.signal.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => controller.abort(new TimeoutAbort('first-token')), this.options.moderationTimeoutMs);
      try {
        // The provider sees the redacted answer, never the restored one.
        findings.push(...providerFindings(await this.p.provider.moderate(this.raw, controller.signal)));
        checkedBy.unshift('provider');
      } catch (error) {
        if (this.signal.aborted) throw this.signal.reason;
        // The local check has run; the provider's is extra. Record that it did not happen.
        this.deps.log.warn('provider moderation unavailable; local check only', {
          code: toAiError(error, { model: this.p.provider.model, baseUrl: this.p.provider.baseUrl }).code,
        });
      } finally {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', onAbort);
      }
    }
    return summarise(findings, checkedBy);
  }
}
