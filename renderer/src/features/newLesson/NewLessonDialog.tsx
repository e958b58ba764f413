import { useEffect, useId, useState } from 'react';
import { KEY_STAGES, type LecternDocument, type RequestPreview as Preview, type TemplateId, type TemplateInfo } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { Dialog } from '../dialogs/Dialog';
import { aiJobs } from '../ai/aiJobs';
import { useAiStatus } from '../ai/aiStatus';
import { AiUnavailable } from '../ai/AiUnavailable';
import { RequestPreview } from '../ai/RequestPreview';
import { findUnlistedNames, textsToCheck, type NameWarningData } from '../ai/nameCheck';
import { NameWarning } from '../ai/NameWarning';
import { briefToParams, isKeyStage, type BriefField, type LessonBrief } from './brief';
import './newLesson.css';
import { Field } from '../forms/Field';

const n = strings.newLesson;

type PreviewState =
  | { status: 'hidden' }
  | { status: 'loading' }
  | { status: 'ready'; preview: Preview; names: NameWarningData | undefined }
  | { status: 'error'; message: string };


/**
 * "New lesson from template or AI…": a brief for the AI (when it is available) and the built-in
 * templates (always: they need no AI). Generating hands the job to the caller, which shows it grow.
 */
export function NewLessonDialog({
  initialBrief,
  onClose,
  onStarted,
  onCreated,
}: {
  initialBrief: LessonBrief;
  onClose: () => void;
  onStarted: (jobId: string, brief: LessonBrief) => void;
  onCreated: (document: LecternDocument) => void;
}) {
  const { status, checking } = useAiStatus();
  const [brief, setBrief] = useState(initialBrief);
  const [errors, setErrors] = useState<Partial<Record<BriefField, string>>>({});
  const [preview, setPreview] = useState<PreviewState>({ status: 'hidden' });
  const [busy, setBusy] = useState<'starting' | TemplateId>();
  const [failure, setFailure] = useState<string>();
  /** No class list and the brief has what looks like a pupil's name: generate only if the teacher says so. */
  const [nameWarning, setNameWarning] = useState<{ params: Record<string, unknown>; warning: NameWarningData }>();
  const [templates, setTemplates] = useState<TemplateInfo[]>();
  const id = useId();

  useEffect(() => {
    unwrap(lectern().templates.list({})).then(setTemplates, (error: unknown) => setFailure(describeError(error)));
  }, []);

  const change = (field: BriefField, value: string) => {
    setBrief((b) => ({ ...b, [field]: value, ...(field === 'keyStage' ? { yearGroup: '' } : {}) }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setPreview({ status: 'hidden' });
    setNameWarning(undefined);
  };

  const checked = () => {
    const result = briefToParams(brief);
    if (!result.ok) {
      setErrors(result.errors);
      return undefined;
    }
    setErrors({});
    return result.params;
  };

  const togglePreview = async () => {
    if (preview.status !== 'hidden') return setPreview({ status: 'hidden' });
    const params = checked();
    if (!params) return;
    setPreview({ status: 'loading' });
    try {
      const input = { action: 'generate-lesson', params };
      const [ready, names] = await Promise.all([unwrap(lectern().ai.previewRequest(input)), findUnlistedNames(textsToCheck(input))]);
      setPreview({ status: 'ready', preview: ready, names });
    } catch (error) {
      setPreview({ status: 'error', message: describeError(error) });
    }
  };

  const generate = async () => {
    const params = checked();
    if (!params) return;
    setBusy('starting');
    setFailure(undefined);
    setNameWarning(undefined);
    try {
      const warning = await findUnlistedNames(textsToCheck({ action: 'generate-lesson', params }));
      if (warning) {
        setNameWarning({ params, warning });
        setBusy(undefined);
        return;
      }
    } catch (error) {
      setFailure(describeError(error));
      setBusy(undefined);
      return;
    }
    await send(params);
  };

  const send = async (params: Record<string, unknown>) => {
    setNameWarning(undefined);
    setBusy('starting');
    try {
      const { jobId } = await aiJobs.start({ action: 'generate-lesson', params });
      onStarted(jobId, brief);
    } catch (error) {
      setFailure(describeError(error));
      setBusy(undefined);
    }
  };

  const fromTemplate = async (template: TemplateInfo) => {
    setBusy(template.id);
    setFailure(undefined);
    try {
      const doc = await unwrap(
        lectern().templates.create({
          templateId: template.id,
          ...(isKeyStage(brief.keyStage) ? { keyStage: brief.keyStage } : {}),
          ...(brief.subject.trim() ? { subject: brief.subject.trim() } : {}),
          ...(brief.topic.trim() ? { title: brief.topic.trim().slice(0, 200) } : {}),
        }),
      );
      onCreated(doc);
    } catch (error) {
      setFailure(describeError(error));
      setBusy(undefined);
    }
  };

  const text = (field: BriefField, extra: Record<string, unknown> = {}) => (describedBy: string | undefined) => (
    <input
      id={`${id}-${field}`}
      value={brief[field]}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => change(field, e.target.value)}
      {...extra}
    />
  );
  const area = (field: BriefField) => (describedBy: string | undefined) => (
    <textarea id={`${id}-${field}`} rows={3} value={brief[field]} aria-invalid={errors[field] ? true : undefined} aria-describedby={describedBy} onChange={(e) => change(field, e.target.value)} />
  );
  const years = isKeyStage(brief.keyStage) ? n.years[brief.keyStage] : [];
  const aiReady = status?.available === true;

  return (
    <Dialog title={n.title} onClose={onClose}>
      <div className="new-lesson">
        <section aria-labelledby={`${id}-ai`} className="new-lesson__ai">
          <h3 id={`${id}-ai`}>{n.aiHeading}</h3>
          {!status && <p role="status">{strings.ai.checking}</p>}
          {status && !aiReady && <AiUnavailable status={status} checking={checking} />}
          {aiReady && (
            <form
              noValidate
              aria-labelledby={`${id}-ai`}
              onSubmit={(event) => {
                event.preventDefault();
                void generate();
              }}
            >
              <p className="field__hint">{n.aiIntro}</p>
              <div className="new-lesson__grid">
                <Field id={`${id}-subject`} label={n.subject} error={errors.subject}>
                  {text('subject', { autoFocus: true, 'aria-required': true, maxLength: 100 })}
                </Field>
                <Field id={`${id}-keyStage`} label={n.keyStage} error={errors.keyStage}>
                  {(describedBy) => (
                    <select
                      id={`${id}-keyStage`}
                      value={brief.keyStage}
                      aria-required
                      aria-invalid={errors.keyStage ? true : undefined}
                      aria-describedby={describedBy}
                      onChange={(e) => change('keyStage', e.target.value)}
                    >
                      <option value="">{n.chooseKeyStage}</option>
                      {KEY_STAGES.map((k) => (
                        <option key={k} value={k}>
                          {strings.ai.keyStages[k]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id={`${id}-yearGroup`} label={n.yearGroup}>
                  {(describedBy) => (
                    <select id={`${id}-yearGroup`} value={brief.yearGroup} aria-describedby={describedBy} disabled={years.length === 0} onChange={(e) => change('yearGroup', e.target.value)}>
                      <option value="">{n.anyYear}</option>
                      {years.map((y) => (
                        <option key={y} value={y}>
                          {y}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id={`${id}-lessonLength`} label={n.lessonLength} error={errors.lessonLength}>
                  {text('lessonLength', { type: 'number', min: 15, max: 180, step: 5, inputMode: 'numeric' })}
                </Field>
              </div>
              <Field id={`${id}-topic`} label={n.topic} error={errors.topic}>
                {text('topic', { 'aria-required': true, maxLength: 300 })}
              </Field>
              <Field id={`${id}-objectives`} label={n.objectives} error={errors.objectives}>
                {area('objectives')}
              </Field>
              <Field id={`${id}-classNotes`} label={n.classNotes} hint={n.classNotesHint} error={errors.classNotes}>
                {area('classNotes')}
              </Field>
              <div className="dialog__actions">
                <button type="button" aria-expanded={preview.status !== 'hidden'} onClick={() => void togglePreview()}>
                  {preview.status === 'hidden' ? n.previewRequest : strings.ai.hidePreview}
                </button>
                <button type="submit" className="primary" disabled={busy !== undefined}>
                  {busy === 'starting' ? n.starting : n.generate}
                </button>
              </div>
              {nameWarning && (
                <NameWarning warning={nameWarning.warning} onSend={() => void send(nameWarning.params)} onCancel={() => setNameWarning(undefined)} />
              )}
              {preview.status === 'loading' && <p role="status">{strings.ai.preparingPreview}</p>}
              {preview.status === 'error' && (
                <p role="alert" className="field__error">
                  {preview.message}
                </p>
              )}
              {preview.status === 'ready' && (
                <div className="new-lesson__preview">
                  {preview.names && <NameWarning warning={preview.names} />}
                  <RequestPreview preview={preview.preview} headingLevel={4} />
                </div>
              )}
            </form>
          )}
        </section>
        <section aria-labelledby={`${id}-templates`} className="new-lesson__templates">
          <h3 id={`${id}-templates`}>{aiReady ? n.templatesHeading : strings.ai.templates.heading}</h3>
          <p className="field__hint">{aiReady ? n.templatesHint : strings.ai.templates.noAi}</p>
          <ul className="new-lesson__template-list">
            {(templates ?? []).map((template) => (
              <li key={template.id}>
                <button type="button" disabled={busy !== undefined} aria-describedby={`${id}-t-${template.id}`} onClick={() => void fromTemplate(template)}>
                  {busy === template.id ? n.creating : format(n.templateButton, { template: template.title })}
                </button>
                <span id={`${id}-t-${template.id}`} className="field__hint">
                  {template.description}
                </span>
              </li>
            ))}
          </ul>
        </section>
        {failure && (
          <p role="alert" className="field__error">
            {failure}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            {n.cancel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
