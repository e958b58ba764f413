import type { VerifyResult } from '../../../../electron/contract';
import { format, formatWhen, strings } from '../../i18n';

/**
 * What a record check covered, one sentence each: the interactions, text erased with deleted
 * lessons, the checkpoint kept outside the library, and the restores, fresh starts and imports
 * that explain why the record may be shorter than it once was.
 */
export function verifyDetailLines(result: VerifyResult, now = Date.now()): Array<{ key: string; text: string }> {
  const t = strings.ai.provenance;
  const { checkpoint } = result;
  const lines: Array<{ key: string; text: string }> = [];
  if (result.firstBrokenSeq === null) lines.push({ key: 'interactions', text: format(t.verifyInteractions, { count: result.checkedInteractions }) });
  if (result.erasedInteractions > 0) lines.push({ key: 'erased', text: format(t.verifyErased, { count: result.erasedInteractions }) });
  lines.push({
    key: 'checkpoint',
    text: format(t.checkpoint[checkpoint.status], { count: checkpoint.logSeq, checkpoint: checkpoint.seq ?? 0, log: checkpoint.logSeq }),
  });
  for (const r of result.replacements) {
    const when = formatWhen(r.at, now);
    const text =
      r.kind === 'restore'
        ? format(t.replacedRestore, { file: r.file ?? '', when, from: r.replacedEntries ?? 0, to: r.restoredEntries ?? 0 })
        : r.kind === 'fresh-start'
          ? format(t.replacedFresh, { when, from: r.replacedEntries ?? 0 })
          : format(t.replacedImport, { file: r.file ?? '', when });
    lines.push({ key: `replacement-${r.seq}`, text });
  }
  for (const i of result.incidents) {
    const when = formatWhen(i.at, now);
    lines.push({ key: `incident-${i.seq}`, text: format(i.kind === 'checkpoint-started' ? t.incidentStarted : t.incidentFound, { when, seq: i.seq }) });
  }
  return lines;
}
