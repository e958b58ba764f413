import { useId } from 'react';
import { format, strings } from '../../i18n';
import { useAiNavigation } from './aiNavigation';
import type { NameWarningData } from './nameCheck';
import './ai.css';

const t = strings.ai.nameWarning;

/**
 * "This text may contain pupils' names, and you have no class list": the words that look like
 * names, highlighted in their context, a way to the class list, and (before sending) the choice
 * to send anyway or not. In a preview it is a note only (no onSend).
 */
export function NameWarning({ warning, onSend, onCancel }: { warning: NameWarningData; onSend?: () => void; onCancel?: () => void }) {
  const navigation = useAiNavigation();
  const titleId = useId();
  return (
    <section className="ai-name-warning" aria-labelledby={titleId} role={onSend ? 'alert' : undefined}>
      <p id={titleId} className="ai-name-warning__title">
        {t.title}
      </p>
      <p>{onSend ? t.detail : t.previewDetail}</p>
      <ul aria-label={t.excerpts} className="ai-name-warning__list">
        {warning.excerpts.map((e, i) => (
          <li key={i}>
            {e.before}
            <mark>{e.name}</mark>
            {e.after}
          </li>
        ))}
      </ul>
      {warning.more > 0 && <p>{format(t.more, { count: warning.more })}</p>}
      <div className="ai-actions-row">
        <button type="button" className="link-button" onClick={() => navigation.openSettings('ai')}>
          {t.openClassList}
        </button>
        {onSend && (
          <button type="button" onClick={onSend}>
            {t.sendAnyway}
          </button>
        )}
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t.cancel}
          </button>
        )}
      </div>
    </section>
  );
}
