import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { aiHarness, deltasText, lastOf, TEST_KEY, type AiHarness } from './aiTestCore';
import type { FakeAnswer } from '../../fake-openai/server';

const lesson = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Plants need light to make food.' }] }] };

/** A port nothing listens on: connecting is refused at once, as when a local AI server is not running. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('each failure gives a teacher-readable message and leaves the document untouched', () => {
  let h: AiHarness;
  afterEach(async () => h?.dispose());

  const cases: Array<[string, FakeAnswer, string, RegExp]> = [
    ['a stream cut mid-way', { kind: 'cut', text: 'Plants make glucose in their leaves using light energy.', afterChars: 12 }, 'AI_STREAM_CUT', /dropped before it finished/],
    ['a stream that ends without finishing', { kind: 'truncate', text: 'Plants make' }, 'AI_STREAM_CUT', /dropped before it finished/],
    ['a malformed server-sent event', { kind: 'malformed-sse' }, 'AI_STREAM_CUT', /could not read/],
  ];

  it.each(cases)('%s', async (_name, answer, code, message) => {
    h = await aiHarness();
    const doc = h.core.documents.create({ title: 'Plants', kind: 'lesson-plan', content: lesson as never });
    const before = h.core.documents.get(doc.id);
    h.server.enqueue(answer);
    const r = await h.run({ action: 'rewrite', documentId: doc.id, selection: { text: 'Plants need light.' }, params: {} });
    const failed = lastOf(r.events, 'ai.failed')!;
    expect(failed).toMatchObject({ status: 'failed', error: { code } });
    expect(failed.error.message).toMatch(message);
    expect(lastOf(r.events, 'ai.completed')).toBeUndefined();
    expect(h.core.documents.get(doc.id)).toEqual(before);
    expect(h.core.documents.list({})).toHaveLength(1);
    expect(h.core.ai.getInteraction(r.interactionId)).toMatchObject({ status: 'failed', errorCode: code });
  });

  it('times out when the first token is too slow', async () => {
    h = await aiHarness({ ai: { firstTokenTimeoutMs: 150 } });
    h.server.enqueue({ kind: 'text', text: 'Too late.', firstTokenDelayMs: 5_000 });
    const r = await h.run({ action: 'rewrite', selection: { text: 'Plants need light.' }, params: {} });
    expect(lastOf(r.events, 'ai.failed')?.error).toMatchObject({ code: 'AI_TIMEOUT', message: expect.stringMatching(/took too long/) });
    expect(h.server.generationBodies()).toHaveLength(1);
  });

  it('times out when the answer stalls half-way', async () => {
    h = await aiHarness({ ai: { idleTimeoutMs: 100 } });
    h.server.tokenIntervalMs = 1_000;
    h.server.enqueue({ kind: 'text', text: 'abcdefgh', chunkSize: 4 });
    const r = await h.run({ action: 'rewrite', selection: { text: 'Plants need light.' }, params: {} });
    expect(lastOf(r.events, 'ai.failed')?.error.code).toBe('AI_TIMEOUT');
    expect(deltasText(r.events)).toBe('abcd');
    expect(h.core.ai.getInteraction(r.interactionId).response).toBe('abcd');
  });

  it('says the AI service cannot be reached when nothing listens', async () => {
    const port = await closedPort();
    h = await aiHarness({ env: { LECTERN_AI_BASE_URL: `http://127.0.0.1:${port}/v1`, LECTERN_AI_MODEL: 'fake-model' } });
    const r = await h.run({ action: 'rewrite', selection: { text: 'Plants need light.' }, params: {} });
    expect(lastOf(r.events, 'ai.failed')?.error).toMatchObject({ code: 'AI_OFFLINE', message: expect.stringMatching(/cannot reach the AI service at 127\.0\.0\.1/) });
    expect(await h.core.ai.status(false)).toMatchObject({ available: false, reason: 'offline' });
  });

  it('says the computer is offline when the name cannot be looked up', async () => {
    const offlineFetch: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.example.invalid'), { code: 'ENOTFOUND' }) });
    };
    h = await aiHarness({ ai: { fetch: offlineFetch } });
    const r = await h.run({ action: 'rewrite', selection: { text: 'Plants need light.' }, params: {} });
    expect(lastOf(r.events, 'ai.failed')?.error).toEqual({ code: 'AI_OFFLINE', message: 'Lectern cannot reach the AI service. Check your internet connection.' });
  });

  it('refuses to start, with a reason, when AI is not set up', async () => {
    h = await aiHarness({ env: 'none' });
    await expect(h.core.dispatch('ai.start', { action: 'rewrite', selection: { text: 'x' } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'AI_NOT_CONFIGURED' },
    });
    expect(await h.core.ai.status(false)).toMatchObject({ available: false, reason: 'not-configured' });
    expect(h.server.requests).toHaveLength(0);
  });

  it('reports a wrong key on the connection test and in status', async () => {
    const { FakeOpenAiServer } = await import('../../fake-openai/server');
    h = await aiHarness({ server: new FakeOpenAiServer({ apiKey: 'sk-the-right-one' }) });
    const test = await h.core.ai.testConnection({});
    expect(test).toMatchObject({ ok: false, code: 'AI_AUTH', message: expect.stringMatching(/did not accept the key/) });
    expect(JSON.stringify(test)).not.toContain(TEST_KEY);
    expect(await h.core.ai.status(true)).toMatchObject({ available: false, reason: 'error', errorCode: 'AI_AUTH' });
  });
});
