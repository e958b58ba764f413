import { afterEach, describe, expect, it } from 'vitest';
import { APIError } from 'openai';
import { DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter } from '../../../electron/core/ai/retry';
import { aiHarness, deltasText, lastOf, type AiHarness } from './aiTestCore';

const rewrite = { action: 'rewrite', selection: { text: 'Plants need light.' }, params: {} };
const NOW = Date.UTC(2026, 8, 1, 9, 0, 0);

describe('retry-after and the retry decision', () => {
  it('reads seconds, decimals, milliseconds and HTTP dates', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '7' }), NOW)).toBe(7000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '1.5' }), NOW)).toBe(1500);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': new Date(NOW + 12_000).toUTCString() }), NOW)).toBe(12_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': new Date(NOW - 5_000).toUTCString() }), NOW)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), NOW)).toBeUndefined();
  });

  const apiError = (status: number, headers: Record<string, string> = {}, code?: string) =>
    APIError.generate(status, { error: { message: 'x', code } }, undefined, new Headers(headers));

  it('retries 429 and 5xx with growing, capped backoff, and never other 4xx', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect(decideRetry(apiError(500), 1, p, NOW, () => 0.5)).toMatchObject({ retry: true, delayMs: 375 });
    expect(decideRetry(apiError(503), 2, p, NOW, () => 0.5)).toMatchObject({ retry: true, delayMs: 750 });
    expect(decideRetry(apiError(429), 3, p, NOW, () => 0.5)).toMatchObject({ retry: true, delayMs: 1500 });
    expect(decideRetry(apiError(500), p.maxAttempts, p, NOW, () => 0.5).retry).toBe(false);
    for (const status of [400, 401, 403, 404, 409, 422]) expect(decideRetry(apiError(status), 1, p, NOW, () => 0.5).retry).toBe(false);
    expect(decideRetry(apiError(429, {}, 'insufficient_quota'), 1, p, NOW, () => 0.5).retry).toBe(false);
  });

  it('honours retry-after, and gives up when it is longer than the cap', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect(decideRetry(apiError(429, { 'retry-after': '3' }), 1, p, NOW, Math.random)).toEqual({ retry: true, delayMs: 3000, retryAfterSeconds: 3 });
    expect(decideRetry(apiError(429, { 'retry-after': '3600' }), 1, p, NOW, Math.random)).toEqual({ retry: false, delayMs: 0, retryAfterSeconds: 3600 });
  });
});

describe('retries against the fake server', () => {
  let h: AiHarness;
  afterEach(async () => h?.dispose());

  it('waits as long as retry-after says after a 429, then succeeds', async () => {
    h = await aiHarness();
    h.server.enqueue({ kind: 'error', status: 429, retryAfter: '2' }, { kind: 'text', text: 'Plants need sunlight.' });
    const r = await h.run(rewrite);
    expect(h.sleeps).toEqual([2000]);
    expect(h.server.generationBodies()).toHaveLength(2);
    expect(lastOf(r.events, 'ai.progress')).toBeDefined();
    expect(r.events.find((e) => e.type === 'ai.progress' && e.stage === 'retrying')).toMatchObject({ retryInMs: 2000, reason: 'AI_RATE_LIMITED' });
    expect(lastOf(r.events, 'ai.completed')?.text).toBe('Plants need sunlight.');
  });

  it('backs off on 5xx and succeeds on the third try', async () => {
    h = await aiHarness();
    h.server.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 503 }, { kind: 'text', text: 'Done.' });
    const r = await h.run(rewrite);
    expect(h.sleeps).toEqual([375, 750]);
    expect(lastOf(r.events, 'ai.completed')?.status).toBe('completed');
  });

  it('gives up after the last attempt with a teacher-readable message', async () => {
    h = await aiHarness();
    h.server.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'error' as const, status: 502 })));
    const r = await h.run(rewrite);
    expect(h.server.generationBodies()).toHaveLength(4);
    expect(lastOf(r.events, 'ai.failed')?.error).toMatchObject({ code: 'AI_UNAVAILABLE', message: expect.stringMatching(/Try again later/) });
  });

  it('does not retry a long retry-after, and tells the teacher when to try again', async () => {
    h = await aiHarness();
    h.server.enqueue({ kind: 'error', status: 429, retryAfter: '600' });
    const r = await h.run(rewrite);
    expect(h.sleeps).toEqual([]);
    expect(lastOf(r.events, 'ai.failed')?.error).toEqual({ code: 'AI_RATE_LIMITED', message: 'The AI service is busy. Try again in about 10 minutes.', retryAfter: 600 });
  });

  it.each([
    [401, undefined, 'AI_AUTH', /key/],
    [403, undefined, 'AI_FORBIDDEN', /not be allowed to use the model/],
    [404, 'model_not_found', 'AI_MODEL_NOT_FOUND', /no model called “fake-model”/],
    [400, 'context_length_exceeded', 'AI_TOO_LONG', /too much text/],
    [400, undefined, 'AI_REJECTED', /could not handle this request/],
    [429, 'insufficient_quota', 'AI_RATE_LIMITED', /run out of credit/],
  ] as const)('does not retry HTTP %i (%s): %s', async (status, code, expected, message) => {
    h = await aiHarness();
    h.server.enqueue({ kind: 'error', status, ...(code ? { code } : {}), message: `secret server detail ${status}` });
    const r = await h.run(rewrite);
    expect(h.server.generationBodies()).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
    const failed = lastOf(r.events, 'ai.failed')!;
    expect(failed.error.code).toBe(expected);
    expect(failed.error.message).toMatch(message);
    expect(failed.error.message).not.toContain('secret server detail');
    expect(deltasText(r.events)).toBe('');
  });
});
