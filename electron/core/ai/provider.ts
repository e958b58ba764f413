import OpenAI, { AzureOpenAI } from 'openai';
import type { AiProviderKind } from '../../contract';
import type { ResolvedAiConfig } from './settingsStore';
import { StreamCutError } from './aiErrors';

/** One request to a model, whatever the provider. */
export interface AiTextRequest {
  instructions: string;
  /** The conversation after the instructions: the teacher's request, and for a repair attempt the bad answer and the problems found. */
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
  /** Structured output: the answer must be JSON matching this schema. */
  schema?: { name: string; jsonSchema: Record<string, unknown> } | undefined;
}

export type StreamChunk =
  | { type: 'delta'; text: string }
  | { type: 'usage'; inputTokens: number | null; outputTokens: number | null }
  | { type: 'done'; finishReason: string | null };

export interface ProviderModerationResult {
  flagged: boolean;
  categories: Record<string, boolean>;
}

/** The same shape over OpenAI, Azure OpenAI and any OpenAI-compatible server. */
export interface AiProvider {
  readonly kind: AiProviderKind;
  readonly model: string;
  readonly baseUrl: string;
  readonly endpoint: 'responses' | 'chat.completions';
  readonly hasModeration: boolean;
  /** The exact JSON body `open` sends: the request preview shows this object. */
  buildBody(request: AiTextRequest): Record<string, unknown>;
  /** Sends the body; resolves once the server has answered with headers (HTTP errors reject here). */
  open(body: Record<string, unknown>, signal: AbortSignal): Promise<AsyncIterable<StreamChunk>>;
  /** null when the server cannot list its models. */
  listModels(signal: AbortSignal): Promise<string[] | null>;
  moderate(text: string, signal: AbortSignal): Promise<ProviderModerationResult[]>;
}

export interface ProviderDeps {
  /** Only tests pass this (for example to simulate being offline); the SDK's own fetch otherwise. */
  fetch?: typeof fetch | undefined;
  /** Safety net under our own timeouts, which are the ones that normally fire. */
  sdkTimeoutMs?: number;
}

/** Builds the provider for resolved settings: Responses API for OpenAI and Azure, chat completions otherwise. */
export function createProvider(config: ResolvedAiConfig, deps: ProviderDeps = {}): AiProvider {
  const common = {
    // Never let the SDK read OPENAI_* variables: a developer's real key must not go to a local server.
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: deps.sdkTimeoutMs ?? 10 * 60_000,
    logLevel: 'off' as const,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
  if (config.provider === 'azure' && config.azure) {
    const client = new AzureOpenAI({
      ...common,
      endpoint: config.azure.endpoint,
      deployment: config.azure.deployment,
      apiVersion: config.azure.apiVersion,
      apiKey: config.apiKey ?? '',
    });
    return new ResponsesProvider('azure', client, config.azure.deployment, config.azure.endpoint, false);
  }
  // Local servers usually want no key; the SDK insists on one, so send an obviously dummy value.
  const client = new OpenAI({ ...common, baseURL: config.baseUrl, apiKey: config.apiKey ?? 'no-key' });
  if (config.provider === 'openai') return new ResponsesProvider('openai', client, config.model, config.baseUrl, true);
  return new ChatProvider(client, config.model, config.baseUrl, config.structuredOutput);
}

abstract class BaseProvider {
  constructor(
    protected readonly client: OpenAI,
    readonly model: string,
    readonly baseUrl: string,
  ) {}

  async listModels(signal: AbortSignal): Promise<string[] | null> {
    try {
      const page = await this.client.models.list({ signal });
      return page.data.map((m) => m.id).sort();
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 405 || status === 501) return null;
      throw error;
    }
  }
}

class ResponsesProvider extends BaseProvider implements AiProvider {
  readonly endpoint = 'responses' as const;

  constructor(
    readonly kind: AiProviderKind,
    client: OpenAI,
    model: string,
    baseUrl: string,
    readonly hasModeration: boolean,
  ) {
    super(client, model, baseUrl);
  }

  buildBody(request: AiTextRequest): Record<string, unknown> {
    return {
      model: this.model,
      instructions: request.instructions,
      input: request.messages.map((m) => ({ role: m.role, content: m.content })),
      stream: true,
      // Lesson drafts and class context should not be kept on the provider's side.
      store: false,
      ...(request.schema
        ? { text: { format: { type: 'json_schema', name: request.schema.name, schema: request.schema.jsonSchema, strict: true } } }
        : {}),
    };
  }

  async open(body: Record<string, unknown>, signal: AbortSignal): Promise<AsyncIterable<StreamChunk>> {
    const stream = await this.client.responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsStreaming, { signal });
    return (async function* () {
      let finished = false;
      for await (const event of stream) {
        switch (event.type) {
          case 'response.output_text.delta':
          case 'response.refusal.delta':
            if (event.delta) yield { type: 'delta', text: event.delta };
            break;
          case 'response.completed':
          case 'response.incomplete': {
            const usage = event.response.usage;
            yield { type: 'usage', inputTokens: usage?.input_tokens ?? null, outputTokens: usage?.output_tokens ?? null };
            finished = true;
            yield { type: 'done', finishReason: event.type === 'response.incomplete' ? 'length' : 'stop' };
            break;
          }
          case 'response.failed':
            throw new StreamCutError(`response failed: ${event.response.error?.code ?? 'unknown'}`);
          default:
            break;
        }
      }
      if (!finished && !signal.aborted) throw new StreamCutError('the stream ended before response.completed');
    })();
  }

  async moderate(text: string, signal: AbortSignal): Promise<ProviderModerationResult[]> {
    const result = await this.client.moderations.create({ input: text, model: 'omni-moderation-latest' }, { signal });
    return result.results.map((r) => ({ flagged: r.flagged, categories: { ...r.categories } as unknown as Record<string, boolean> }));
  }
}

class ChatProvider extends BaseProvider implements AiProvider {
  readonly kind = 'compatible' as const;
  readonly endpoint = 'chat.completions' as const;
  readonly hasModeration = false;

  constructor(
    client: OpenAI,
    model: string,
    baseUrl: string,
    private readonly structuredOutput: 'json_schema' | 'json_object',
  ) {
    super(client, model, baseUrl);
  }

  buildBody(request: AiTextRequest): Record<string, unknown> {
    const schema = request.schema;
    let instructions = request.instructions;
    let responseFormat: Record<string, unknown> | undefined;
    if (schema && this.structuredOutput === 'json_schema') {
      responseFormat = { type: 'json_schema', json_schema: { name: schema.name, schema: schema.jsonSchema, strict: true } };
    } else if (schema) {
      // JSON mode guarantees JSON but not its shape: the schema goes in the prompt and zod checks the answer.
      responseFormat = { type: 'json_object' };
      instructions += `\n\nAnswer with one JSON object only, matching this JSON Schema:\n${JSON.stringify(schema.jsonSchema)}`;
    }
    return {
      model: this.model,
      messages: [{ role: 'system', content: instructions }, ...request.messages.map((m) => ({ role: m.role, content: m.content }))],
      stream: true,
      stream_options: { include_usage: true },
      ...(responseFormat ? { response_format: responseFormat } : {}),
    };
  }

  async open(body: Record<string, unknown>, signal: AbortSignal): Promise<AsyncIterable<StreamChunk>> {
    const stream = await this.client.chat.completions.create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming, { signal });
    return (async function* () {
      let finishReason: string | null = null;
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const text = choice?.delta?.content;
        if (text) yield { type: 'delta', text };
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) yield { type: 'usage', inputTokens: chunk.usage.prompt_tokens ?? null, outputTokens: chunk.usage.completion_tokens ?? null };
      }
      // The SDK ends quietly on [DONE] and on a body that simply stops; only a finish reason says it finished.
      if (finishReason === null && !signal.aborted) throw new StreamCutError('the stream ended without a finish reason');
      if (finishReason !== null) yield { type: 'done', finishReason };
    })();
  }

  async moderate(): Promise<ProviderModerationResult[]> {
    return [];
  }
}
