import type { Database, Statement } from 'better-sqlite3';
import {
  AiSettingsSchema,
  keyOriginOf,
  OPENAI_BASE_URL,
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

export type ResolveResult =
  | { ok: true; config: ResolvedAiConfig; settings: AiSettings }
  | { ok: false; code: 'AI_NOT_CONFIGURED' | 'AI_KEY_ORIGIN'; message: string; settings: AiSettings };

const secretName = (provider: AiProviderKind) => `ai.apiKey.${provider}`;
/** The origin the stored key was entered for, kept beside it in the secret store (see docs/ai.md). */
const originName = (provider: AiProviderKind) => `ai.apiKeyOrigin.${provider}`;

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
    // A key is entered for one server: it is kept with the origin it will be sent to.
    const origin = typeof apiKey === 'string' && next.provider ? this.target(next).origin : null;
    if (typeof apiKey === 'string' && !origin) {
      throw new AppError('VALIDATION', 'Enter the address of the AI server before its key: a key is only ever sent to the address it was entered for.');
    }
    this.upsert().run(JSON.stringify(next));
    const provider = next.provider;
    if (apiKey !== undefined && provider) {
      if (apiKey === null) {
        await this.secrets.delete(secretName(provider));
        await this.secrets.delete(originName(provider));
      } else {
        await this.secrets.set(secretName(provider), apiKey);
        await this.secrets.set(originName(provider), origin!);
      }
      changed.push('apiKey');
    }
    return { settings: next, changed };
  }

  async view(): Promise<AiSettingsView> {
    const settings = this.get();
    const key = settings.provider ? await this.secrets.get(secretName(settings.provider)) : undefined;
    const keyOrigin = key && settings.provider ? ((await this.secrets.get(originName(settings.provider))) ?? this.target(settings).origin) : null;
    return {
      ...settings,
      hasApiKey: Boolean(key) || Boolean(this.env.LECTERN_AI_API_KEY),
      keyOrigin,
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

  /**
   * The provider and address requests for these settings go to, after env overrides: a base URL
   * in the environment means "use this OpenAI-compatible server" unless OpenAI itself is chosen,
   * where it is a proxy in front of OpenAI.
   */
  private target(settings: AiSettings): { provider: AiProviderKind | null; url: string | null; origin: string | null } {
    const envUrl = this.env.LECTERN_AI_BASE_URL?.trim() || undefined;
    const provider: AiProviderKind | null = envUrl ? (settings.provider === 'openai' ? 'openai' : 'compatible') : settings.provider;
    const url =
      provider === 'azure' ? settings.azure.endpoint : provider ? (envUrl ?? settings.baseUrl ?? (provider === 'openai' ? OPENAI_BASE_URL : null)) : null;
    return { provider, url, origin: keyOriginOf(url) };
  }

  /**
   * The stored key, if it may go to `origin`: only to the origin it was entered for. A key saved
   * before keys were bound has no recorded origin; it is bound now to the address in the saved
   * settings (never to unsaved form values), the one it has been going to all along.
   */
  private async storedKeyFor(provider: AiProviderKind, origin: string | null): Promise<{ key: string | undefined } | { refused: string }> {
    const key = await this.secrets.get(secretName(provider));
    if (!key) return { key: undefined };
    let bound = await this.secrets.get(originName(provider));
    if (bound === undefined) {
      const saved = this.target(this.get());
      if (saved.provider === provider && saved.origin) {
        bound = saved.origin;
        await this.secrets.set(originName(provider), bound);
      }
    }
    if (bound !== undefined && origin !== null && bound === origin) return { key };
    return {
      refused: bound
        ? `The saved key was entered for ${bound}; enter it again to use it with ${origin ?? 'this address'}.`
        : 'The saved key is not tied to a server address yet; enter it again in Settings.',
    };
  }

  /** Saved settings (optionally with unsaved form values on top) plus env overrides, ready to use. */
  async resolve(draft?: AiSettingsPatch, draftKey?: string): Promise<ResolveResult> {
    const settings = draft ? AiSettingsSchema.parse(merge(this.get(), draft)) : this.get();
    const envModel = this.env.LECTERN_AI_MODEL?.trim() || undefined;
    const { provider, url, origin } = this.target(settings);
    const notConfigured = (message: string): ResolveResult => ({ ok: false, code: 'AI_NOT_CONFIGURED', message, settings });
    if (!provider) return notConfigured('AI is switched off. Choose a provider in Settings.');
    // A key typed into the form, or one from the environment, goes where the caller says; only the
    // stored key is held to the origin it was saved for. Checked before anything else is built, so
    // a refused call sends nothing at all.
    // With no usable address the stored key stays where it is, and the checks below say what is missing.
    let apiKey = draftKey || this.env.LECTERN_AI_API_KEY || undefined;
    if (!apiKey && origin !== null) {
      const stored = await this.storedKeyFor(provider, origin);
      if ('refused' in stored) return { ok: false, code: 'AI_KEY_ORIGIN', message: stored.refused, settings };
      apiKey = stored.key;
    }

    if (provider === 'azure') {
      const { endpoint, deployment, apiVersion } = settings.azure;
      if (!endpoint || !deployment) return notConfigured('Azure OpenAI needs an endpoint and a deployment name.');
      if (!apiKey) return notConfigured('Azure OpenAI needs an API key.');
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
    const baseUrl = url;
    if (!baseUrl) return notConfigured('Enter the address of the AI server.');
    const model = envModel ?? settings.model;
    if (!model) return notConfigured('Choose a model.');
    if (provider === 'openai' && !apiKey) return notConfigured('OpenAI needs an API key.');
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
