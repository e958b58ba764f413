import type { AiStatus } from '../../../../electron/contract';
import { strings } from '../../i18n';
import { useAiNavigation } from './aiNavigation';
import { refreshAiStatus } from './aiStatus';

/** Why AI cannot be used right now, and what to do about it. Drafting never depends on it. */
export function AiUnavailable({ status, checking }: { status: AiStatus; checking: boolean }) {
  const navigation = useAiNavigation();
  const reason =
    status.reason === 'not-configured'
      ? strings.ai.notConfigured
      : ((status.errorCode && (strings.errors as Record<string, string>)[status.errorCode]) ?? (status.reason === 'offline' ? strings.ai.offline : status.message));
  return (
    <div className="ai-unavailable" role="note" aria-label={strings.ai.unavailableTitle}>
      <p>
        <strong>{strings.ai.unavailableTitle}</strong> {reason}
      </p>
      <p>{strings.ai.draftingUnaffected}</p>
      <div className="ai-actions-row">
        <button type="button" onClick={() => navigation.openSettings('ai')}>
          {strings.ai.openSettings}
        </button>
        {status.reason !== 'not-configured' && (
          <button type="button" disabled={checking} onClick={() => void refreshAiStatus(true)}>
            {checking ? strings.ai.checking : strings.ai.checkAgain}
          </button>
        )}
      </div>
    </div>
  );
}
