import { useEffect, useId, useState } from 'react';
import { AI_PRESETS, type AiPresetId, type AiProviderKind, type AiSettingsView, type RedactionOptions, type TestConnectionResult } from '../../../../../electron/contract';
import { lectern, unwrap } from '../../../api/lectern';
import { describeError, format, strings } from '../../../i18n';
import { refreshAiStatus } from '../aiStatus';
import { formFromView, keyChange, patchFromForm, savedKeyElsewhere, validateAiForm, withPreset, type AiSettingsField, type AiSettingsForm } from './aiSettingsForm';
import '../ai.css';
import { Field } from '../../forms/Field';

const t = strings.ai.settingsForm;
const PROVIDERS: Array<AiProviderKind | 'off'> = ['off', 'openai', 'azure', 'compatible'];
const REDACTIONS = Object.keys(t.redaction) as Array<keyof RedactionOptions>;
const ENV_VARIABLE = { baseUrl: 'LECTERN_AI_BASE_URL', apiKey: 'LECTERN_AI_API_KEY', model: 'LECTERN_AI_MODEL' } as const;

type Message = { tone: 'ok' | 'error'; text: string } | undefined;

/** A labelled field with its hint and error tied to the control for screen readers. */

/**
 * Settings → AI: provider, server, model, key (write-only), connection test, class list and what
 * is replaced before sending. Nothing is stored until Save; the key is never shown once entered.
 */
export function AiSettingsSection() {
  const [view, setView] = useState<AiSettingsView>();
  const [form, setForm] = useState<AiSettingsForm>();
  const [loadError, setLoadError] = useState<string>();
  const [errors, setErrors] = useState<Partial<Record<AiSettingsField, string>>>({});
  const [saveMessage, setSaveMessage] = useState<Message>();
  const [saving, setSaving] = useState(false);
  const [testMessage, setTestMessage] = useState<Message>();
  const [testing, setTesting] = useState(false);
  const [models, setModels] = useState<string[]>([]);
  const [modelsNote, setModelsNote] = useState<string>();
  const id = useId();

  useEffect(() => {
    unwrap(lectern().settings.getAi({})).then(
      (loaded) => {
        setView(loaded);
        setForm(formFromView(loaded));
      },
      (error: unknown) => setLoadError(format(t.loadFailed, { reason: describeError(error) })),
    );
  }, []);

  if (loadError) return <p role="alert">{loadError}</p>;
  if (!view || !form) return <p role="status">{strings.editor.loading}</p>;

  const env = new Set(view.envOverrides);
  const update = (change: Partial<AiSettingsForm>) => {
    setForm({ ...form, ...change });
    setSaveMessage(undefined);
    const touched = Object.keys(change) as AiSettingsField[];
    if (touched.some((f) => errors[f])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k as AiSettingsField))));
  };
  const envNote = (variable: keyof typeof ENV_VARIABLE) => (env.has(variable) ? format(t.envOverride, { variable: ENV_VARIABLE[variable] }) : undefined);
  const sameProvider = view.provider === form.provider;
  const keyStored = sameProvider && view.hasApiKey && !env.has('apiKey');
  // A changed address needs the key entered again: core sends a saved key only where it was entered.
  const keyElsewhere = savedKeyElsewhere(form, view);
  const showKeyInput = form.provider !== 'off' && (!keyStored || form.keyMode === 'replace' || keyElsewhere !== null);

  const check = (): boolean => {
    const found = validateAiForm(form, view);
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  /** Unsaved form values for a connection test; an untouched saved key is used by core itself. */
  const connectionInput = () => {
    const key = keyChange(form);
    return { settings: patchFromForm(form), ...(typeof key === 'string' ? { apiKey: key } : {}) };
  };

  const loadModels = async (): Promise<void> => {
    if (form.provider === 'off' || !check()) return;
    setModelsNote(undefined);
    try {
      const { models: listed } = await unwrap(lectern().ai.listModels(connectionInput()));
      setModels(listed);
      setModelsNote(listed.length > 0 ? format(t.modelsFound, { count: listed.length }) : t.modelsNone);
    } catch (error) {
      setModels([]);
      setModelsNote(describeError(error));
    }
  };

  const testConnection = async () => {
    if (!check()) {
      setTestMessage({ tone: 'error', text: t.fixErrors });
      return;
    }
    setTesting(true);
    setTestMessage({ tone: 'ok', text: t.testing });
    try {
      const result: TestConnectionResult = await unwrap(lectern().ai.testConnection(connectionInput()));
      if (result.ok) {
        if (result.models.length > 0) setModels(result.models);
        const model = form.model.trim();
        const text =
          result.modelAvailable === false
            ? format(strings.ai.settings.modelMissing, { model })
            : result.modelCount === null
              ? format(strings.ai.settings.testOkNoList, { ms: Math.round(result.latencyMs) })
              : format(strings.ai.settings.testOk, { ms: Math.round(result.latencyMs), count: result.modelCount });
        setTestMessage({ tone: result.modelAvailable === false ? 'error' : 'ok', text });
      } else {
        const reason = (strings.errors as Record<string, string>)[result.code] ?? result.message;
        setTestMessage({ tone: 'error', text: format(t.testFailed, { message: reason }) });
      }
    } catch (error) {
      setTestMessage({ tone: 'error', text: format(t.testFailed, { message: describeError(error) }) });
    } finally {
      setTesting(false);
    }
  };

  const save = async () => {
    if (!check()) {
      setSaveMessage({ tone: 'error', text: t.fixErrors });
      return;
    }
    setSaving(true);
    try {
      const key = keyChange(form);
      const saved = await unwrap(lectern().settings.updateAi({ ...patchFromForm(form), ...(key !== undefined && form.provider !== 'off' ? { apiKey: key } : {}) }));
      setView(saved);
      // The key leaves the form as soon as it is stored: it is never shown again.
      setForm(formFromView(saved));
      setSaveMessage({ tone: 'ok', text: t.saved });
      void refreshAiStatus();
    } catch (error) {
      setSaveMessage({ tone: 'error', text: format(t.saveFailed, { reason: describeError(error) }) });
    } finally {
      setSaving(false);
    }
  };

  const input = (field: AiSettingsField, value: string, onChange: (v: string) => void, describedBy: string | undefined, extra: Record<string, unknown> = {}) => (
    <input
      id={`${id}-${field}`}
      value={value}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
      spellCheck={false}
      autoComplete="off"
      {...extra}
    />
  );

  return (
    <form
      className="ai-settings"
      aria-label={strings.ai.settings.heading}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2>{strings.ai.settings.heading}</h2>
      <p>{t.intro}</p>
      {env.has('baseUrl') && form.provider !== 'openai' && (
        <p role="note" className="ai-banner">
          {t.envActive}
        </p>
      )}

      <fieldset>
        <legend>{strings.ai.settings.provider}</legend>
        {PROVIDERS.map((p) => (
          <label key={p} className="choice">
            <input
              type="radio"
              name={`${id}-provider`}
              value={p}
              checked={form.provider === p}
              onChange={() => update({ provider: p, keyMode: 'keep', newKey: '' })}
            />{' '}
            {p === 'off' ? t.providerOff : strings.ai.providers[p]}
          </label>
        ))}
      </fieldset>

      {form.provider === 'compatible' && (
        <Field id={`${id}-preset`} label={t.preset}>
          {(describedBy) => (
            <select id={`${id}-preset`} value={form.preset} aria-describedby={describedBy} onChange={(e) => setForm(withPreset(form, e.target.value as AiPresetId))}>
              {AI_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {strings.ai.presets[p.labelKey]}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      {(form.provider === 'compatible' || form.provider === 'openai') && (
        <Field
          id={`${id}-baseUrl`}
          label={form.provider === 'openai' ? t.openAiBaseUrl : strings.ai.settings.baseUrl}
          hint={envNote('baseUrl') ?? (form.provider === 'openai' ? t.openAiBaseUrlHint : t.baseUrlHint)}
          error={errors.baseUrl}
        >
          {(describedBy) => input('baseUrl', form.baseUrl, (v) => update({ baseUrl: v }), describedBy, { type: 'url', inputMode: 'url' })}
        </Field>
      )}

      {form.provider === 'azure' && (
        <>
          <Field id={`${id}-azureEndpoint`} label={strings.ai.settings.azureEndpoint} error={errors.azureEndpoint}>
            {(describedBy) => input('azureEndpoint', form.azureEndpoint, (v) => update({ azureEndpoint: v }), describedBy, { type: 'url', inputMode: 'url' })}
          </Field>
          <Field id={`${id}-azureDeployment`} label={strings.ai.settings.azureDeployment} error={errors.azureDeployment}>
            {(describedBy) => input('azureDeployment', form.azureDeployment, (v) => update({ azureDeployment: v }), describedBy)}
          </Field>
          <Field id={`${id}-azureApiVersion`} label={strings.ai.settings.azureApiVersion} hint={t.azureApiVersionHint} error={errors.azureApiVersion}>
            {(describedBy) => input('azureApiVersion', form.azureApiVersion, (v) => update({ azureApiVersion: v }), describedBy)}
          </Field>
        </>
      )}

      {(form.provider === 'compatible' || form.provider === 'openai') && (
        <Field id={`${id}-model`} label={strings.ai.settings.model} hint={envNote('model') ?? modelsNote ?? t.modelHint} error={errors.model}>
          {(describedBy) => (
            <div className="ai-settings__row">
              {input('model', form.model, (v) => update({ model: v }), describedBy, { list: `${id}-models` })}
              <datalist id={`${id}-models`}>
                {models.map((m) => (
                  <option key={m} value={m} />
                ))}
              </datalist>
              <button type="button" onClick={() => void loadModels()}>
                {t.refreshModels}
              </button>
            </div>
          )}
        </Field>
      )}

      {form.provider !== 'off' && (
        <div className="ai-settings__key">
          <p className="ai-settings__key-status" id={`${id}-keyStatus`}>
            {env.has('apiKey')
              ? t.keyFromEnv
              : keyStored
                ? form.keyMode === 'remove'
                  ? t.keyWillBeRemoved
                  : keyElsewhere
                    ? format(t.keyOtherOrigin, keyElsewhere)
                  : view.keyEncrypted
                    ? t.keySavedEncrypted
                    : t.keySavedSession
                : sameProvider
                  ? t.keyNone
                  : t.keyOtherProvider}
          </p>
          {keyStored && form.keyMode === 'keep' && (
            <div className="ai-actions-row">
              <button type="button" onClick={() => update({ keyMode: 'replace', newKey: '' })}>
                {t.replaceKey}
              </button>
              <button type="button" className="danger" onClick={() => update({ keyMode: 'remove', newKey: '' })}>
                {strings.ai.settings.removeKey}
              </button>
            </div>
          )}
          {keyStored && form.keyMode !== 'keep' && (
            <button type="button" onClick={() => update({ keyMode: 'keep', newKey: '' })}>
              {t.keepKey}
            </button>
          )}
          {showKeyInput && (
            <Field
              id={`${id}-newKey`}
              label={keyStored ? t.newKey : strings.ai.settings.apiKey}
              hint={form.provider === 'compatible' ? t.keyOptional : undefined}
              error={errors.newKey}
            >
              {(describedBy) =>
                input('newKey', form.newKey, (v) => update({ newKey: v, keyMode: keyStored ? 'replace' : 'keep' }), describedBy, {
                  type: 'password',
                  autoComplete: 'new-password',
                })
              }
            </Field>
          )}
        </div>
      )}

      {form.provider === 'compatible' && (
        <Field id={`${id}-structured`} label={t.structuredOutput}>
          {(describedBy) => (
            <select
              id={`${id}-structured`}
              value={form.structuredOutput}
              aria-describedby={describedBy}
              onChange={(e) => update({ structuredOutput: e.target.value as AiSettingsForm['structuredOutput'] })}
            >
              <option value="json_schema">{t.structuredJsonSchema}</option>
              <option value="json_object">{t.structuredJsonObject}</option>
            </select>
          )}
        </Field>
      )}

      {form.provider !== 'off' && (
        <div className="ai-actions-row">
          <button type="button" disabled={testing} onClick={() => void testConnection()}>
            {strings.ai.settings.testConnection}
          </button>
        </div>
      )}
      <p role="status" className={testMessage?.tone === 'error' ? 'ai-settings__result ai-settings__result--error' : 'ai-settings__result'}>
        {testMessage?.text}
      </p>

      <Field id={`${id}-classList`} label={strings.ai.settings.classList} hint={t.classListHint} error={errors.classList}>
        {(describedBy) => (
          <textarea
            id={`${id}-classList`}
            rows={5}
            value={form.classList}
            spellCheck={false}
            aria-invalid={errors.classList ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => update({ classList: e.target.value })}
          />
        )}
      </Field>

      <fieldset>
        <legend>{t.redactionHeading}</legend>
        {REDACTIONS.map((r) => (
          <label key={r} className="choice">
            <input type="checkbox" checked={form.redaction[r]} onChange={(e) => update({ redaction: { ...form.redaction, [r]: e.target.checked } })} /> {t.redaction[r]}
          </label>
        ))}
      </fieldset>

      {form.provider === 'openai' && (
        <label className="choice">
          <input type="checkbox" checked={form.providerModeration} onChange={(e) => update({ providerModeration: e.target.checked })} /> {t.providerModeration}
        </label>
      )}

      <div className="ai-actions-row ai-settings__save">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t.saving : t.save}
        </button>
      </div>
      <p role="status" className="ai-settings__result">
        {saveMessage?.tone === 'ok' ? saveMessage.text : ''}
      </p>
      {saveMessage?.tone === 'error' && (
        <p role="alert" className="field__error">
          {saveMessage.text}
        </p>
      )}
    </form>
  );
}
