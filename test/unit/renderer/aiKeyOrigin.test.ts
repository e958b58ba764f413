import { describe, expect, it } from 'vitest';
import type { AiSettingsView } from '../../../electron/contract';
import { formFromView, savedKeyElsewhere, validateAiForm } from '../../../renderer/src/features/ai/settings/aiSettingsForm';

const saved: AiSettingsView = {
  provider: 'openai',
  preset: 'custom',
  baseUrl: null,
  model: 'gpt-4.1',
  azure: { endpoint: null, deployment: null, apiVersion: '2025-04-01-preview' },
  structuredOutput: 'json_schema',
  classList: [],
  redaction: { emails: true, phones: true, postcodes: true, datesOfBirth: true, upns: true, nhsNumbers: true, classListNames: true },
  providerModeration: true,
  hasApiKey: true,
  keyOrigin: 'https://api.openai.com',
  keyEncrypted: true,
  envOverrides: [],
};

describe('the AI settings form and the address the saved key belongs to', () => {
  it('asks for the key again when the address moves to another origin', () => {
    const form = { ...formFromView(saved), baseUrl: 'http://evil.example/v1' };
    expect(savedKeyElsewhere(form, saved)).toEqual({ saved: 'https://api.openai.com', target: 'http://evil.example' });
    expect(validateAiForm(form, saved)).toEqual({
      newKey: 'The saved key was entered for https://api.openai.com; enter it again to use it with http://evil.example, or remove it.',
    });
  });

  it('is content with the same origin written another way, a newly typed key, or removing the key', () => {
    const form = formFromView(saved);
    expect(validateAiForm(form, saved)).toEqual({});
    expect(validateAiForm({ ...form, baseUrl: 'HTTPS://API.OPENAI.COM:443/v1/' }, saved)).toEqual({});
    expect(validateAiForm({ ...form, baseUrl: 'http://evil.example/v1', keyMode: 'replace', newKey: 'sk-again' }, saved)).toEqual({});
    expect(savedKeyElsewhere({ ...form, baseUrl: 'http://evil.example/v1', keyMode: 'remove' }, saved)).toBeNull();
    // Another provider has its own key; an address from the environment is not the form's to change.
    expect(savedKeyElsewhere({ ...form, provider: 'compatible', baseUrl: 'http://evil.example/v1' }, saved)).toBeNull();
    expect(savedKeyElsewhere({ ...form, baseUrl: 'http://evil.example/v1' }, { ...saved, envOverrides: ['baseUrl'] })).toBeNull();
  });

  it('holds an Azure key to its endpoint', () => {
    const azure = { ...saved, provider: 'azure' as const, keyOrigin: 'https://school.openai.azure.com' };
    const form = { ...formFromView(azure), azureEndpoint: 'https://other.openai.azure.com', azureDeployment: 'd' };
    expect(savedKeyElsewhere(form, azure)).toEqual({ saved: 'https://school.openai.azure.com', target: 'https://other.openai.azure.com' });
  });
});
