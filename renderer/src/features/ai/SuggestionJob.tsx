import { useEffect, useRef, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { describeError, format, strings } from '../../i18n';
import { aiJobs, useAiJob } from './aiJobs';
import { isFinished } from './aiJobReducer';
import { useAiNavigation } from './aiNavigation';
import type { RunningJob } from './ActionRunner';
import { categoriesText, jobStatusText } from './jobStatusText';
import { LiveView } from './LiveView';
import { useThrottledStatus } from './useThrottledStatus';
import { JobStatusLine } from './JobStatusLine';
import { AppliedSuggestion } from '../review/AppliedSuggestion';

/**
 * One AI job in the panel: its status (announced politely, throttled), the answer as it streams,
 * Stop, and then Insert or Discard. Nothing reaches the lesson until the teacher inserts it.
 */
export function SuggestionJob({
  job: { jobId, action, range, documentId },
  editor,
  onDone,
  onEnded,
}: {
  job: RunningJob;
  editor: Editor;
  /** The teacher has dealt with the answer (inserted, discarded, opened); with a message to show. */
  onDone: (message?: string) => void;
  /** The job itself ended (the AI record changed). */
  onEnded: () => void;
}) {
  const state = useAiJob(jobId);
  const navigation = useAiNavigation();
  const [words, setWords] = useState(0);
  const [stopping, setStopping] = useState(false);
  const [stopError, setStopError] = useState<string>();
  const target = action.kind === 'generate-document' ? 'document' : 'suggestion';
  const status = jobStatusText(state, words, target, stopping);
  const announced = useThrottledStatus(status.text, status.kind);
  const finished = state !== undefined && isFinished(state);
  const running = !finished;
  const firstAction = useRef<HTMLButtonElement>(null);

  const onEndedRef = useRef(onEnded);
  useEffect(() => {
    onEndedRef.current = onEnded;
  });
  useEffect(() => {
    if (finished) {
      onEndedRef.current();
      firstAction.current?.focus();
    }
  }, [finished]);

  // Closing the panel (or leaving the lesson) while a suggestion streams stops it: there is nowhere
  // left to put it. The stop waits a tick, so React's StrictMode trial unmount (remounted at once)
  // does not stop a job the teacher is still watching.
  const runningRef = useRef(running);
  const pendingStop = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    runningRef.current = running;
  });
  useEffect(() => {
    clearTimeout(pendingStop.current);
    return () => {
      if (!runningRef.current || target !== 'suggestion') return;
      pendingStop.current = setTimeout(
        () =>
          void aiJobs.cancel(jobId).catch((error: unknown) => {
            // The panel is gone, so there is nowhere to show this; core finishes the job and records it.
            console.warn('Lectern: could not stop an AI suggestion after its panel closed', error);
          }),
        0,
      );
    };
  }, [jobId, target]);

  const stop = async () => {
    setStopping(true);
    try {
      await aiJobs.cancel(jobId);
    } catch (error) {
      setStopping(false);
      setStopError(describeError(error));
    }
  };

  const insertable = target === 'suggestion' && (state?.phase === 'completed' || state?.phase === 'cancelled') && (state.result?.content.content?.length ?? 0) > 0 && state.nodes.length > 0;
  const newDocumentId = target === 'document' ? state?.result?.documentId : null;
  const showAnswer = state?.phase !== 'failed' && state?.phase !== 'blocked';

  return (
    <div className="ai-job">
      <JobStatusLine status={status} announced={announced} className="ai-job" />
      {state && state.guidance.length > 0 && (
        <p role="note" className="ai-banner">
          {format(strings.ai.moderation.guidanceBanner, { categories: categoriesText(state.guidance) })}
        </p>
      )}
      {showAnswer && (
        <>
          {target === 'suggestion' && <p className="field__hint">{strings.ai.suggestionNote}</p>}
          <LiveView jobId={jobId} label={strings.ai.suggestionLabel} busy={running} onWords={setWords} />
        </>
      )}
      {stopError && (
        <p role="alert" className="field__error">
          {stopError}
        </p>
      )}
      <div className="ai-actions-row">
        {running && (
          <button type="button" className="danger" disabled={stopping} onClick={() => void stop()}>
            {strings.ai.stop}
          </button>
        )}
        {/* The answer goes into the lesson as tracked changes, reviewed change by change (issue 8). */}
        {insertable && state && (
          <AppliedSuggestion jobId={jobId} editor={editor} documentId={documentId} interactionId={state.interactionId} actionId={action.id} range={range} nodes={state.result?.content.content ?? []} onDone={onDone} />
        )}
        {newDocumentId && (
          <button ref={firstAction} type="button" className="primary" onClick={() => navigation.openDocument(newDocumentId)}>
            {strings.ai.openNewDocument}
          </button>
        )}
        {finished && !insertable && (
          <button ref={newDocumentId ? undefined : firstAction} type="button" onClick={() => onDone()}>
            {strings.ai.discard}
          </button>
        )}
      </div>
    </div>
  );
}
