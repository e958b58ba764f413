import type { RequestPreview as Preview } from '../../../../electron/contract';
import { format, strings } from '../../i18n';
import { requestText } from './requestText';

const providerName = (id: string): string => (strings.ai.providers as Record<string, string>)[id] ?? id;

/** Exactly what will be sent, already redacted: readable parts, the counts replaced, and the raw JSON. */
export function RequestPreview({ preview, headingLevel = 3 }: { preview: Preview; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <section className="ai-request" aria-label={format(strings.ai.previewHeading, { provider: providerName(preview.provider) })}>
      <p>{format(strings.ai.previewIntro, { provider: providerName(preview.provider), model: preview.model })}</p>
      <H>{strings.ai.redactionsHeading}</H>
      {preview.redactions.length === 0 ? (
        <p>{strings.ai.previewNothingReplaced}</p>
      ) : (
        <ul aria-label={strings.ai.redactionsHeading}>
          {preview.redactions.map((r) => (
            <li key={r.type}>{format(strings.ai.previewRedactionCount, { type: strings.ai.redactionTypes[r.type], count: r.count })}</li>
          ))}
        </ul>
      )}
      {requestText(preview.body).map((part, i) => (
        <div key={i}>
          <H>{part.label}</H>
          {/* Focusable so a keyboard user can scroll a long prompt. */}
          <pre className="ai-request__text" tabIndex={0} aria-label={part.label}>
            {part.text}
          </pre>
        </div>
      ))}
      <details>
        <summary>{strings.ai.previewFullRequest}</summary>
        <pre className="ai-request__json" tabIndex={0} aria-label={strings.ai.previewFullRequest}>
          {JSON.stringify(preview.body, null, 2)}
        </pre>
      </details>
    </section>
  );
}
