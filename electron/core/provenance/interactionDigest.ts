import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The free-text columns: stored as written, represented in the row digest by their own sha256. */
export const TEXT_COLUMNS = ['parameters', 'request', 'response', 'error_message'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];
export type ContentDigests = Record<TextColumn, string | null>;

/** Set by the purge trigger; not part of the digest, because erasing must leave the row verifiable. */
export const ERASED_COLUMN = 'content_erased_at';
/** What the purge trigger leaves in the text columns. */
export const ERASED_VALUES: Record<TextColumn, string | null> = { parameters: '{}', request: '{}', response: null, error_message: null };

export function contentDigests(row: Record<TextColumn, string | null>): ContentDigests {
  return {
    parameters: row.parameters === null ? null : sha256(row.parameters),
    request: row.request === null ? null : sha256(row.request),
    response: row.response === null ? null : sha256(row.response),
    error_message: row.error_message === null ? null : sha256(row.error_message),
  };
}

/**
 * The digest of one ai_interactions row as the audit chain records it: every column the row has
 * (read with SELECT *, so a column added later is covered without touching this), except that the
 * free-text columns are left out and `content_digests` (their hashes) stands for them, and the
 * erasure marker is left out. Erasing the text therefore leaves the digest unchanged, while any
 * other change to any column changes it.
 */
export function interactionDigest(row: Record<string, unknown>): string {
  const covered: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if ((TEXT_COLUMNS as readonly string[]).includes(column) || column === ERASED_COLUMN) continue;
    covered[column] = value;
  }
  return sha256(canonicalJson(covered));
}
