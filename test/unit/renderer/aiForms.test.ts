import { describe, expect, it } from 'vitest';
import type { AiSettingsView } from '../../../electron/contract';
import { initialParamValues, paramFields, validateParams } from '../../../renderer/src/features/ai/paramFields';
import { requestText } from '../../../renderer/src/features/ai/requestText';
import { StatusThrottle } from '../../../renderer/src/features/ai/statusThrottle';
import { jobStatusText } from '../../../renderer/src/features/ai/jobStatusText';
import { initialAiJob } from '../../../renderer/src/features/ai/aiJobReducer';
import { classListNames, formFromView, keyChange, patchFromForm, validateAiForm, withPreset } from '../../../renderer/src/features/ai/settings/aiSettingsForm';
import { briefToParams, EMPTY_BRIEF } from '../../../renderer/src/features/newLesson/brief';

// Shapes as ai.actions returns them (zod's JSON Schema with io: 'input').
const simplify = { type: 'object', properties: { readingAge: { default: 9, type: 'integer', minimum: 5, maximum: 16 } } };
const translate = { type: 'object', properties: { language: { default: 'Welsh', type: 'string', enum: ['Welsh', 'Polish'] } } };
const free = { type: 'object', properties: { instruction: { type: 'string', minLength: 1, maxLength: 2000 } }, required: ['instruction'] };
const eal = {
  type: 'object',
  properties: { proficiency: { default: 'early acquisition', type: 'string', enum: ['new to English', 'early acquisition'] }, homeLanguage: { type: 'string', maxLength: 60 } },
};

describe('action parameter forms built from JSON Schema', () => {
  it('makes a number box with its limits and default, and checks them', () => {
    const fields = paramFields(simplify);
    expect(fields).toEqual([expect.objectContaining({ name: 'readingAge', label: 'Reading age', kind: 'number', min: 5, max: 16, required: false })]);
    expect(initialParamValues(fields)).toEqual({ readingAge: '9' });
    expect(validateParams(fields, { readingAge: '9' })).toEqual({ ok: true, params: { readingAge: 9 } });
    expect(validateParams(fields, { readingAge: '3' })).toEqual({ ok: false, errors: { readingAge: 'Enter a number of at least 5.' } });
    expect(validateParams(fields, { readingAge: '9.5' })).toEqual({ ok: false, errors: { readingAge: 'Enter a whole number.' } });
    // Empty optional numbers are left to the action's default.
    expect(validateParams(fields, { readingAge: '' })).toEqual({ ok: true, params: {} });
  });

  it('makes a select from an enum, Welsh first, with readable labels', () => {
    const [language] = paramFields(translate);
    expect(language).toMatchObject({ kind: 'select', options: [{ value: 'Welsh', label: 'Welsh' }, { value: 'Polish', label: 'Polish' }] });
    const [proficiency, home] = paramFields(eal);
    expect(proficiency!.options![0]).toEqual({ value: 'new to English', label: 'New to English' });
    expect(home).toMatchObject({ kind: 'text', label: 'Home language (optional)', maxLength: 60 });
  });

  it('asks for a required instruction in a text area', () => {
    const fields = paramFields(free);
    expect(fields[0]).toMatchObject({ kind: 'textarea', required: true, label: 'Your instruction' });
    expect(validateParams(fields, { instruction: '  ' })).toEqual({ ok: false, errors: { instruction: 'Fill in “Your instruction”.' } });
    expect(validateParams(fields, { instruction: ' Make it rhyme ' })).toEqual({ ok: true, params: { instruction: 'Make it rhyme' } });
  });
});

describe('the new lesson brief', () => {
  it('names each missing field and checks the lesson length', () => {
    const result = briefToParams({ ...EMPTY_BRIEF, lessonLength: '5' });
    expect(result).toEqual({
      ok: false,
      errors: { subject: 'Fill in “Subject”.', keyStage: 'Choose a key stage.', topic: 'Fill in “Topic”.', lessonLength: 'Enter a number of at least 15.' },
    });
  });

  it('becomes generate-lesson parameters, leaving out empty optional fields', () => {
    const result = briefToParams({ ...EMPTY_BRIEF, subject: ' Science ', keyStage: 'KS3', yearGroup: 'Year 8', topic: 'Photosynthesis', classNotes: 'Mixed ability' });
    expect(result).toEqual({
      ok: true,
      params: { subject: 'Science', keyStage: 'KS3', yearGroup: 'Year 8', topic: 'Photosynthesis', lessonLengthMinutes: 60, classNotes: 'Mixed ability' },
    });
  });
});

const view: AiSettingsView = {
  provider: null,
  preset: 'custom',
  baseUrl: null,
  model: null,
  azure: { endpoint: null, deployment: null, apiVersion: '2025-04-01-preview' },
  structuredOutput: 'json_schema',
  classList: ['Amara Okafor'],
  redaction: { emails: true, phones: true, postcodes: true, datesOfBirth: true, upns: true, nhsNumbers: true, classListNames: true },
  providerModeration: true,
  hasApiKey: false,
  keyOrigin: null,
  keyEncrypted: true,
  envOverrides: [],
};

describe('the AI settings form', () => {
  it('fills a preset’s address and turns the form into a contract patch', () => {
    const form = withPreset({ ...formFromView(view), provider: 'compatible', model: 'llama3' }, 'ollama');
    expect(form.baseUrl).toBe('http://localhost:11434/v1');
    expect(patchFromForm({ ...form, classList: 'Amara Okafor\n\n  Ben Smith \namara okafor' })).toMatchObject({
      provider: 'compatible',
      preset: 'ollama',
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3',
      classList: ['Amara Okafor', 'Ben Smith'],
    });
    expect(validateAiForm(form, view)).toEqual({});
  });

  it('says what each provider still needs, next to the field', () => {
    const form = formFromView(view);
    expect(validateAiForm({ ...form, provider: 'compatible' }, view)).toEqual({ baseUrl: 'Enter the server’s address.', model: 'Choose or type a model.' });
    expect(validateAiForm({ ...form, provider: 'compatible', baseUrl: 'localhost:1234', model: 'm' }, view)).toEqual({ baseUrl: 'Enter an address starting with http:// or https://.' });
    expect(validateAiForm({ ...form, provider: 'openai', model: 'gpt-4.1' }, view)).toEqual({ newKey: 'This provider needs an API key.' });
    expect(validateAiForm({ ...form, provider: 'azure', azureApiVersion: '' }, view)).toEqual({
      azureEndpoint: 'Enter the Azure endpoint.',
      azureDeployment: 'Enter the deployment name.',
      azureApiVersion: 'Enter the API version.',
      newKey: 'This provider needs an API key.',
    });
    // Values the environment overrides are not required here.
    expect(validateAiForm({ ...form, provider: 'compatible' }, { ...view, envOverrides: ['baseUrl', 'model'] })).toEqual({});
  });

  it('keeps, replaces or removes the key, and counts a stored key only for its own provider', () => {
    const saved = { ...view, provider: 'openai' as const, hasApiKey: true };
    const form = { ...formFromView(saved), model: 'gpt-4.1' };
    expect(keyChange(form)).toBeUndefined();
    expect(validateAiForm(form, saved)).toEqual({});
    expect(keyChange({ ...form, keyMode: 'replace', newKey: ' sk-new ' })).toBe('sk-new');
    expect(keyChange({ ...form, keyMode: 'remove' })).toBeNull();
    expect(validateAiForm({ ...form, keyMode: 'remove' }, saved)).toEqual({ newKey: 'This provider needs an API key.' });
    expect(validateAiForm({ ...form, provider: 'azure', azureEndpoint: 'https://x.openai.azure.com', azureDeployment: 'd' }, saved)).toEqual({
      newKey: 'This provider needs an API key.',
    });
  });

  it('drops blank and repeated names from the class list', () => {
    expect(classListNames(' Zoë \n\nSiân O’Brien\nzoë\n')).toEqual(['Zoë', 'Siân O’Brien']);
  });
});

describe('what the teacher is told', () => {
  it('reads the request preview for both APIs', () => {
    expect(requestText({ instructions: 'Be kind.', input: [{ role: 'user', content: 'Simplify [PUPIL_1]' }] })).toEqual([
      { label: 'Instructions', text: 'Be kind.' },
      { label: 'Message 1', text: 'Simplify [PUPIL_1]' },
    ]);
    expect(requestText({ messages: [{ role: 'system', content: 'Be kind.' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }] }] })).toEqual([
      { label: 'Instructions', text: 'Be kind.' },
      { label: 'Message 1', text: 'Hi' },
    ]);
  });

  it('throttles progress announcements but says news at once', () => {
    const throttle = new StatusThrottle(5000);
    expect(throttle.offer('Sending…', 'sending', 0)).toEqual({ text: 'Sending…', retryInMs: null });
    expect(throttle.offer('Writing…', 'streaming', 10)).toEqual({ text: 'Writing…', retryInMs: null });
    expect(throttle.offer('Writing… 12 words so far.', 'streaming', 1000)).toEqual({ text: 'Writing…', retryInMs: 4010 });
    expect(throttle.offer('Writing… 300 words so far.', 'streaming', 5010)).toEqual({ text: 'Writing… 300 words so far.', retryInMs: null });
    expect(throttle.offer('The AI has finished.', 'completed', 5020)).toEqual({ text: 'The AI has finished.', retryInMs: null });
  });

  it('words a retry, a block and a failure for a teacher', () => {
    const job = initialAiJob('j', 'i');
    expect(jobStatusText({ ...job, stage: 'retrying', retry: { inMs: 1500, reason: 'AI_RATE_LIMITED' } }, 0, 'document').text).toBe(
      'The AI service is busy. Trying again in 2 seconds…',
    );
    expect(jobStatusText({ ...job, stage: 'streaming' }, 1, 'suggestion').text).toBe('Writing… 1 word so far.');
    const blocked = jobStatusText({ ...job, phase: 'blocked', error: { code: 'AI_BLOCKED', message: 'x', categories: ['harmful-instructions'] } }, 0, 'suggestion');
    expect(blocked).toMatchObject({ tone: 'error', text: 'This AI answer was not added because it may contain: harmful instructions. Your lesson is unchanged.' });
    const limited = jobStatusText({ ...job, phase: 'failed', error: { code: 'AI_RATE_LIMITED', message: 'x', retryAfter: 60, categories: [] } }, 0, 'document');
    expect(limited.text).toBe('The AI service is busy or your usage limit has been reached. Try again in a little while. It should work again in about 60 seconds. Your lesson is unchanged.');
    expect(jobStatusText({ ...job, phase: 'cancelled' }, 0, 'document').text).toBe('Stopped before the AI wrote anything.');
  });
});
