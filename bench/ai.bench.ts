/**
 * AI pipeline overhead. The fake server streams 2,000 tokens at a fixed rate; in the same run we
 * time (a) the bare openai SDK consuming that stream and (b) the app: `ai.start` through the
 * dispatcher, redaction (with a class list), the job, placeholder restore, in-stream moderation,
 * previews and events, to the first `ai.delta` and to `ai.completed`. Runs alternate so both see
 * the same machine state. Rendering into the editor is the renderer's bench (field left null).
 */
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { createCore } from '../electron/core/app';
import { MemorySecretStore } from '../electron/core/secrets';
import { FakeOpenAiServer } from '../test/fake-openai/server';
import { tempDir } from '../test/helpers/tempDir';
import { writeResults } from './writeResults';

const TOKENS = 2_000;
const TOKEN_INTERVAL_MS = 2;
const RUNS = 7;
/** Every token is exactly one 4-character chunk, so the server sends TOKENS deltas. */
const WORDS = ['the ', 'sun ', 'and ', 'air ', 'make', 's it', ' so.', '\n\n- '];
const ANSWER = Array.from({ length: TOKENS }, (_, i) => WORDS[i % WORDS.length]!.padEnd(4, ' ').slice(0, 4)).join('');
const CLASS_LIST = Array.from({ length: 30 }, (_, i) => `Pupil${String.fromCharCode(65 + (i % 26))}${i} Surname${i}`);
const SELECTION = `Notes: ${CLASS_LIST.slice(0, 10).join(', ')} need help with fractions. Contact office@school.org.uk.`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;

async function bareSdk(baseURL: string): Promise<{ firstTokenMs: number; totalMs: number; chars: number }> {
  const client = new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0, organization: null, project: null, logLevel: 'off' });
  const t0 = performance.now();
  const stream = await client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: SELECTION }], stream: true });
  let first = -1;
  let chars = 0;
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta?.content;
    if (text) {
      if (first < 0) first = performance.now() - t0;
      chars += text.length;
    }
  }
  return { firstTokenMs: first, totalMs: performance.now() - t0, chars };
}

export async function run(): Promise<void> {
  const server = new FakeOpenAiServer({ tokenIntervalMs: TOKEN_INTERVAL_MS });
  const baseURL = await server.start();
  const dir = tempDir('lectern-bench-ai-');
  const core = createCore({
    dataDir: dir.path,
    host: 'web-harness',
    version: 'bench',
    secrets: new MemorySecretStore(),
    env: { LECTERN_AI_BASE_URL: baseURL, LECTERN_AI_MODEL: 'fake-model' },
  });
  await core.ai.updateSettings({ classList: CLASS_LIST });

  async function app(): Promise<{ firstTokenMs: number; totalMs: number; chars: number; previews: number; deltas: number }> {
    let first = -1;
    let chars = 0;
    let previews = 0;
    let deltas = 0;
    let t0 = 0;
    let finished: () => void = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    const off = core.events.subscribe((e) => {
      if (e.type === 'ai.delta') {
        if (first < 0) first = performance.now() - t0;
        chars += e.text.length;
        deltas++;
      } else if (e.type === 'ai.preview') previews++;
      else if (e.type === 'ai.completed' || e.type === 'ai.failed') finished();
    });
    t0 = performance.now();
    const started = await core.dispatch('ai.start', { action: 'free-instruction', selection: { text: SELECTION }, params: { instruction: 'Expand.' } });
    if (!started.ok) throw new Error(`ai.start failed: ${started.error.message}`);
    await done;
    const totalMs = performance.now() - t0;
    off();
    return { firstTokenMs: first, totalMs, chars, previews, deltas };
  }

  const bare: Array<Awaited<ReturnType<typeof bareSdk>>> = [];
  const ours: Array<Awaited<ReturnType<typeof app>>> = [];
  // Warm-up: JIT, first SQLite writes, the SDK client and the TLS-free loopback socket pool.
  server.enqueue({ kind: 'text', text: ANSWER, chunkSize: 4 }, { kind: 'text', text: ANSWER, chunkSize: 4 });
  await bareSdk(baseURL);
  await app();
  for (let i = 0; i < RUNS; i++) {
    server.enqueue({ kind: 'text', text: ANSWER, chunkSize: 4 });
    bare.push(await bareSdk(baseURL));
    server.enqueue({ kind: 'text', text: ANSWER, chunkSize: 4 });
    ours.push(await app());
  }
  core.close();
  await server.stop();
  dir.dispose();

  const addedFirst = ours.map((o, i) => o.firstTokenMs - bare[i]!.firstTokenMs);
  const addedTotal = ours.map((o, i) => o.totalMs - bare[i]!.totalMs);
  const figures = {
    tokens: TOKENS,
    tokenIntervalMs: TOKEN_INTERVAL_MS,
    nominalTokensPerSecond: 1000 / TOKEN_INTERVAL_MS,
    /** Server, SDK and app share one process and two cores, so timers run a little late. */
    measuredTokensPerSecond: Math.round(TOKENS / (median(bare.map((b) => b.totalMs)) / 1000)),
    runs: RUNS,
    bareSdk: { firstTokenMsMedian: round(median(bare.map((b) => b.firstTokenMs))), totalMsMedian: round(median(bare.map((b) => b.totalMs))) },
    app: {
      firstTokenMsMedian: round(median(ours.map((o) => o.firstTokenMs))),
      totalMsMedian: round(median(ours.map((o) => o.totalMs))),
      deltasPerRun: ours[0]!.deltas,
      previewsPerRun: median(ours.map((o) => o.previews)),
    },
    addedFirstTokenMs: { median: round(median(addedFirst)), max: round(Math.max(...addedFirst)), target: 20 },
    addedTotalMs: { median: round(median(addedTotal)), max: round(Math.max(...addedTotal)) },
    charsDeliveredEqual: ours.every((o, i) => o.chars === bare[i]!.chars),
    /** Measured by the renderer's editor bench; this bench stops at the event stream. */
    renderIntoEditorMs: null,
  };
  console.log(JSON.stringify(figures, null, 2));
  writeResults('ai', figures);
}
