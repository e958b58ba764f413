import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METHOD_NAMES } from '../../../electron/contract';
import { aiHarness, type AiHarness } from './aiTestCore';

const KEY = 'sk-live-Very-Secret-Key-4242424242';

describe('the API key', () => {
  let h: AiHarness;
  afterEach(async () => h?.dispose());

  it('goes only to the secret store: never into the database, the logs, events or any method result', async () => {
    const { FakeOpenAiServer } = await import('../../fake-openai/server');
    h = await aiHarness({ env: 'none', server: new FakeOpenAiServer({ apiKey: KEY }) });
    const outputs: unknown[] = [];
    const call = async (name: string, input: unknown) => {
      const result = await h.core.dispatch(name, input);
      outputs.push(result);
      return result;
    };
    await call('settings.updateAi', { provider: 'openai', baseUrl: h.server.baseURL, model: 'fake-model', apiKey: KEY });
    expect(await call('settings.getAi', {})).toMatchObject({ ok: true, value: { hasApiKey: true, provider: 'openai' } });
    await call('ai.testConnection', {});
    await call('ai.testConnection', { apiKey: `${KEY}-wrong` });
    await call('ai.listModels', {});
    await call('ai.status', { probe: true });
    await call('ai.actions', {});
    const preview = await call('ai.previewRequest', { action: 'rewrite', selection: { text: 'Hello' } });
    expect(preview).toMatchObject({ ok: true });
    const started = (await call('ai.start', { action: 'rewrite', selection: { text: 'Hello' } })) as { value: { jobId: string; interactionId: string } };
    await h.core.ai.jobs.wait(started.value.jobId);
    await call('provenance.getInteraction', { id: started.value.interactionId });
    await call('provenance.verify', {});
    await call('jobs.list', {});
    // The key did reach the server, as a header, so the test is not vacuous.
    expect(h.server.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);

    const haystack = JSON.stringify(outputs) + JSON.stringify(h.events) + h.log.lines.join('\n');
    expect(haystack).not.toContain(KEY);
    expect(haystack).not.toContain('Very-Secret');

    h.core.db.pragma('wal_checkpoint(FULL)');
    for (const file of readdirSync(h.dataDir)) {
      const bytes = readFileSync(join(h.dataDir, file));
      expect(bytes.includes(Buffer.from(KEY)), file).toBe(false);
      expect(bytes.includes(Buffer.from('Very-Secret')), file).toBe(false);
    }
    // Every method that can return settings or records was exercised above or has no key path.
    expect(METHOD_NAMES.filter((m) => m.startsWith('settings.'))).toEqual(['settings.getAi', 'settings.updateAi']);
  });

  it('can be removed, and env overrides are reported without their values', async () => {
    h = await aiHarness({ env: { LECTERN_AI_MODEL: 'env-model' } });
    await h.core.ai.updateSettings({ provider: 'openai', model: 'gpt-x', apiKey: KEY });
    expect(await h.core.ai.getSettings()).toMatchObject({ hasApiKey: true, envOverrides: ['model'], model: 'gpt-x' });
    expect(await h.core.ai.previewRequest({ action: 'rewrite', selection: { text: 'x' } })).toMatchObject({ model: 'env-model' });
    await h.core.ai.updateSettings({ apiKey: null });
    expect(await h.core.ai.getSettings()).toMatchObject({ hasApiKey: false });
    expect(await h.core.ai.status(false)).toMatchObject({ available: false, reason: 'not-configured', message: expect.stringMatching(/API key/) });
  });
});
