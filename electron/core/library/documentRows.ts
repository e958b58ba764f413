import type { DocumentKind, DocumentSummary, LibraryFilter } from '../../contract';

/** Tags come back joined by the unit separator, which the contract refuses in a tag. */
const TAG_SEPARATOR = '\u001f';

/** Columns of a summary for a query over `documents d`. */
export const SUMMARY_COLUMNS = `d.seq, d.id, d.title, d.kind, d.subject, d.key_stage, d.year_group, d.folder,
  d.created_at, d.updated_at, d.deleted_at,
  (SELECT group_concat(t.tag, char(31) ORDER BY t.tag) FROM document_tags t WHERE t.document_id = d.id) AS tags`;

export interface SummaryRow {
  seq: number;
  id: string;
  title: string;
  kind: DocumentKind;
  subject: string | null;
  key_stage: string | null;
  year_group: string | null;
  folder: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  tags: string | null;
}

export function toSummary(row: SummaryRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    subject: row.subject,
    keyStage: row.key_stage,
    yearGroup: row.year_group,
    folder: row.folder,
    tags: row.tags === null ? [] : row.tags.split(TAG_SEPARATOR),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

const FILTER_KEYS = ['kind', 'subject', 'keyStage', 'yearGroup', 'tag', 'folder'] as const;

/**
 * SQL conditions over `documents d` for the given filters, with named parameters, and a key that
 * identifies the combination, so a caller can prepare each combination's statement once.
 */
export function filterClause(filter: LibraryFilter): { key: string; conditions: string[]; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  const used: string[] = [];
  for (const name of FILTER_KEYS) {
    const value = filter[name];
    if (value === undefined) continue;
    used.push(name);
    params[name] = value;
    switch (name) {
      case 'kind':
        conditions.push('d.kind = @kind');
        break;
      case 'subject':
        conditions.push('d.subject = @subject COLLATE NOCASE');
        break;
      case 'keyStage':
        conditions.push('d.key_stage = @keyStage COLLATE NOCASE');
        break;
      case 'yearGroup':
        conditions.push('d.year_group = @yearGroup COLLATE NOCASE');
        break;
      case 'tag':
        conditions.push('EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id AND t.tag = @tag)');
        break;
      case 'folder':
        // This folder and everything below it; substr rather than LIKE so that % and _ in a
        // folder name are plain characters.
        conditions.push("(d.folder = @folder OR substr(d.folder, 1, length(@folder) + 1) = @folder || '/')");
        break;
    }
  }
  return { key: used.join(','), conditions, params };
}
