import { afterEach, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/server';
import { aiHarness, TEST_KEY, type AiHarness } from './aiTestCore';

describe('connection, status and settings', () => {
  let h: AiHarness;
  afterEach(async () => h?.dispose());

  it('tests the connection: latency, model count and whether the model is there', async () => {
    h = await aiHarness({ server: new FakeOpenAiServer({ models: ['llama3.2', 'fake-model', 'phi4'] }) });
    const ok = await h.core.dispatch('ai.testConnection', {});
    expect(ok).toMatchObject({ ok: true, value: { ok: true, modelCount: 3, modelAvailable: true, models: ['fake-model', 'llama3.2', 'phi4'] } });
    const missing = await h.core.ai.testConnection({ settings: { model: 'mistral' } });
    // The env model still wins over the form, as the environment is for development and tests.
    expect(missing).toMatchObject({ ok: true, modelAvailable: true });
    expect(await h.core.ai.listModels({})).toEqual({ models: ['fake-model', 'llama3.2', 'phi4'] });
  });

  it('tests unsaved settings from the form, including a typed key', async () => {
    h = await aiHarness({ env: 'none', server: new FakeOpenAiServer({ apiKey: TEST_KEY }) });
    const draft = { provider: 'compatible' as const, preset: 'ollama' as const, baseUrl: h.server.baseURL, model: 'not-there' };
    expect(await h.core.ai.testConnection({ settings: draft })).toMatchObject({ ok: false, code: 'AI_AUTH' });
    expect(await h.core.ai.testConnection({ settings: draft, apiKey: TEST_KEY })).toMatchObject({
      ok: true,
      modelAvailable: false,
      message: expect.stringMatching(/the model “not-there” is not on this server/),
    });
    // Nothing was saved by testing.
    expect(await h.core.ai.getSettings()).toMatchObject({ provider: null, hasApiKey: false });
  });

  it('says why AI is unavailable until it is set up, then that it is ready', async () => {
    h = await aiHarness({ env: 'none' });
    expect(await h.core.ai.status(false)).toMatchObject({ available: false, reason: 'not-configured' });
    await h.core.ai.updateSettings({ provider: 'compatible', preset: 'lm-studio', baseUrl: h.server.baseURL });
    expect(await h.core.ai.status(false)).toMatchObject({ available: false, message: 'Choose a model.' });
    await h.core.ai.updateSettings({ model: 'fake-model' });
    expect(await h.core.dispatch('ai.status', { probe: true })).toMatchObject({ ok: true, value: { available: true, reason: 'ready', provider: 'compatible', model: 'fake-model' } });
  });

  it('rejects invalid settings and keeps the class list locally', async () => {
    h = await aiHarness({ env: 'none' });
    expect(await h.core.dispatch('settings.updateAi', { baseUrl: 'ftp://x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const saved = await h.core.dispatch('settings.updateAi', { classList: ['Amelia Jones', 'Ben'], redaction: { postcodes: false } });
    expect(saved).toMatchObject({ ok: true, value: { classList: ['Amelia Jones', 'Ben'], redaction: { postcodes: false, emails: true } } });
  });

  it('uses a compatible server without a key, never an OPENAI_API_KEY from the environment', async () => {
    process.env.OPENAI_API_KEY = 'sk-developer-real-key';
    try {
      h = await aiHarness({ env: 'none' });
      await h.core.ai.updateSettings({ provider: 'compatible', preset: 'ollama', baseUrl: h.server.baseURL, model: 'fake-model' });
      await h.run({ action: 'rewrite', selection: { text: 'x' }, params: {} });
      expect(h.server.requests[0]!.headers.authorization).toBe('Bearer no-key');
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
  });
});
