import {
  AI_PRESETS,
  AiSettingsPatchSchema,
  keyOriginOf,
  OPENAI_BASE_URL,
  type AiPresetId,
  type AiProviderKind,
  type AiSettingsPatch,
  type AiSettingsView,
  type RedactionOptions,
} from '../../../../../electron/contract';
import { format, strings } from '../../../i18n';

/** The settings form as the teacher edits it: text boxes hold strings, "off" is a choice. */
export interface AiSettingsForm {
  provider: AiProviderKind | 'off';
  preset: AiPresetId;
  baseUrl: string;
  model: string;
  azureEndpoint: string;
  azureDeployment: string;
  azureApiVersion: string;
  structuredOutput: 'json_schema' | 'json_object';
  classList: string;
  redaction: RedactionOptions;
  providerModeration: boolean;
  /** keep: leave the saved key; replace: store `newKey`; remove: delete it. */
  keyMode: 'keep' | 'replace' | 'remove';
  newKey: string;
}

export type AiSettingsField = 'baseUrl' | 'model' | 'azureEndpoint' | 'azureDeployment' | 'azureApiVersion' | 'newKey' | 'classList';

export function formFromView(view: AiSettingsView): AiSettingsForm {
  return {
    provider: view.provider ?? 'off',
    preset: view.preset,
    baseUrl: view.baseUrl ?? '',
    model: view.model ?? '',
    azureEndpoint: view.azure.endpoint ?? '',
    azureDeployment: view.azure.deployment ?? '',
    azureApiVersion: view.azure.apiVersion,
    structuredOutput: view.structuredOutput,
    classList: view.classList.join('\n'),
    redaction: { ...view.redaction },
    providerModeration: view.providerModeration,
    keyMode: 'keep',
    newKey: '',
  };
}

/** Choosing a preset fills in its usual address (the teacher can still change it). */
export function withPreset(form: AiSettingsForm, preset: AiPresetId): AiSettingsForm {
  const known = AI_PRESETS.find((p) => p.id === preset);
  return { ...form, preset, baseUrl: known && known.baseUrl ? known.baseUrl : form.baseUrl };
}

export function classListNames(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim();
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      names.push(name);
    }
  }
  return names;
}

const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** The contract patch for this form (the key travels separately: see keyChange). */
export function patchFromForm(form: AiSettingsForm): AiSettingsPatch {
  return {
    provider: form.provider === 'off' ? null : form.provider,
    preset: form.preset,
    baseUrl: blankToNull(form.baseUrl),
    model: blankToNull(form.model),
    azure: { endpoint: blankToNull(form.azureEndpoint), deployment: blankToNull(form.azureDeployment), apiVersion: form.azureApiVersion.trim() },
    structuredOutput: form.structuredOutput,
    classList: classListNames(form.classList),
    redaction: form.redaction,
    providerModeration: form.providerModeration,
  };
}

/** undefined leaves the stored key alone, null removes it, a string replaces it. */
export function keyChange(form: AiSettingsForm): string | null | undefined {
  if (form.keyMode === 'remove') return null;
  const key = form.newKey.trim();
  return key ? key : undefined;
}

const URL_PATTERN = /^https?:\/\/[^\s]+$/i;

type KeyView = Pick<AiSettingsView, 'provider' | 'hasApiKey' | 'keyOrigin' | 'envOverrides'>;

/**
 * When the form points the saved key's provider at another server than the one the key was
 * entered for: core will not send the saved key there, so the teacher must enter it again (or
 * remove it). null when the saved key can be used, or is not in play.
 */
export function savedKeyElsewhere(form: AiSettingsForm, view: KeyView): { saved: string; target: string } | null {
  if (form.provider === 'off' || form.provider !== view.provider || !view.hasApiKey || !view.keyOrigin) return null;
  if (form.keyMode === 'remove' || form.newKey.trim() !== '') return null;
  const env = new Set(view.envOverrides);
  // A key or an address from the environment is beyond the form's reach.
  if (env.has('apiKey') || (env.has('baseUrl') && form.provider !== 'azure')) return null;
  const url = form.provider === 'azure' ? form.azureEndpoint : form.baseUrl.trim() || (form.provider === 'openai' ? OPENAI_BASE_URL : '');
  const target = keyOriginOf(url);
  return target && target !== view.keyOrigin ? { saved: view.keyOrigin, target } : null;
}

/**
 * Messages per field, in the teacher's words, for a form that cannot be saved or tested as it is.
 * `view` tells whether a key is already stored and which values the environment overrides.
 */
export function validateAiForm(form: AiSettingsForm, view: KeyView): Partial<Record<AiSettingsField, string>> {
  const t = strings.ai.settingsForm;
  const errors: Partial<Record<AiSettingsField, string>> = {};
  const env = new Set(view.envOverrides);
  const url = (field: AiSettingsField, value: string, required: string | null) => {
    if (!value.trim()) {
      if (required) errors[field] = required;
    } else if (!URL_PATTERN.test(value.trim())) errors[field] = t.invalidUrl;
  };
  const keyAvailable =
    env.has('apiKey') || form.newKey.trim() !== '' || (view.hasApiKey && view.provider === form.provider && form.keyMode !== 'remove');

  if (form.provider === 'compatible') {
    url('baseUrl', form.baseUrl, env.has('baseUrl') ? null : t.baseUrlRequired);
    if (!form.model.trim() && !env.has('model')) errors.model = t.modelRequired;
  } else if (form.provider === 'openai') {
    url('baseUrl', form.baseUrl, null);
    if (!form.model.trim() && !env.has('model')) errors.model = t.modelRequired;
    if (!keyAvailable) errors.newKey = t.keyRequired;
  } else if (form.provider === 'azure') {
    url('azureEndpoint', form.azureEndpoint, t.azureEndpointRequired);
    if (!form.azureDeployment.trim()) errors.azureDeployment = t.azureDeploymentRequired;
    if (!form.azureApiVersion.trim()) errors.azureApiVersion = t.azureApiVersionRequired;
    if (!keyAvailable) errors.newKey = t.keyRequired;
  }
  const elsewhere = savedKeyElsewhere(form, view);
  if (elsewhere && !errors.newKey) errors.newKey = format(t.keyOtherOrigin, elsewhere);
  // The contract has the last word; anything it refuses that the checks above missed lands on its field.
  const parsed = AiSettingsPatchSchema.safeParse(patchFromForm(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path;
      const field: AiSettingsField | undefined =
        first === 'baseUrl' ? 'baseUrl' : first === 'model' ? 'model' : first === 'classList' ? 'classList' : first === 'azure' ? (second === 'endpoint' ? 'azureEndpoint' : second === 'deployment' ? 'azureDeployment' : 'azureApiVersion') : undefined;
      if (field && !errors[field]) errors[field] = field === 'classList' ? t.classListTooLong : field === 'baseUrl' || field === 'azureEndpoint' ? t.invalidUrl : issue.message;
    }
  }
  return errors;
}
