import { useEffect, useState } from 'react';
import type { AiActionInfo } from '../../../../electron/contract';
import { describeError, strings } from '../../i18n';
import type { PanelContext } from '../panels/registry';
import { ActionRunner } from './ActionRunner';
import { loadAiActions } from './aiActions';
import { useAiStatus } from './aiStatus';
import { AiUnavailable } from './AiUnavailable';
import { ProvenanceSection } from './ProvenanceSection';
import './ai.css';

/** The AI side panel: actions on the selection or the lesson, and the lesson's AI record. */
export function AiPanel({ document: doc, editor, flush }: PanelContext) {
  const { status, checking } = useAiStatus();
  const [actions, setActions] = useState<AiActionInfo[]>();
  const [actionsError, setActionsError] = useState<string>();
  const [recordVersion, setRecordVersion] = useState(0);

  useEffect(() => {
    let live = true;
    loadAiActions().then(
      (list) => live && setActions(list),
      (error: unknown) => live && setActionsError(describeError(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="ai-panel">
      {!status && <p role="status">{strings.ai.checking}</p>}
      {status && !status.available && <AiUnavailable status={status} checking={checking} />}
      {actionsError && <p role="alert">{actionsError}</p>}
      {status?.available && actions && (
        <ActionRunner actions={actions} document={doc} editor={editor} flush={flush} onJobFinished={() => setRecordVersion((v) => v + 1)} />
      )}
      <ProvenanceSection documentId={doc.id} actions={actions ?? []} version={recordVersion} />
    </div>
  );
}
