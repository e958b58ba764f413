import type { VerifyResult } from '../../contract';
import { sha256, type AuditLog } from './auditLog';
import type { InteractionStore } from './interactionStore';

/**
 * The chain first; then every finished interaction against the hashes of its request and answer
 * that the audit log recorded when it finished, so editing a stored answer is caught too.
 */
export function verifyProvenance(audit: AuditLog, interactions: InteractionStore): VerifyResult {
  const chain = audit.verifyChain();
  if (!chain.ok) {
    return {
      ok: false,
      checkedRows: chain.checkedRows,
      firstBrokenSeq: chain.firstBrokenSeq,
      alteredInteractionId: null,
      message: `The audit log was altered at entry ${chain.firstBrokenSeq}: ${chain.reason}.`,
    };
  }
  for (const row of audit.rows()) {
    if (row.event !== 'ai.interaction.finished' || !row.subject_id) continue;
    const details = JSON.parse(row.details) as { requestSha256?: string; responseSha256?: string | null };
    const stored = interactions.raw(row.subject_id);
    const altered =
      !stored ||
      sha256(stored.request) !== details.requestSha256 ||
      (stored.response === null ? null : sha256(stored.response)) !== (details.responseSha256 ?? null);
    if (altered) {
      return {
        ok: false,
        checkedRows: chain.checkedRows,
        firstBrokenSeq: null,
        alteredInteractionId: row.subject_id,
        message: `The record of AI interaction ${row.subject_id} no longer matches the audit log.`,
      };
    }
  }
  return {
    ok: true,
    checkedRows: chain.checkedRows,
    firstBrokenSeq: null,
    alteredInteractionId: null,
    message: `The audit log is intact (${chain.checkedRows} entries checked).`,
  };
}
