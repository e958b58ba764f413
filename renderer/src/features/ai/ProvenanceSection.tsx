import { useEffect, useId, useState } from 'react';
import type { AiActionInfo, InteractionSummary, VerifyResult } from '../../../../electron/contract';
import { lectern, unwrap } from '../../api/lectern';
import { describeError, format, formatWhen, strings } from '../../i18n';
import { actionLabel } from './aiActions';
import { verifyDetailLines } from './verifyDetailLines';
import { categoriesText } from './jobStatusText';
import { InteractionReview } from '../review/InteractionReview';

type Loaded = { status: 'loading' } | { status: 'ready'; items: InteractionSummary[] } | { status: 'error'; message: string };
type Verify = { status: 'idle' } | { status: 'checking' } | { status: 'done'; result: VerifyResult } | { status: 'error'; message: string };

const providerName = (id: string): string => (strings.ai.providers as Record<string, string>)[id] ?? id;

/** The lesson's recorded AI interactions, and a check that the record has not been altered. */
export function ProvenanceSection({ documentId, actions, version }: { documentId: string; actions: AiActionInfo[]; version: number }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [verify, setVerify] = useState<Verify>({ status: 'idle' });
  const headingId = useId();

  useEffect(() => {
    let live = true;
    unwrap(lectern().provenance.listInteractions({ documentId })).then(
      (items) => live && setLoaded({ status: 'ready', items }),
      (error: unknown) => live && setLoaded({ status: 'error', message: format(strings.ai.provenance.loadFailed, { reason: describeError(error) }) }),
    );
    return () => {
      live = false;
    };
  }, [documentId, version]);

  const runVerify = async () => {
    setVerify({ status: 'checking' });
    try {
      setVerify({ status: 'done', result: await unwrap(lectern().provenance.verify({})) });
    } catch (error) {
      setVerify({ status: 'error', message: format(strings.ai.provenance.verifyFailed, { reason: describeError(error) }) });
    }
  };

  const labelOf = (id: string) => {
    const action = actions.find((a) => a.id === id);
    return action ? actionLabel(action) : id;
  };

  return (
    <section className="ai-record" aria-labelledby={headingId}>
      <h3 id={headingId}>{strings.ai.provenance.heading}</h3>
      {loaded.status === 'error' && <p role="alert">{loaded.message}</p>}
      {loaded.status === 'ready' && loaded.items.length === 0 && <p className="field__hint">{strings.ai.provenance.empty}</p>}
      {loaded.status === 'ready' && loaded.items.length > 0 && (
        <ul className="ai-record__list" aria-labelledby={headingId}>
          {loaded.items.map((item) => (
            <li key={item.id} className="ai-record__item">
              <p className="ai-record__title">
                {format(strings.ai.provenance.entry, { action: labelOf(item.action), status: strings.ai.statuses[item.status] })}
              </p>
              <p>{format(strings.ai.provenance.model, { provider: providerName(item.provider), model: item.model })}</p>
              <p>{format(strings.ai.provenance.when, { when: formatWhen(item.createdAt) })}</p>
              <p>
                {item.redactions.length === 0
                  ? strings.ai.provenance.noRedactions
                  : format(strings.ai.provenance.redactions, {
                      list: item.redactions.map((r) => format(strings.ai.previewRedactionCount, { type: strings.ai.redactionTypes[r.type], count: r.count })).join(', '),
                    })}
              </p>
              {item.moderation && item.moderation.level !== 'none' && (
                <p>{format(strings.ai.provenance.guidance, { categories: categoriesText(item.moderation.categories) })}</p>
              )}
              <InteractionReview interactionId={item.id} />
            </li>
          ))}
        </ul>
      )}
      <button type="button" disabled={verify.status === 'checking'} onClick={() => void runVerify()}>
        {strings.ai.provenance.verify}
      </button>
      <p role="status" className="ai-record__verify">
        {verify.status === 'checking'
          ? strings.ai.provenance.verifying
          : verify.status === 'error'
            ? verify.message
            : verify.status === 'done'
              ? verify.result.ok
                ? format(strings.ai.provenance.verifyOk, { count: verify.result.checkedRows })
                : format(strings.ai.provenance.verifyBroken, { message: verify.result.message })
              : ''}
      </p>
      {verify.status === 'done' && <VerifyDetails result={verify.result} />}
    </section>
  );
}

/** What the check covered, under the one-line result. */
function VerifyDetails({ result }: { result: VerifyResult }) {
  return (
    <ul className="ai-record__checks">
      {verifyDetailLines(result).map((line) => (
        <li key={line.key}>{line.text}</li>
      ))}
    </ul>
  );
}
