/**
 * A fake OpenAI-compatible server for tests and the browser E2E suite. Loopback only.
 *
 * Speaks the real wire formats the openai SDK parses: GET /models, POST /chat/completions (SSE
 * `data:` chunks ending in `[DONE]`), POST /responses (named SSE events ending in
 * `response.completed`, no `[DONE]`), POST /moderations, and their non-streaming forms. Paths are
 * accepted under /v1 (OpenAI and compatible servers) and under /openai[/deployments/NAME] (Azure).
 *
 * Answers come from a queue scripted by the test (`enqueue`), or over HTTP (`POST /_fake/script`)
 * when started standalone; with an empty queue it answers with a valid sample for the structured
 * schema asked for, or a line of text. Every request body is recorded so tests can assert that
 * nothing private was sent.
 *
 * Standalone: `tsx test/fake-openai/server.ts --port 4010 [--token-interval-ms 5] [--api-key KEY]`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { SAMPLE_TEXT, sampleLessonPlan, sampleQuiz, sampleRubric } from './fixtures';

export type FakeAnswer =
  /** A normal answer, streamed in chunks of `chunkSize` characters (default 4, roughly a token). */
  | { kind: 'text'; text: string; chunkSize?: number; firstTokenDelayMs?: number; usage?: { input: number; output: number } }
  /** An HTTP error in the API's error format, e.g. 401, 403, 404, 429 with retryAfter, 500. */
  | { kind: 'error'; status: number; code?: string; message?: string; retryAfter?: string; headers?: Record<string, string> }
  /** Sends `afterChars` characters of `text`, then drops the connection. */
  | { kind: 'cut'; text: string; afterChars: number; chunkSize?: number }
  /** Sends some text, then ends the body cleanly without the final event. */
  | { kind: 'truncate'; text: string }
  /** An SSE event whose JSON cannot be parsed. */
  | { kind: 'malformed-sse' }
  /** Repeats every placeholder ([PUPIL_1], ...) found in the request, in tiny chunks so they arrive split. */
  | { kind: 'echo-placeholders'; prefix?: string; chunkSize?: number };

export interface ModerationScript {
  categories?: Partial<Record<ModerationCategoryName, boolean>>;
  /** Answer this moderation request with an HTTP error instead. */
  status?: number;
}

export const MODERATION_CATEGORY_NAMES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;
export type ModerationCategoryName = (typeof MODERATION_CATEGORY_NAMES)[number];

export interface RecordedRequest {
  method: string;
  /** Path without the /v1 or Azure prefix, e.g. /chat/completions. */
  route: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeServerOptions {
  port?: number;
  /** When set, requests without this key (Bearer or Azure api-key) get 401. */
  apiKey?: string | undefined;
  models?: string[];
  /** Time between streamed chunks, on a fixed schedule (no drift). 0 streams as fast as possible. */
  tokenIntervalMs?: number;
}

type Api = 'chat' | 'responses';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private answers: FakeAnswer[] = [];
  private moderation: ModerationScript[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private counter = 0;
  tokenIntervalMs: number;

  constructor(private readonly options: FakeServerOptions = {}) {
    this.tokenIntervalMs = options.tokenIntervalMs ?? 0;
  }

  /** Starts on 127.0.0.1 (a random port unless one was given); resolves to the /v1 base URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error), type: 'server_error', param: null, code: null } }));
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this.baseURL;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('fake OpenAI server is not running');
    return `http://127.0.0.1:${address.port}`;
  }

  get baseURL(): string {
    return `${this.url}/v1`;
  }

  enqueue(...answers: FakeAnswer[]): this {
    this.answers.push(...answers);
    return this;
  }

  enqueueModeration(...results: ModerationScript[]): this {
    this.moderation.push(...results);
    return this;
  }

  reset(): void {
    this.answers = [];
    this.moderation = [];
    this.requests.length = 0;
  }

  /** Bodies of generation requests (chat and responses), in order. */
  generationBodies(): string[] {
    return this.requests.filter((r) => r.route === '/chat/completions' || r.route === '/responses').map((r) => r.body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const route = url.pathname
      .replace(/^\/openai\/deployments\/[^/]+/, '')
      .replace(/^\/openai(?:\/v1)?/, '')
      .replace(/^\/v1/, '');

    if (route.startsWith('/_fake/')) return this.control(route, req.method ?? 'GET', body, res);
    this.requests.push({ method: req.method ?? 'GET', route, url: req.url ?? '', headers: { ...req.headers }, body });

    if (this.options.apiKey) {
      const bearer = req.headers.authorization === `Bearer ${this.options.apiKey}`;
      const azure = req.headers['api-key'] === this.options.apiKey;
      if (!bearer && !azure) return sendError(res, { kind: 'error', status: 401, code: 'invalid_api_key', message: 'Incorrect API key provided.' });
    }

    if (req.method === 'GET' && route === '/models') {
      const models = this.options.models ?? ['fake-model', 'fake-model-large'];
      return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'lectern-tests' })) });
    }
    if (req.method === 'POST' && route === '/moderations') return this.moderate(body, res);
    if (req.method === 'POST' && (route === '/chat/completions' || route === '/responses')) {
      const api: Api = route === '/responses' ? 'responses' : 'chat';
      const json = JSON.parse(body) as Record<string, unknown>;
      const answer = this.answers.shift() ?? defaultAnswer(json);
      return this.answer(api, json, body, answer, res);
    }
    sendJson(res, 404, { error: { message: `No route ${req.method} ${url.pathname}`, type: 'invalid_request_error', param: null, code: 'unknown_url' } });
  }

  private control(route: string, method: string, body: string, res: ServerResponse): void {
    if (route === '/_fake/script' && method === 'POST') {
      const script = JSON.parse(body || '{}') as { answers?: FakeAnswer[]; moderation?: ModerationScript[]; tokenIntervalMs?: number };
      this.enqueue(...(script.answers ?? []));
      this.enqueueModeration(...(script.moderation ?? []));
      if (typeof script.tokenIntervalMs === 'number') this.tokenIntervalMs = script.tokenIntervalMs;
      return sendJson(res, 200, { queued: this.answers.length });
    }
    if (route === '/_fake/requests') return sendJson(res, 200, { requests: this.requests });
    if (route === '/_fake/reset' && method === 'POST') {
      this.reset();
      return sendJson(res, 200, { reset: true });
    }
    sendJson(res, 404, { error: { message: 'unknown control route' } });
  }

  private moderate(body: string, res: ServerResponse): void {
    const json = JSON.parse(body) as { input: string | string[] };
    const inputs = Array.isArray(json.input) ? json.input : [json.input];
    const failing = this.moderation[0]?.status;
    if (failing) {
      this.moderation.shift();
      return sendError(res, { kind: 'error', status: failing });
    }
    const results = inputs.map((input) => {
      const scripted = this.moderation.shift();
      const categories = Object.fromEntries(MODERATION_CATEGORY_NAMES.map((c) => [c, false])) as Record<string, boolean>;
      for (const [name, flagged] of Object.entries(scripted?.categories ?? {})) categories[name] = Boolean(flagged);
      // Unscripted, a marker in the text flags a category: handy for E2E scripts.
      for (const m of String(input).matchAll(/FAKE_FLAG:([a-z/-]+)/g)) categories[m[1]!] = true;
      const flagged = Object.values(categories).some(Boolean);
      return {
        flagged,
        categories,
        category_scores: Object.fromEntries(Object.entries(categories).map(([k, v]) => [k, v ? 0.97 : 0.001])),
        category_applied_input_types: Object.fromEntries(Object.keys(categories).map((k) => [k, ['text']])),
      };
    });
    sendJson(res, 200, { id: `modr-${++this.counter}`, model: 'omni-moderation-latest', results });
  }

  private async answer(api: Api, request: Record<string, unknown>, rawBody: string, answer: FakeAnswer, res: ServerResponse): Promise<void> {
    if (answer.kind === 'error') return sendError(res, answer);
    const model = typeof request.model === 'string' ? request.model : 'fake-model';
    const streaming = request.stream === true;
    let text: string;
    let chunkSize = 4;
    let firstTokenDelayMs = 0;
    let cutAfter: number | undefined;
    let truncate = false;
    switch (answer.kind) {
      case 'text':
        text = answer.text;
        chunkSize = answer.chunkSize ?? chunkSize;
        firstTokenDelayMs = answer.firstTokenDelayMs ?? 0;
        break;
      case 'cut':
        text = answer.text;
        chunkSize = answer.chunkSize ?? chunkSize;
        cutAfter = answer.afterChars;
        break;
      case 'truncate':
        text = answer.text;
        truncate = true;
        break;
      case 'echo-placeholders': {
        const found = [...new Set(rawBody.match(/\[(?:PUPIL|EMAIL|PHONE|POSTCODE|DOB|UPN|NHS)_\d+\]/g) ?? [])];
        text = `${answer.prefix ?? 'Notes for'} ${found.join(', ')}.`;
        chunkSize = answer.chunkSize ?? 3;
        break;
      }
      case 'malformed-sse':
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write('data: {"id": "broken", "choices": [\n\n');
        res.end();
        return;
    }
    const usage = answer.kind === 'text' && answer.usage ? answer.usage : { input: Math.ceil(rawBody.length / 4), output: Math.ceil(text.length / 4) };
    if (!streaming) return sendJson(res, 200, api === 'chat' ? chatCompletion(model, text, usage, ++this.counter) : responseObject(model, text, usage, ++this.counter, 'completed'));

    const includeUsage = (request.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    let closed = false;
    res.on('close', () => (closed = true));
    const events = api === 'chat' ? new ChatEvents(model, ++this.counter) : new ResponsesEvents(model, ++this.counter);
    res.write(events.opening());
    if (firstTokenDelayMs > 0) await sleep(firstTokenDelayMs);
    const pieces = chunk(text, chunkSize);
    const started = performance.now();
    let sent = 0;
    for (let i = 0; i < pieces.length; i++) {
      if (closed) return;
      if (cutAfter !== undefined && sent >= cutAfter) {
        res.socket?.destroy();
        return;
      }
      if (this.tokenIntervalMs > 0) {
        const due = started + i * this.tokenIntervalMs;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      } else if (i % 16 === 15) {
        // Let the client's reads and aborts in between, as a real network would.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (closed) return;
      res.write(events.delta(pieces[i]!));
      sent += pieces[i]!.length;
    }
    if (cutAfter !== undefined) {
      res.socket?.destroy();
      return;
    }
    if (truncate) {
      res.end();
      return;
    }
    res.end(events.closing(text, usage, includeUsage));
  }
}

class ChatEvents {
  private readonly id: string;
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(
    private readonly model: string,
    n: number,
  ) {
    this.id = `chatcmpl-fake${n}`;
  }

  private chunk(delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}): string {
    const body = {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...extra,
    };
    return `data: ${JSON.stringify(body)}\n\n`;
  }

  opening(): string {
    return this.chunk({ role: 'assistant', content: '' }, null);
  }

  delta(text: string): string {
    return this.chunk({ content: text }, null);
  }

  closing(_text: string, usage: { input: number; output: number }, includeUsage: boolean): string {
    let out = this.chunk({}, 'stop');
    if (includeUsage) {
      const body = {
        id: this.id,
        object: 'chat.completion.chunk',
        created: this.created,
        model: this.model,
        system_fingerprint: null,
        choices: [],
        usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
      };
      out += `data: ${JSON.stringify(body)}\n\n`;
    }
    return out + 'data: [DONE]\n\n';
  }
}

class ResponsesEvents {
  private seq = 0;
  private readonly responseId: string;
  private readonly itemId: string;

  constructor(
    private readonly model: string,
    private readonly n: number,
  ) {
    this.responseId = `resp_fake${n}`;
    this.itemId = `msg_fake${n}`;
  }

  private event(type: string, payload: Record<string, unknown>): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.seq++, ...payload })}\n\n`;
  }

  opening(): string {
    const response = responseObject(this.model, '', null, this.n, 'in_progress');
    return (
      this.event('response.created', { response }) +
      this.event('response.in_progress', { response }) +
      this.event('response.output_item.added', {
        output_index: 0,
        item: { id: this.itemId, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
      }) +
      this.event('response.content_part.added', {
        item_id: this.itemId,
        output_index: 0,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      })
    );
  }

  delta(text: string): string {
    return this.event('response.output_text.delta', { item_id: this.itemId, output_index: 0, content_index: 0, delta: text, logprobs: [] });
  }

  closing(text: string, usage: { input: number; output: number }): string {
    const part = { type: 'output_text', text, annotations: [], logprobs: [] };
    return (
      this.event('response.output_text.done', { item_id: this.itemId, output_index: 0, content_index: 0, text, logprobs: [] }) +
      this.event('response.content_part.done', { item_id: this.itemId, output_index: 0, content_index: 0, part }) +
      this.event('response.output_item.done', {
        output_index: 0,
        item: { id: this.itemId, type: 'message', status: 'completed', role: 'assistant', content: [part] },
      }) +
      this.event('response.completed', { response: responseObject(this.model, text, usage, this.n, 'completed') })
    );
  }
}

function responseObject(model: string, text: string, usage: { input: number; output: number } | null, n: number, status: 'in_progress' | 'completed') {
  return {
    id: `resp_fake${n}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model,
    output:
      status === 'completed'
        ? [{ id: `msg_fake${n}`, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] }]
        : [],
    parallel_tool_calls: true,
    temperature: 1,
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    store: false,
    usage: usage
      ? {
          input_tokens: usage.input,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: usage.output,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: usage.input + usage.output,
        }
      : null,
  };
}

function chatCompletion(model: string, text: string, usage: { input: number; output: number }, n: number) {
  return {
    id: `chatcmpl-fake${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: null,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  };
}

/** The schema name a request asks for (Responses `text.format` or chat `response_format`), if any. */
function schemaName(request: Record<string, unknown>): string | undefined {
  const text = request.text as { format?: { name?: string } } | undefined;
  const rf = request.response_format as { type?: string; json_schema?: { name?: string } } | undefined;
  if (text?.format?.name) return text.format.name;
  if (rf?.json_schema?.name) return rf.json_schema.name;
  if (rf?.type === 'json_object') {
    const system = JSON.stringify(request.messages ?? '');
    if (/learningCycles/.test(system)) return 'lesson_plan';
    if (/descriptors/.test(system)) return 'rubric';
    if (/questions/.test(system)) return 'quiz';
  }
  return undefined;
}

function defaultAnswer(request: Record<string, unknown>): FakeAnswer {
  const name = schemaName(request);
  if (name === 'lesson_plan') return { kind: 'text', text: JSON.stringify(sampleLessonPlan) };
  if (name === 'quiz') return { kind: 'text', text: JSON.stringify(sampleQuiz) };
  if (name === 'rubric') return { kind: 'text', text: JSON.stringify(sampleRubric) };
  return { kind: 'text', text: SAMPLE_TEXT };
}

function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i += Math.max(1, size)) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, answer: Extract<FakeAnswer, { kind: 'error' }>): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.retryAfter !== undefined) headers['retry-after'] = answer.retryAfter;
  const type = answer.status === 429 ? 'rate_limit_error' : answer.status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(res, answer.status, { error: { message: answer.message ?? `Fake error ${answer.status}`, type, param: null, code: answer.code ?? null } }, headers);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = new FakeOpenAiServer({
    port: Number(argValue('--port') ?? 0),
    tokenIntervalMs: Number(argValue('--token-interval-ms') ?? 0),
    apiKey: argValue('--api-key'),
  });
  const baseURL = await server.start();
  console.log(`FAKE_OPENAI_URL=${baseURL}`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
