import type { VerifyResult } from '../../contract';
import { GENESIS_HASH, rowHash, type AuditRow } from './auditLog';
import { contentDigests, ERASED_VALUES, interactionDigest, TEXT_COLUMNS, type ContentDigests } from './interactionDigest';
import type { InteractionRow } from './interactionStore';

/** Events whose details vouch for interaction rows (their digest, interactionDigest.ts). */
export const AUDIT_EVENTS = {
  started: 'ai.interaction.started',
  finished: 'ai.interaction.finished',
  chainUpgraded: 'audit.chain.upgraded',
  restored: 'library.restored',
  imported: 'library.imported',
  checkpointStarted: 'audit.checkpoint.started',
  checkpointMismatch: 'audit.checkpoint.mismatch',
  checkpointMissing: 'audit.checkpoint.missing',
  checkpointInvalid: 'audit.checkpoint.invalid',
} as const;

const INCIDENT_KIND: Record<string, VerifyResult['incidents'][number]['kind'] | undefined> = {
  [AUDIT_EVENTS.checkpointStarted]: 'checkpoint-started',
  [AUDIT_EVENTS.checkpointMismatch]: 'checkpoint-mismatch',
  [AUDIT_EVENTS.checkpointMissing]: 'checkpoint-missing',
  [AUDIT_EVENTS.checkpointInvalid]: 'checkpoint-invalid',
};

export interface VerifyInput {
  auditRows: Iterable<AuditRow>;
  interactions: Iterable<InteractionRow>;
  documentExists(id: string): boolean;
  checkpoint: VerifyResult['checkpoint'];
}

type Details = Record<string, unknown>;

/**
 * Walks the chain once (every link and every row hash, with no gaps from 1), collecting what it
 * vouches for; then checks every interaction row, every column, against the latest digest the
 * chain holds for it; then the keyed checkpoint against the end of the log. Past checkpoint
 * incidents recorded at open keep the result failing: the log was found altered then.
 */
export function verifyProvenance(input: VerifyInput): VerifyResult {
  const expected = new Map<string, { digest: string; seq: number }>();
  const replacements: VerifyResult['replacements'] = [];
  const incidents: VerifyResult['incidents'] = [];
  let prev = GENESIS_HASH;
  let checked = 0;
  let broken: { seq: number; reason: string } | null = null;

  for (const row of input.auditRows) {
    checked++;
    if (row.seq !== checked) {
      broken = { seq: row.seq, reason: `entry ${checked} is missing` };
      break;
    }
    if (row.prev_hash !== prev) {
      broken = { seq: row.seq, reason: 'it does not link to the entry before it' };
      break;
    }
    let details: Details;
    let hash: string;
    try {
      details = JSON.parse(row.details) as Details;
      hash = rowHash(prev, row);
    } catch {
      broken = { seq: row.seq, reason: 'its details are not valid JSON' };
      break;
    }
    if (hash !== row.hash) {
      broken = { seq: row.seq, reason: 'its contents were changed after it was written' };
      break;
    }
    prev = row.hash;
    collect(row, details, expected, replacements, incidents);
  }

  const base = { checkedRows: checked, replacements, incidents, checkpoint: input.checkpoint };
  if (broken) {
    return {
      ...base,
      ok: false,
      checkedInteractions: 0,
      erasedInteractions: 0,
      firstBrokenSeq: broken.seq,
      alteredInteractionId: null,
      message: `The audit log was altered at entry ${broken.seq}: ${broken.reason}.`,
    };
  }

  let checkedInteractions = 0;
  let erased = 0;
  let altered: { id: string; reason: string } | null = null;
  const seen = new Set<string>();
  for (const row of input.interactions) {
    checkedInteractions++;
    seen.add(row.id);
    const problem = checkInteraction(row, expected.get(row.id), input.documentExists);
    if (problem === 'erased') erased++;
    else if (problem) {
      altered = { id: row.id, reason: problem };
      break;
    }
  }
  if (!altered) {
    for (const [id, { seq }] of expected) {
      if (!seen.has(id)) {
        altered = { id, reason: `it is recorded at entry ${seq}, but its record was deleted` };
        break;
      }
    }
  }
  const resultBase = { ...base, checkedInteractions, erasedInteractions: erased, firstBrokenSeq: null };
  if (altered) {
    return { ...resultBase, ok: false, alteredInteractionId: altered.id, message: `The record of AI interaction ${altered.id} does not match the audit log: ${altered.reason}.` };
  }

  const cp = input.checkpoint;
  const notes: string[] = [];
  if (erased > 0) notes.push(`${erased} ${erased === 1 ? "entry's" : "entries'"} content erased by purge`);
  for (const r of replacements) {
    if (r.kind === 'restore') {
      notes.push(`restored from ${r.file} at entry ${r.seq}: the log went from ${r.replacedEntries ?? '?'} entries back to ${r.restoredEntries ?? '?'}`);
    } else if (r.kind === 'fresh-start') {
      notes.push(`started afresh at entry ${r.seq}: the ${r.replacedEntries ?? '?'} entries before were kept with the replaced library`);
    } else {
      notes.push(`library file ${r.file} imported at entry ${r.seq}`);
    }
  }
  const suffix = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  const badRestore = replacements.find((r) => r.backupCheckpoint === 'mismatch' || r.backupCheckpoint === 'invalid');
  if (badRestore) {
    return {
      ...resultBase,
      ok: false,
      alteredInteractionId: null,
      message: `The backup restored at entry ${badRestore.seq} (${badRestore.file}) did not match the checkpoint made with it: its record had been altered before it was restored.`,
    };
  }
  const incident = incidents.find((i) => i.kind !== 'checkpoint-started');
  if (incident) {
    const what =
      incident.kind === 'checkpoint-missing'
        ? 'its checkpoint file had been deleted'
        : incident.kind === 'checkpoint-invalid'
          ? 'its checkpoint file had been altered'
          : `the log held ${incident.logSeq ?? '?'} entries where its checkpoint vouched for ${incident.checkpointSeq ?? '?'}`;
    return { ...resultBase, ok: false, alteredInteractionId: null, message: `When Lectern opened the library (entry ${incident.seq}), ${what}: the log had been changed outside Lectern.` };
  }
  if (cp.status !== 'match' && cp.status !== 'unavailable') {
    const what =
      cp.status === 'missing'
        ? 'the checkpoint file is missing'
        : cp.status === 'invalid'
          ? 'the checkpoint file was not written by Lectern with this library’s key'
          : cp.seq !== null && cp.seq > cp.logSeq
            ? `the checkpoint vouches for ${cp.seq} entries but the log has ${cp.logSeq}: entries were removed`
            : cp.seq !== null && cp.seq < cp.logSeq
              ? `the log has ${cp.logSeq} entries but the checkpoint vouches for ${cp.seq}: entries were added outside Lectern`
              : 'the log was rewritten after the checkpoint was made';
    return { ...resultBase, ok: false, alteredInteractionId: null, message: `The audit log does not match its checkpoint: ${what}.` };
  }
  const started = incidents.filter((i) => i.kind === 'checkpoint-started' && i.seq > 1).at(-1);
  const caveat =
    cp.status === 'unavailable'
      ? ' The checkpoint cannot be kept on this computer (no secure key store), so a cut-off end of the log would not be noticed.'
      : started
        ? ` The checkpoint covers the log from entry ${started.seq}; before that the chain alone vouches for it.`
        : '';
  return {
    ...resultBase,
    ok: true,
    alteredInteractionId: null,
    message: `The audit log is intact (${checked} entries and ${checkedInteractions} AI interactions checked)${suffix}.${caveat}`,
  };
}

function collect(
  row: AuditRow,
  details: Details,
  expected: Map<string, { digest: string; seq: number }>,
  replacements: VerifyResult['replacements'],
  incidents: VerifyResult['incidents'],
): void {
  const vouch = (id: unknown, digest: unknown) => {
    if (typeof id === 'string' && typeof digest === 'string') expected.set(id, { digest, seq: row.seq });
  };
  switch (row.event) {
    case AUDIT_EVENTS.started:
    case AUDIT_EVENTS.finished:
      // Entries written before migration 004 have no rowSha256; the chain-upgraded entry vouches for those rows.
      vouch(row.subject_id, details.rowSha256);
      break;
    case AUDIT_EVENTS.chainUpgraded:
    case AUDIT_EVENTS.imported: {
      const map = details.interactions;
      if (map && typeof map === 'object') for (const [id, digest] of Object.entries(map)) vouch(id, digest);
      if (row.event === AUDIT_EVENTS.imported) {
        replacements.push({
          seq: row.seq,
          at: row.at,
          kind: 'import',
          file: typeof details.file === 'string' ? details.file : null,
          replacedEntries: null,
          restoredEntries: typeof details.documents === 'number' ? details.documents : null,
          backupCheckpoint: null,
        });
      }
      break;
    }
    case AUDIT_EVENTS.restored: {
      const replaced = details.replaced as { entries?: unknown } | undefined;
      const restored = details.restored as { entries?: unknown; backupCheckpoint?: unknown } | undefined;
      const bc = restored?.backupCheckpoint;
      replacements.push({
        seq: row.seq,
        at: row.at,
        kind: details.kind === 'fresh-start' ? 'fresh-start' : 'restore',
        file: typeof details.file === 'string' ? details.file : null,
        replacedEntries: typeof replaced?.entries === 'number' ? replaced.entries : null,
        restoredEntries: typeof restored?.entries === 'number' ? restored.entries : null,
        backupCheckpoint: bc === 'match' || bc === 'mismatch' || bc === 'absent' || bc === 'invalid' ? bc : null,
      });
      break;
    }
    default: {
      const kind = INCIDENT_KIND[row.event];
      if (kind) {
        const cp = details.checkpoint as { seq?: unknown } | null | undefined;
        const log = details.log as { seq?: unknown } | undefined;
        incidents.push({
          seq: row.seq,
          at: row.at,
          kind,
          checkpointSeq: typeof cp?.seq === 'number' ? cp.seq : null,
          logSeq: typeof log?.seq === 'number' ? log.seq : null,
        });
      }
    }
  }
}

/** Null when the row verifies, 'erased' when it verifies with its text erased, otherwise what is wrong. */
function checkInteraction(row: InteractionRow, expected: { digest: string; seq: number } | undefined, documentExists: (id: string) => boolean): string | 'erased' | null {
  if (!expected) return 'it is not in the audit log (it was added outside Lectern)';
  let digests: ContentDigests;
  try {
    digests = JSON.parse(row.content_digests ?? 'null') as ContentDigests;
  } catch {
    return 'its content digests are not valid JSON';
  }
  if (!digests || typeof digests !== 'object') return 'its content digests are missing';
  if (interactionDigest(row as unknown as Record<string, unknown>) !== expected.digest) {
    return `it was changed after entry ${expected.seq} recorded it`;
  }
  if (row.content_erased_at === null) {
    const actual = contentDigests(row);
    const changed = TEXT_COLUMNS.find((c) => actual[c] !== digests[c]);
    return changed ? `its ${changed.replace('_', ' ')} was changed after entry ${expected.seq} recorded it` : null;
  }
  if (TEXT_COLUMNS.some((c) => row[c] !== ERASED_VALUES[c])) return 'it is marked as erased but still holds text';
  if (row.document_id === null || documentExists(row.document_id)) return 'its text was erased although its lesson was not deleted';
  return 'erased';
}
