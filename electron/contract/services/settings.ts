import { z } from 'zod';
import { method } from '../method';

export const AI_PROVIDERS = ['openai', 'azure', 'compatible'] as const;
export const AiProviderKindSchema = z.enum(AI_PROVIDERS);
export type AiProviderKind = z.infer<typeof AiProviderKindSchema>;

export const AI_PRESET_IDS = ['ollama', 'lm-studio', 'llama-cpp', 'litellm', 'custom'] as const;
export const AiPresetIdSchema = z.enum(AI_PRESET_IDS);
export type AiPresetId = z.infer<typeof AiPresetIdSchema>;

export interface AiPreset {
  id: AiPresetId;
  /** Key under i18n `ai.presets`. */
  labelKey: AiPresetId;
  baseUrl: string;
  needsKey: boolean;
}

/** OpenAI-compatible servers Lectern knows the usual address of. A school gateway's address varies. */
export const AI_PRESETS: readonly AiPreset[] = [
  { id: 'ollama', labelKey: 'ollama', baseUrl: 'http://localhost:11434/v1', needsKey: false },
  { id: 'lm-studio', labelKey: 'lm-studio', baseUrl: 'http://localhost:1234/v1', needsKey: false },
  { id: 'llama-cpp', labelKey: 'llama-cpp', baseUrl: 'http://localhost:8080/v1', needsKey: false },
  { id: 'litellm', labelKey: 'litellm', baseUrl: 'http://localhost:4000/v1', needsKey: true },
  { id: 'custom', labelKey: 'custom', baseUrl: '', needsKey: false },
];

/** Where OpenAI itself answers when no proxy address is given. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * The origin a stored API key is bound to: scheme, host and port, normalised (host in lower case
 * and punycode, a trailing dot and a default port dropped) so that equal addresses compare equal
 * and a user-info trick such as `https://api.openai.com@evil.example` names its real host.
 * null for anything that is not an http(s) address.
 */
export function keyOriginOf(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.replace(/\.$/, '');
  if (!host) return null;
  return `${parsed.protocol}//${host}${parsed.port ? `:${parsed.port}` : ''}`;
}

const HttpUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/i, 'Enter an address starting with http:// or https://');

export const RedactionOptionsSchema = z.object({
  emails: z.boolean(),
  phones: z.boolean(),
  postcodes: z.boolean(),
  datesOfBirth: z.boolean(),
  upns: z.boolean(),
  nhsNumbers: z.boolean(),
  classListNames: z.boolean(),
});
export type RedactionOptions = z.infer<typeof RedactionOptionsSchema>;

export const AiSettingsSchema = z.object({
  /** null: AI is switched off (Lectern works without it). */
  provider: AiProviderKindSchema.nullable(),
  preset: AiPresetIdSchema,
  /** For compatible servers; for OpenAI an optional override (a proxy). */
  baseUrl: HttpUrl.nullable(),
  model: z.string().trim().max(200).nullable(),
  azure: z.object({
    endpoint: HttpUrl.nullable(),
    deployment: z.string().trim().max(200).nullable(),
    apiVersion: z.string().trim().max(40),
  }),
  /** How a compatible server is asked for structured output; json_object suits servers without JSON Schema support. */
  structuredOutput: z.enum(['json_schema', 'json_object']),
  /** Pupils' names, kept on this computer only and replaced before any request leaves it. */
  classList: z.array(z.string().trim().min(1).max(100)).max(1000),
  redaction: RedactionOptionsSchema,
  /** Use the provider's moderation endpoint when it has one (Lectern's own check always runs). */
  providerModeration: z.boolean(),
});
export type AiSettings = z.infer<typeof AiSettingsSchema>;

export const AiSettingsPatchSchema = z
  .object({
    provider: AiProviderKindSchema.nullable(),
    preset: AiPresetIdSchema,
    baseUrl: HttpUrl.nullable(),
    model: z.string().trim().max(200).nullable(),
    azure: AiSettingsSchema.shape.azure.partial(),
    structuredOutput: AiSettingsSchema.shape.structuredOutput,
    classList: AiSettingsSchema.shape.classList,
    redaction: RedactionOptionsSchema.partial(),
    providerModeration: z.boolean(),
  })
  .partial()
  .strict();
export type AiSettingsPatch = z.infer<typeof AiSettingsPatchSchema>;

export const AiSettingsViewSchema = AiSettingsSchema.extend({
  /** Whether a key is stored for the chosen provider. The key itself is never returned. */
  hasApiKey: z.boolean(),
  /**
   * The origin the stored key was entered for (it is sent nowhere else), or null when no key is
   * stored. A key saved by an older version is shown bound to the saved address it will be bound
   * to on first use.
   */
  keyOrigin: z.string().nullable(),
  /** False when the computer offers no encryption for stored keys (the key then lives in memory only). */
  keyEncrypted: z.boolean(),
  /** Settings replaced by LECTERN_AI_* environment variables (development and tests). */
  envOverrides: z.array(z.enum(['baseUrl', 'apiKey', 'model'])),
});
export type AiSettingsView = z.infer<typeof AiSettingsViewSchema>;

export const settingsContract = {
  getAi: method('The AI settings (never the key: only whether one is stored).', z.object({}).strict(), AiSettingsViewSchema),
  updateAi: method(
    'Change AI settings. apiKey: a string stores it in the secret store, null removes it, absent leaves it.',
    AiSettingsPatchSchema.extend({ apiKey: z.string().trim().min(1).max(500).nullable().optional() }).strict(),
    AiSettingsViewSchema,
  ),
};
