/**
 * A job's status: shown at once, but announced to screen readers through a throttled live
 * region (`announced`) so a streaming answer does not read out every word. Errors are alerts.
 */
export function JobStatusLine({
  status,
  announced,
  className,
}: {
  status: { tone: string; text: string };
  announced: string;
  /** BEM block, e.g. `ai-job` gives `ai-job__status` and `ai-job__error`. */
  className: string;
}) {
  return (
    <>
      {status.tone === 'error' ? (
        <p role="alert" className={`${className}__error`}>
          {status.text}
        </p>
      ) : (
        <p className={`${className}__status`} aria-hidden="true">
          {status.text}
        </p>
      )}
      <p role="status" className="ai-visually-hidden">
        {status.tone === 'error' ? '' : announced}
      </p>
    </>
  );
}
