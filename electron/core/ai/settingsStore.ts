import type { Database, Statement } from 'better-sqlite3';
import {
  AiSettingsSchema,
  type AiProviderKind,
  type AiSettings,
  type AiSettingsPatch,
  type AiSettingsView,
} from '../../contract';
import { AppError } from '../errors';
import { lazyStatement } from '../provenance/lazyStatement';
import type { SecretStore } from '../secrets';

/** Environment overrides for development and tests, read once from the injected env object. */
export interface AiEnv {
  LECTERN_AI_BASE_URL?: string | undefined;
  LECTERN_AI_API_KEY?: string | undefined;
  LECTERN_AI_MODEL?: string | undefined;
}

export const DEFAULT_AI_SETTINGS: AiSettings = {
  provider: null,
  preset: 'custom',
  baseUrl: null,
  model: null,
  azure: { endpoint: null, deployment: null, apiVersion: '2025-04-01-preview' },
  structuredOutput: 'json_schema',
  classList: [],
  redaction: {
    emails: true,
    phones: true,
    postcodes: true,
    datesOfBirth: true,
    upns: true,
    nhsNumbers: true,
    classListNames: true,
  },
  providerModeration: true,
};

/** Everything needed to talk to a provider, after env overrides. Lives in memory only. */
export interface ResolvedAiConfig {
  provider: AiProviderKind;
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  azure: { endpoint: string; deployment: string; apiVersion: string } | undefined;
  structuredOutput: AiSettings['structuredOutput'];
  providerModeration: boolean;
}

export type ResolveResult = { ok: true; config: ResolvedAiConfig; settings: AiSettings } | { ok: false; message: string; settings: AiSettings };

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
const secretName = (provider: AiProviderKind) => `ai.apiKey.${provider}`;

/**
 * AI settings in the library database, the key in the secret store. The two never mix: the row
 * has no key column, and the view returned to callers carries only `hasApiKey`.
 */
export class AiSettingsStore {
  private readonly select: () => Statement<[], { data: string }>;
  private readonly upsert: () => Statement<[string]>;

  constructor(
    db: Database,
    private readonly secrets: SecretStore,
    private readonly env: AiEnv,
  ) {
    this.select = lazyStatement(db, 'SELECT data FROM ai_settings WHERE id = 1');
    this.upsert = lazyStatement(db, 'INSERT INTO ai_settings (id, data) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data');
  }

  get(): AiSettings {
    const row = this.select().get();
    if (!row) return structuredClone(DEFAULT_AI_SETTINGS);
    // A row from an older version may lack newer fields: defaults fill them, unknown ones are dropped.
    const stored = JSON.parse(row.data) as Partial<AiSettings>;
    const merged = {
      ...DEFAULT_AI_SETTINGS,
      ...stored,
      azure: { ...DEFAULT_AI_SETTINGS.azure, ...stored.azure },
      redaction: { ...DEFAULT_AI_SETTINGS.redaction, ...stored.redaction },
    };
    return AiSettingsSchema.parse(merged);
  }

  /** Returns the names of the fields that changed (for the audit log; never their values). */
  async update(patch: AiSettingsPatch & { apiKey?: string | null | undefined }): Promise<{ settings: AiSettings; changed: string[] }> {
    const { apiKey, ...rest } = patch;
    const before = this.get();
    const next = AiSettingsSchema.parse(merge(before, rest));
    if (typeof apiKey === 'string' && !next.provider) {
      throw new AppError('VALIDATION', 'Choose an AI provider before entering a key: keys are kept per provider.');
    }
    const changed = Object.keys(rest).filter(
      (k) => JSON.stringify(before[k as keyof AiSettings]) !== JSON.stringify(next[k as keyof AiSettings]),
    );
    this.upsert().run(JSON.stringify(next));
    const provider = next.provider;
    if (apiKey !== undefined && provider) {
      if (apiKey === null) await this.secrets.delete(secretName(provider));
      else await this.secrets.set(secretName(provider), apiKey);
      changed.push('apiKey');
    }
    return { settings: next, changed };
  }

  async view(): Promise<AiSettingsView> {
    const settings = this.get();
    const key = settings.provider ? await this.secrets.get(secretName(settings.provider)) : undefined;
    return {
      ...settings,
      hasApiKey: Boolean(key) || Boolean(this.env.LECTERN_AI_API_KEY),
      keyEncrypted: this.secrets.isEncryptionAvailable(),
      envOverrides: this.envOverrides(),
    };
  }

  private envOverrides(): AiSettingsView['envOverrides'] {
    const out: AiSettingsView['envOverrides'] = [];
    if (this.env.LECTERN_AI_BASE_URL) out.push('baseUrl');
    if (this.env.LECTERN_AI_API_KEY) out.push('apiKey');
    if (this.env.LECTERN_AI_MODEL) out.push('model');
    return out;
  }

  /** Saved settings (optionally with unsaved form values on top) plus env overrides, ready to use. */
  async resolve(draft?: AiSettingsPatch, draftKey?: string): Promise<ResolveResult> {
    const settings = draft ? AiSettingsSchema.parse(merge(this.get(), draft)) : this.get();
    const envUrl = this.env.LECTERN_AI_BASE_URL?.trim() || undefined;
    const envModel = this.env.LECTERN_AI_MODEL?.trim() || undefined;
    // A base URL in the environment means "use this OpenAI-compatible server" unless OpenAI itself
    // is chosen, where it is a proxy in front of OpenAI.
    const provider: AiProviderKind | null = envUrl ? (settings.provider === 'openai' ? 'openai' : 'compatible') : settings.provider;
    if (!provider) return { ok: false, message: 'AI is switched off. Choose a provider in Settings.', settings };
    const storedKey = await this.secrets.get(secretName(provider));
    const apiKey = draftKey || this.env.LECTERN_AI_API_KEY || storedKey || undefined;

    if (provider === 'azure') {
      const { endpoint, deployment, apiVersion } = settings.azure;
      if (!endpoint || !deployment) return { ok: false, message: 'Azure OpenAI needs an endpoint and a deployment name.', settings };
      if (!apiKey) return { ok: false, message: 'Azure OpenAI needs an API key.', settings };
      return {
        ok: true,
        settings,
        config: {
          provider,
          baseUrl: endpoint,
          model: envModel ?? settings.model ?? deployment,
          apiKey,
          azure: { endpoint, deployment, apiVersion },
          structuredOutput: 'json_schema',
          providerModeration: false,
        },
      };
    }
    const baseUrl = envUrl ?? settings.baseUrl ?? (provider === 'openai' ? OPENAI_BASE_URL : null);
    if (!baseUrl) return { ok: false, message: 'Enter the address of the AI server.', settings };
    const model = envModel ?? settings.model;
    if (!model) return { ok: false, message: 'Choose a model.', settings };
    if (provider === 'openai' && !apiKey) return { ok: false, message: 'OpenAI needs an API key.', settings };
    return {
      ok: true,
      settings,
      config: {
        provider,
        baseUrl,
        model,
        apiKey,
        azure: undefined,
        structuredOutput: provider === 'openai' ? 'json_schema' : settings.structuredOutput,
        providerModeration: settings.providerModeration,
      },
    };
  }
}

function merge(base: AiSettings, patch: AiSettingsPatch): AiSettings {
  return {
    ...base,
    ...(patch as Partial<AiSettings>),
    azure: { ...base.azure, ...patch.azure },
    redaction: { ...base.redaction, ...patch.redaction },
  };
}
