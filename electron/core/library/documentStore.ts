import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type {
  DocumentKind,
  DocumentMetadataInput,
  DocumentSort,
  DocumentSummary,
  LecternDocument,
  LibraryFilter,
  TipTapDoc,
} from '../../contract';
import { AppError } from '../errors';
import type { Clock } from '../clock';
import { contentJson } from './contentJson';
import { plainText } from './plainText';
import { filterClause, SUMMARY_COLUMNS, toSummary, type SummaryRow } from './documentRows';
import { dedupeIgnoringCase, type LibraryListStore } from './lists';

interface DocumentRow extends SummaryRow {
  content: string;
}

export interface CreateDocumentInput extends DocumentMetadataInput {
  title?: string | undefined;
  kind: DocumentKind;
  content?: TipTapDoc | undefined;
}

export interface ListDocumentsInput extends LibraryFilter {
  sort?: DocumentSort | undefined;
}

/** Whatever happens around a save: automatic revisions and their thinning. */
export interface SaveHooks {
  /** Inside the save's transaction, before the content is replaced. */
  beforeSave(documentId: string, newContent: string, now: number): void;
  /** After the save has committed. */
  afterSave(now: number): void;
}

/**
 * The contract's EMPTY_DOC, restated: the library imports only types from the contract, so a
 * process that just saves (the crash test's child, the CLI) does not load zod and every schema.
 */
const EMPTY_CONTENT: TipTapDoc = { type: 'doc', content: [{ type: 'paragraph' }] };

const titleCollator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/**
 * Documents not in the trash. Statements are prepared once (filtered lists once per filter
 * combination); every write is one synchronous transaction.
 */
export class DocumentStore {
  private readonly insert: Statement;
  private readonly selectOne: Statement<[string], DocumentRow>;
  private readonly selectSummary: Statement<[string], SummaryRow>;
  private readonly updateContent: Statement;
  private readonly updateTitle: Statement;
  private readonly updateMeta: Statement;
  private readonly moveToTrash: Statement;
  private readonly deleteTags: Statement<[string]>;
  private readonly insertTag: Statement<[string, string]>;
  private readonly copyDocument: Statement;
  private readonly copyTags: Statement;
  private readonly listStatements = new Map<string, Statement<Record<string, string>, SummaryRow>>();
  private readonly saveTransaction: (id: string, content: string, text: string, now: number) => void;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly lists?: LibraryListStore,
    private readonly hooks?: SaveHooks,
  ) {
    this.insert = db.prepare(
      `INSERT INTO documents (id, title, kind, content, plain_text, created_at, updated_at, subject, key_stage, year_group, folder)
       VALUES (@id, @title, @kind, @content, @plainText, @now, @now, @subject, @keyStage, @yearGroup, @folder)`,
    );
    this.selectOne = db.prepare(`SELECT ${SUMMARY_COLUMNS}, d.content FROM documents d WHERE d.id = ? AND d.deleted_at IS NULL`);
    this.selectSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ? AND d.deleted_at IS NULL`);
    this.updateContent = db.prepare(
      `UPDATE documents SET content = @content, plain_text = @plainText, updated_at = @now
       WHERE id = @id AND deleted_at IS NULL`,
    );
    this.updateTitle = db.prepare(
      'UPDATE documents SET title = @title, updated_at = @now WHERE id = @id AND deleted_at IS NULL',
    );
    this.updateMeta = db.prepare(
      `UPDATE documents SET kind = @kind, subject = @subject, key_stage = @keyStage, year_group = @yearGroup,
         folder = @folder, updated_at = @now
       WHERE id = @id AND deleted_at IS NULL`,
    );
    this.moveToTrash = db.prepare('UPDATE documents SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL');
    this.deleteTags = db.prepare('DELETE FROM document_tags WHERE document_id = ?');
    this.insertTag = db.prepare('INSERT OR IGNORE INTO document_tags (document_id, tag) VALUES (?, ?)');
    this.copyDocument = db.prepare(
      `INSERT INTO documents (id, title, kind, content, plain_text, created_at, updated_at, subject, key_stage, year_group, folder)
       SELECT @copyId, @title, kind, content, plain_text, @now, @now, subject, key_stage, year_group, folder
       FROM documents WHERE id = @id AND deleted_at IS NULL`,
    );
    this.copyTags = db.prepare(
      'INSERT INTO document_tags (document_id, tag) SELECT @copyId, tag FROM document_tags WHERE document_id = @id',
    );
    this.saveTransaction = db.transaction((id: string, content: string, text: string, now: number) => {
      this.hooks?.beforeSave(id, content, now);
      const result = this.updateContent.run({ id, content, plainText: text, now });
      if (result.changes === 0) throw notFound(id);
    });
  }

  create(input: CreateDocumentInput): LecternDocument {
    const content = input.content ?? EMPTY_CONTENT;
    const id = randomUUID();
    const meta = this.checkedMetadata(input);
    this.db.transaction(() => {
      this.insert.run({
        id,
        title: input.title?.trim() ?? '',
        kind: input.kind,
        content: storedContent(content),
        plainText: plainText(content),
        now: this.clock.now(),
        subject: meta.subject ?? null,
        keyStage: meta.keyStage ?? null,
        yearGroup: meta.yearGroup ?? null,
        folder: meta.folder ?? null,
      });
      this.writeTags(id, input.tags ?? []);
    })();
    return this.get(id);
  }

  list(input: ListDocumentsInput = {}): DocumentSummary[] {
    const { sort = 'updated', ...filter } = input;
    const clause = filterClause(filter);
    const key = `${sort}|${clause.key}`;
    let statement = this.listStatements.get(key);
    if (!statement) {
      const where = ['d.deleted_at IS NULL', ...clause.conditions].join(' AND ');
      // Titles are ordered in JS with a collator, so "Week 2" comes before "Week 10".
      const order = sort === 'created' ? 'd.created_at DESC, d.seq DESC' : 'd.updated_at DESC, d.seq DESC';
      statement = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE ${where} ORDER BY ${order}`);
      this.listStatements.set(key, statement);
    }
    const summaries = statement.all(clause.params).map(toSummary);
    if (sort === 'title') summaries.sort((a, b) => titleCollator.compare(a.title, b.title) || b.updatedAt - a.updatedAt);
    return summaries;
  }

  get(id: string): LecternDocument {
    const row = this.selectOne.get(id);
    if (!row) throw notFound(id);
    return { ...toSummary(row), content: JSON.parse(row.content) as TipTapDoc };
  }

  summary(id: string): DocumentSummary {
    const row = this.selectSummary.get(id);
    if (!row) throw notFound(id);
    return toSummary(row);
  }

  save(id: string, content: TipTapDoc): { updatedAt: number } {
    return this.saveSerialized(id, storedContent(content), plainText(content));
  }

  /**
   * The storage half of a save, for content already serialised in its stored form (`contentJson`)
   * with its plain text extracted (the benchmark compares this with a bare insert of the same bytes).
   */
  saveSerialized(id: string, json: string, text: string): { updatedAt: number } {
    const now = this.clock.now();
    this.saveTransaction(id, json, text, now);
    this.hooks?.afterSave(now);
    return { updatedAt: now };
  }

  rename(id: string, title: string): DocumentSummary {
    const result = this.updateTitle.run({ id, title: title.trim(), now: this.clock.now() });
    if (result.changes === 0) throw notFound(id);
    return this.summary(id);
  }

  updateMetadata(id: string, changes: DocumentMetadataInput): DocumentSummary {
    const current = this.summary(id);
    const meta = this.checkedMetadata(changes);
    this.db.transaction(() => {
      const result = this.updateMeta.run({
        id,
        kind: changes.kind ?? current.kind,
        subject: meta.subject === undefined ? current.subject : meta.subject,
        keyStage: meta.keyStage === undefined ? current.keyStage : meta.keyStage,
        yearGroup: meta.yearGroup === undefined ? current.yearGroup : meta.yearGroup,
        folder: meta.folder === undefined ? current.folder : meta.folder,
        now: this.clock.now(),
      });
      if (result.changes === 0) throw notFound(id);
      if (changes.tags !== undefined) this.writeTags(id, changes.tags);
    })();
    return this.summary(id);
  }

  duplicate(id: string, title?: string): LecternDocument {
    const source = this.summary(id);
    const copyId = randomUUID();
    // Copied inside SQLite: the content never round-trips through JS, and metadata that was valid
    // when set is kept even if a list has been edited since.
    this.db.transaction(() => {
      const now = this.clock.now();
      this.copyDocument.run({ id, copyId, title: title?.trim() || copyTitle(source.title), now });
      this.copyTags.run({ id, copyId });
    })();
    return this.get(copyId);
  }

  /** Moves a document to the trash (see TrashStore for the rest of its life there). */
  delete(id: string): void {
    if (this.moveToTrash.run({ id, now: this.clock.now() }).changes === 0) throw notFound(id);
  }

  private checkedMetadata(input: DocumentMetadataInput): DocumentMetadataInput {
    if (!this.lists) return input;
    return {
      ...input,
      subject: this.lists.canonical('subjects', input.subject),
      keyStage: this.lists.canonical('keyStages', input.keyStage),
      yearGroup: this.lists.canonical('yearGroups', input.yearGroup),
    };
  }

  private writeTags(id: string, tags: readonly string[]): void {
    this.deleteTags.run(id);
    for (const tag of dedupeIgnoringCase(tags.map((t) => t.trim()).filter((t) => t !== ''))) this.insertTag.run(id, tag);
  }
}

/**
 * Every document and revision is stored in one form, canonical JSON, whichever path built it
 * (the editor's save, a template, the AI, an import): equal content is equal bytes, so the
 * automatic revision's "unchanged" test, duplicate detection and export checksums agree.
 * Revisions, duplicates and restores copy these bytes inside SQLite.
 */
function storedContent(content: TipTapDoc): string {
  try {
    return contentJson(content);
  } catch (error) {
    if (error instanceof TypeError) throw new AppError('VALIDATION', 'The document holds a number that cannot be stored (not finite).');
    throw error;
  }
}

export function copyTitle(title: string): string {
  return title.trim() === '' ? 'Untitled (copy)' : `${title} (copy)`.slice(0, 200);
}

export function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No document with id ${id}. It may have been deleted or moved to the trash.`);
}
