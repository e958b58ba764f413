import type { Database, Statement } from 'better-sqlite3';
import type { LibraryLists } from '../../contract';
import { AppError } from '../errors';

/** The three editable lists as stored (`library_lists.list`) and as named in the contract. */
export const LIST_NAMES = { subjects: 'subject', keyStages: 'key-stage', yearGroups: 'year-group' } as const;
export type ListName = keyof typeof LIST_NAMES;
type StoredListName = (typeof LIST_NAMES)[ListName];

const LABELS: Record<StoredListName, string> = { subject: 'subject', 'key-stage': 'key stage', 'year-group': 'year group' };

/**
 * The choices a teacher picks subject, key stage and year group from. A document stores its value
 * as text, so editing a list never rewrites documents; only new values are checked against it.
 */
export class LibraryListStore {
  private readonly selectList: Statement<[string], { value: string }>;
  private readonly findValue: Statement<[string, string], { value: string }>;
  private readonly deleteList: Statement<[string]>;
  private readonly insertValue: Statement<[string, string, number]>;
  private readonly maxPosition: Statement<[string], { max: number | null }>;
  private readonly tagsInUse: Statement<[], { tag: string }>;
  private readonly foldersInUse: Statement<[], { folder: string }>;

  constructor(private readonly db: Database) {
    this.selectList = db.prepare('SELECT value FROM library_lists WHERE list = ? ORDER BY position, value');
    this.findValue = db.prepare('SELECT value FROM library_lists WHERE list = ? AND value = ? COLLATE NOCASE');
    this.deleteList = db.prepare('DELETE FROM library_lists WHERE list = ?');
    this.insertValue = db.prepare('INSERT INTO library_lists (list, value, position) VALUES (?, ?, ?)');
    this.maxPosition = db.prepare('SELECT max(position) AS max FROM library_lists WHERE list = ?');
    this.tagsInUse = db.prepare(
      `SELECT DISTINCT t.tag AS tag FROM document_tags t JOIN documents d ON d.id = t.document_id
       WHERE d.deleted_at IS NULL ORDER BY t.tag`,
    );
    this.foldersInUse = db.prepare(
      'SELECT DISTINCT folder FROM documents WHERE folder IS NOT NULL AND deleted_at IS NULL ORDER BY folder COLLATE NOCASE',
    );
  }

  all(): LibraryLists {
    return {
      subjects: this.values('subjects'),
      keyStages: this.values('keyStages'),
      yearGroups: this.values('yearGroups'),
      tags: this.tagsInUse.all().map((r) => r.tag),
      folders: this.foldersInUse.all().map((r) => r.folder),
    };
  }

  values(list: ListName): string[] {
    return this.selectList.all(LIST_NAMES[list]).map((r) => r.value);
  }

  /** Replaces a list's contents and order; values equal ignoring case are merged. */
  set(list: ListName, values: readonly string[]): LibraryLists {
    const unique = dedupeIgnoringCase(values.map((v) => v.trim()).filter((v) => v !== ''));
    if (unique.length === 0) throw new AppError('VALIDATION', `The ${LABELS[LIST_NAMES[list]]} list cannot be empty.`);
    this.db.transaction(() => {
      this.deleteList.run(LIST_NAMES[list]);
      unique.forEach((value, i) => this.insertValue.run(LIST_NAMES[list], value, i));
    })();
    return this.all();
  }

  /**
   * The list's spelling of `value`, or a VALIDATION error naming the list. Undefined and null pass
   * through, so callers can check partial updates.
   */
  canonical<T extends string | null | undefined>(list: ListName, value: T): T {
    if (value === undefined || value === null) return value;
    const found = this.findValue.get(LIST_NAMES[list], value);
    if (!found) {
      throw new AppError(
        'VALIDATION',
        `"${value}" is not in the ${LABELS[LIST_NAMES[list]]} list. Add it to the list first, or choose one of: ${this.values(list).slice(0, 30).join(', ')}.`,
      );
    }
    return found.value as T;
  }

  /** Appends values the list does not have yet (used by import, which must not lose metadata). */
  ensure(list: ListName, value: string | null): void {
    if (value === null || this.findValue.get(LIST_NAMES[list], value)) return;
    const next = (this.maxPosition.get(LIST_NAMES[list])?.max ?? -1) + 1;
    this.insertValue.run(LIST_NAMES[list], value, next);
  }
}

export function dedupeIgnoringCase(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.toLocaleLowerCase('en-GB');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}
