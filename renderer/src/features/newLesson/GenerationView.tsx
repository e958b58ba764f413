import { useEffect, useRef, useState } from 'react';
import { describeError, format, strings } from '../../i18n';
import { aiJobs, useAiJob } from '../ai/aiJobs';
import { categoriesText, jobStatusText } from '../ai/jobStatusText';
import { LiveView } from '../ai/LiveView';
import { useThrottledStatus } from '../ai/useThrottledStatus';
import type { LessonBrief } from './brief';
import '../ai/ai.css';
import './newLesson.css';
import { JobStatusLine } from '../ai/JobStatusLine';

const n = strings.newLesson;

/**
 * A lesson being written: the answer grows in a read-only view (core saves the document when the
 * AI finishes, or when the teacher stops it), then the saved lesson opens in the editor.
 */
export function GenerationView({
  jobId,
  brief,
  onFinished,
  onBack,
  onTryAgain,
}: {
  jobId: string;
  brief: LessonBrief;
  /** The lesson is saved: open it, telling the teacher `notice`. */
  onFinished: (documentId: string, notice: string) => void;
  onBack: () => void;
  onTryAgain: () => void;
}) {
  const job = useAiJob(jobId);
  const [words, setWords] = useState(0);
  const [stopping, setStopping] = useState(false);
  const [stopError, setStopError] = useState<string>();
  const status = jobStatusText(job, words, 'document', stopping);
  const announced = useThrottledStatus(status.text, status.kind);
  const back = useRef<HTMLButtonElement>(null);

  const documentId = job?.result?.documentId ?? null;
  const phase = job?.phase;
  const guidance = job?.guidance ?? [];
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });
  const guidanceText = guidance.length > 0 ? format(strings.ai.moderation.guidanceBanner, { categories: categoriesText(guidance) }) : undefined;
  const reported = useRef(false);
  useEffect(() => {
    if (!documentId || reported.current) return;
    reported.current = true;
    const notice = phase === 'cancelled' ? n.stoppedNotice : (guidanceText ?? n.writtenNotice);
    onFinishedRef.current(documentId, notice);
  }, [documentId, phase, guidanceText]);

  const ended = phase !== undefined && phase !== 'running' && !documentId;
  useEffect(() => {
    if (ended) back.current?.focus();
  }, [ended]);

  const stop = async () => {
    setStopping(true);
    try {
      await aiJobs.cancel(jobId);
    } catch (error) {
      setStopping(false);
      setStopError(describeError(error));
    }
  };

  return (
    <section className="generation" aria-labelledby="generation-heading">
      <div className="generation__header">
        <div>
          <h1 id="generation-heading">{ended && status.tone === 'error' ? n.failedHeading : n.writingHeading}</h1>
          <p className="generation__topic">{[brief.topic, brief.subject].filter(Boolean).join(' · ')}</p>
        </div>
        {!ended && (
          <button type="button" className="danger" disabled={stopping || (phase !== undefined && phase !== 'running')} onClick={() => void stop()}>
            {n.stop}
          </button>
        )}
      </div>
      <JobStatusLine status={status} announced={announced} className="generation" />
      {guidanceText && (
        <p role="note" className="ai-banner">
          {guidanceText}
        </p>
      )}
      {stopError && <p role="alert">{stopError}</p>}
      {ended ? (
        <div className="dialog__actions generation__actions">
          <button ref={back} type="button" onClick={onBack}>
            {n.back}
          </button>
          <button type="button" className="primary" onClick={onTryAgain}>
            {n.tryAgain}
          </button>
        </div>
      ) : (
        <LiveView jobId={jobId} label={n.liveLabel} busy tall onWords={setWords} />
      )}
    </section>
  );
}
