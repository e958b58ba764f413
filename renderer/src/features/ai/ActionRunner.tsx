import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/core';
import type { AiActionInfo, AiStartInput, LecternDocument, RequestPreview as Preview } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';
import { aiJobs } from './aiJobs';
import { actionLabel } from './aiActions';
import { countWords } from './countWords';
import { mapRange } from './insertAnswer';
import { initialParamValues, paramFields, validateParams, type ParamValues } from './paramFields';
import { ParamsForm } from './ParamsForm';
import { RequestPreview } from './RequestPreview';
import { findUnlistedNames, textsToCheck, type NameWarningData } from './nameCheck';
import { selectionText } from './selectionText';
import { NameWarning } from './NameWarning';
import { SuggestionJob } from './SuggestionJob';

type PreviewState =
  | { status: 'hidden' }
  | { status: 'loading' }
  | { status: 'ready'; preview: Preview; names: NameWarningData | undefined }
  | { status: 'error'; message: string };

export interface RunningJob {
  jobId: string;
  action: AiActionInfo;
  /** Where the selection was when the teacher asked, kept up to date as the lesson changes. */
  range: { current: { from: number; to: number } };
  /** The lesson the answer goes into. */
  documentId: string;
}

/** Chooses an action, fills its parameters, previews the request, and runs it. */
export function ActionRunner({
  actions,
  document: doc,
  editor,
  flush,
  onJobFinished,
}: {
  actions: AiActionInfo[];
  document: LecternDocument;
  editor: Editor;
  flush: () => Promise<boolean>;
  onJobFinished: () => void;
}) {
  const usable = useMemo(() => actions.filter((a) => a.source !== 'none'), [actions]);
  const [actionId, setActionId] = useState(() => usable.find((a) => a.id === 'simplify')?.id ?? usable[0]?.id ?? '');
  const action = usable.find((a) => a.id === actionId);
  const fields = useMemo(() => (action ? paramFields(action.paramsSchema) : []), [action]);
  const [valuesByAction, setValuesByAction] = useState<Record<string, ParamValues>>({});
  const values = valuesByAction[actionId] ?? initialParamValues(fields);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<PreviewState>({ status: 'hidden' });
  const [startError, setStartError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [job, setJob] = useState<RunningJob>();
  const [notice, setNotice] = useState<string>();
  /** Words that look like names in what is about to be sent, with no class list: sent only if the teacher says so. */
  const [nameWarning, setNameWarning] = useState<{ input: AiStartInput; warning: NameWarningData }>();
  const selectId = useId();
  const hintId = useId();
  const range = useRef({ from: 0, to: 0 });
  const actionSelect = useRef<HTMLSelectElement>(null);

  // Opened from the keyboard, the panel itself has the focus: hand it to the first choice.
  useEffect(() => {
    const select = actionSelect.current;
    const panel = select?.closest('aside');
    if (select && panel && document.activeElement === panel) select.focus();
  }, []);

  const selection = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const { from, to, empty } = e.state.selection;
      return { from, to, empty, words: empty ? 0 : countWords(e.state.doc.textBetween(from, to, ' ', ' ')) };
    },
    equalityFn: (a, b) => b !== null && a.from === b.from && a.to === b.to && a.words === b.words,
  });

  // Follow the asked-about selection through the teacher's edits while the AI writes.
  useEffect(() => {
    if (!job) return;
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean; mapping: { map(pos: number, assoc: number): number } } }) => {
      if (transaction.docChanged) range.current = mapRange(range.current, (pos, assoc) => transaction.mapping.map(pos, assoc));
    };
    editor.on('transaction', onTransaction);
    return () => {
      editor.off('transaction', onTransaction);
    };
  }, [editor, job]);

  const needsSelection = action?.source === 'selection';
  const selectionMissing = needsSelection && (selection?.empty ?? true);

  const setValue = (name: string, value: string | boolean) => {
    setValuesByAction((all) => ({ ...all, [actionId]: { ...values, [name]: value } }));
    setErrors((e) => {
      const { [name]: _removed, ...rest } = e;
      return rest;
    });
    setPreview({ status: 'hidden' });
    setNameWarning(undefined);
  };

  const buildInput = (): AiStartInput | undefined => {
    if (!action) return undefined;
    const checked = validateParams(fields, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return undefined;
    }
    setErrors({});
    const { from, to } = editor.state.selection;
    const input: AiStartInput = { action: action.id, documentId: doc.id, params: checked.params };
    if (action.source === 'selection') input.selection = { text: selectionText(editor.state.doc, from, to) };
    return input;
  };

  const togglePreview = async () => {
    if (preview.status !== 'hidden') {
      setPreview({ status: 'hidden' });
      return;
    }
    const input = buildInput();
    if (!input) return;
    setPreview({ status: 'loading' });
    try {
      if (action?.source === 'document') await flush();
      const [ready, names] = await Promise.all([unwrap(lectern().ai.previewRequest(input)), findUnlistedNames(textsToCheck(input))]);
      setPreview({ status: 'ready', preview: ready, names });
    } catch (error) {
      setPreview({ status: 'error', message: describeError(error) });
    }
  };

  const run = async () => {
    const input = buildInput();
    if (!input || !action) return;
    setStartError(undefined);
    setNotice(undefined);
    setNameWarning(undefined);
    setStarting(true);
    try {
      // No class list: what looks like a pupil's name would go as written, so ask first.
      const warning = await findUnlistedNames(textsToCheck(input));
      if (warning) {
        setNameWarning({ input, warning });
        return;
      }
    } catch (error) {
      setStartError(describeError(error));
      return;
    } finally {
      setStarting(false);
    }
    await send(input);
  };

  const send = async (input: AiStartInput) => {
    if (!action) return;
    setNameWarning(undefined);
    setStarting(true);
    try {
      // Core reads the lesson from the library, so it must hold what the teacher sees.
      if (action.source === 'document') await flush();
      const { from, to } = editor.state.selection;
      range.current = { from, to };
      const { jobId } = await aiJobs.start(input);
      setPreview({ status: 'hidden' });
      setJob({ jobId, action, range, documentId: doc.id });
    } catch (error) {
      setStartError(describeError(error));
    } finally {
      setStarting(false);
    }
  };

  const finish = (message?: string) => {
    setJob(undefined);
    setNotice(message);
    onJobFinished();
  };

  if (job) {
    return <SuggestionJob job={job} editor={editor} onDone={finish} onEnded={onJobFinished} />;
  }

  const grouped = (source: AiActionInfo['source']) => usable.filter((a) => a.source === source);
  return (
    <form
      className="ai-form"
      aria-label={strings.ai.actionLabel}
      onSubmit={(event) => {
        event.preventDefault();
        void run();
      }}
    >
      {notice && (
        <p role="status" className="ai-notice">
          {notice}
        </p>
      )}
      <div className="field">
        <label htmlFor={selectId}>{strings.ai.actionLabel}</label>
        <select
          ref={actionSelect}
          id={selectId}
          value={actionId}
          onChange={(event) => {
            setActionId(event.target.value);
            setErrors({});
            setPreview({ status: 'hidden' });
            setNameWarning(undefined);
          }}
        >
          <optgroup label={strings.ai.groupSelection}>
            {grouped('selection').map((a) => (
              <option key={a.id} value={a.id}>
                {actionLabel(a)}
              </option>
            ))}
          </optgroup>
          <optgroup label={strings.ai.groupDocument}>
            {grouped('document').map((a) => (
              <option key={a.id} value={a.id}>
                {actionLabel(a)}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <p id={hintId} className="field__hint">
        {needsSelection
          ? selectionMissing
            ? format(strings.review.selectionNeeded, { action: action ? actionLabel(action) : '' })
            : format(strings.ai.selectionSummary, { words: format(selection!.words === 1 ? strings.ai.wordsOne : strings.ai.wordsMany, { count: selection!.words }) })
          : strings.ai.documentSource}
      </p>
      <ParamsForm fields={fields} values={values} errors={errors} onChange={setValue} disabled={starting} />
      <div className="ai-actions-row">
        <button type="submit" className="primary" disabled={starting || selectionMissing} aria-describedby={hintId}>
          {strings.ai.run}
        </button>
        <button type="button" aria-expanded={preview.status !== 'hidden'} disabled={selectionMissing} onClick={() => void togglePreview()}>
          {preview.status === 'hidden' ? strings.ai.previewRequest : strings.ai.hidePreview}
        </button>
      </div>
      {nameWarning && (
        <NameWarning warning={nameWarning.warning} onSend={() => void send(nameWarning.input)} onCancel={() => setNameWarning(undefined)} />
      )}
      {startError && (
        <p role="alert" className="field__error">
          {startError}
        </p>
      )}
      {preview.status === 'loading' && <p role="status">{strings.ai.preparingPreview}</p>}
      {preview.status === 'error' && (
        <p role="alert" className="field__error">
          {preview.message}
        </p>
      )}
      {preview.status === 'ready' && (
        <>
          {preview.names && <NameWarning warning={preview.names} />}
          <RequestPreview preview={preview.preview} headingLevel={4} />
        </>
      )}
    </form>
  );
}
