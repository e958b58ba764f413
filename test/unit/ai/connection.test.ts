import { afterEach, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/server';
import { keyOriginOf } from '../../../electron/contract';
import { MemorySecretStore } from '../../../electron/core/secrets';
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

  describe('the saved key goes only to the origin it was entered for', () => {
    let other: FakeOpenAiServer | undefined;
    afterEach(async () => {
      await other?.stop();
      other = undefined;
    });

    const saveKeyForFirst = async () => {
      h = await aiHarness({ env: 'none', server: new FakeOpenAiServer({ apiKey: TEST_KEY }) });
      other = new FakeOpenAiServer();
      await other.start();
      await h.core.ai.updateSettings({ provider: 'compatible', preset: 'litellm', baseUrl: h.server.baseURL, model: 'fake-model', apiKey: TEST_KEY });
      return { saved: new URL(h.server.baseURL).origin, elsewhere: new URL(other.baseURL).origin };
    };

    it('refuses to test or list models at another address and sends that address nothing', async () => {
      const { saved, elsewhere } = await saveKeyForFirst();
      const tested = await h.core.dispatch('ai.testConnection', { settings: { baseUrl: other!.baseURL } });
      expect(tested).toEqual({
        ok: true,
        value: { ok: false, code: 'AI_KEY_ORIGIN', latencyMs: 0, message: `The saved key was entered for ${saved}; enter it again to use it with ${elsewhere}.` },
      });
      expect(await h.core.dispatch('ai.listModels', { settings: { baseUrl: other!.baseURL } })).toMatchObject({ ok: false, error: { code: 'AI_KEY_ORIGIN' } });
      // Same host, other port; and a user-info trick naming the saved host before the real one.
      const port = new URL(other!.baseURL).port;
      expect(await h.core.ai.testConnection({ settings: { baseUrl: `http://127.0.0.1:${port}/v1` } })).toMatchObject({ code: 'AI_KEY_ORIGIN' });
      expect(await h.core.ai.testConnection({ settings: { baseUrl: `http://${new URL(saved).host}@127.0.0.1:${port}/v1` } })).toMatchObject({ code: 'AI_KEY_ORIGIN' });
      expect(other!.requests).toEqual([]);
      expect(h.server.requests).toEqual([]);

      // Entering the key again sends it where the teacher now says.
      expect(await h.core.ai.testConnection({ settings: { baseUrl: other!.baseURL }, apiKey: 'sk-typed-again' })).toMatchObject({ ok: true });
      expect(other!.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-typed-again']);
    });

    it('still works with the saved settings, and with the same origin written differently', async () => {
      await saveKeyForFirst();
      expect(await h.core.ai.testConnection({})).toMatchObject({ ok: true });
      const { port } = new URL(h.server.baseURL);
      expect(await h.core.ai.testConnection({ settings: { baseUrl: `HTTP://127.0.0.1:${port}/v1/` } })).toMatchObject({ ok: true });
      const done = await h.run({ action: 'rewrite', selection: { text: 'Hello' }, params: {} });
      expect(done.events.at(-1)).toMatchObject({ type: 'ai.completed' });
      expect(h.server.requests.every((r) => r.headers.authorization === `Bearer ${TEST_KEY}`)).toBe(true);
      expect(other!.requests).toEqual([]);
    });

    it('refuses generation once the saved address changes without the key, and the form is told where the key belongs', async () => {
      const { saved } = await saveKeyForFirst();
      expect(await h.core.ai.getSettings()).toMatchObject({ hasApiKey: true, keyOrigin: saved });
      await h.core.ai.updateSettings({ baseUrl: other!.baseURL });
      expect(await h.core.ai.getSettings()).toMatchObject({ hasApiKey: true, keyOrigin: saved });
      expect(await h.core.dispatch('ai.start', { action: 'rewrite', selection: { text: 'Hello' }, params: {} })).toMatchObject({ ok: false, error: { code: 'AI_KEY_ORIGIN' } });
      expect(await h.core.ai.status(false)).toMatchObject({ available: false, message: expect.stringMatching(/entered for/) });
      expect(other!.requests).toEqual([]);
      await h.core.ai.updateSettings({ apiKey: 'sk-for-the-other' });
      expect(await h.core.ai.getSettings()).toMatchObject({ keyOrigin: new URL(other!.baseURL).origin });
      expect(await h.core.ai.testConnection({})).toMatchObject({ ok: true });
      expect(other!.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-for-the-other']);
    });

    it('compares origins normalised: case, default ports, a trailing dot and user info do not fool it', () => {
      expect(keyOriginOf('HTTPS://API.OpenAI.com.:443/v1')).toBe('https://api.openai.com');
      expect(keyOriginOf('http://localhost:80/v1')).toBe('http://localhost');
      expect(keyOriginOf('http://localhost:11434/v1')).toBe('http://localhost:11434');
      expect(keyOriginOf('https://api.openai.com@evil.example/v1')).toBe('https://evil.example');
      expect(keyOriginOf('https://bücher.example/v1')).toBe('https://xn--bcher-kva.example');
      expect(keyOriginOf('ftp://api.openai.com')).toBeNull();
      expect(keyOriginOf('not a url')).toBeNull();
    });

    it('binds an Azure key to its endpoint', async () => {
      h = await aiHarness({ env: 'none' });
      other = new FakeOpenAiServer();
      await other.start();
      const endpoint = h.server.baseURL.replace(/\/v1$/, '');
      await h.core.ai.updateSettings({ provider: 'azure', azure: { endpoint, deployment: 'fake-model' }, apiKey: TEST_KEY });
      expect(await h.core.ai.testConnection({ settings: { azure: { endpoint: other.baseURL.replace(/\/v1$/, '') } } })).toMatchObject({ code: 'AI_KEY_ORIGIN' });
      expect(other.requests).toEqual([]);
    });

    it('binds a key saved before keys had an origin to the saved address on first use', async () => {
      const secrets = new MemorySecretStore();
      h = await aiHarness({ env: 'none', secrets });
      other = new FakeOpenAiServer();
      await other.start();
      await h.core.ai.updateSettings({ provider: 'compatible', preset: 'custom', baseUrl: h.server.baseURL, model: 'fake-model', apiKey: TEST_KEY });
      // What an older version left behind: the key with no origin beside it.
      await secrets.delete('ai.apiKeyOrigin.compatible');
      expect(await h.core.ai.getSettings()).toMatchObject({ keyOrigin: new URL(h.server.baseURL).origin });
      // First use is a test against another address: the key is bound to the saved one, not the draft.
      expect(await h.core.ai.testConnection({ settings: { baseUrl: other.baseURL } })).toMatchObject({ code: 'AI_KEY_ORIGIN' });
      expect(await secrets.get('ai.apiKeyOrigin.compatible')).toBe(new URL(h.server.baseURL).origin);
      expect(await h.core.ai.testConnection({})).toMatchObject({ ok: true });
      expect(other.requests).toEqual([]);
    });
  });
});
