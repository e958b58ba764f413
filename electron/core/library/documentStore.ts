import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import {
  EMPTY_DOC,
  type DocumentKind,
  type DocumentSummary,
  type LecternDocument,
  type TipTapDoc,
} from '../../contract';
import { AppError } from '../errors';
import type { Clock } from '../clock';
import { plainText } from './plainText';

interface DocumentRow {
  id: string;
  title: string;
  kind: DocumentKind;
  content: string;
  created_at: number;
  updated_at: number;
}

type SummaryRow = Omit<DocumentRow, 'content'>;

const toSummary = (row: SummaryRow): DocumentSummary => ({
  id: row.id,
  title: row.title,
  kind: row.kind,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface CreateDocumentInput {
  title?: string | undefined;
  kind: DocumentKind;
  content?: TipTapDoc | undefined;
}

/** Documents in the library database. Statements are prepared once; every write is one transaction. */
export class DocumentStore {
  private readonly insert: Statement;
  private readonly selectOne: Statement<[string], DocumentRow>;
  private readonly selectAll: Statement<[], SummaryRow>;
  private readonly updateContent: Statement;
  private readonly updateTitle: Statement;
  private readonly remove: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      `INSERT INTO documents (id, title, kind, content, plain_text, created_at, updated_at)
       VALUES (@id, @title, @kind, @content, @plainText, @now, @now)`,
    );
    this.selectOne = db.prepare(
      'SELECT id, title, kind, content, created_at, updated_at FROM documents WHERE id = ?',
    );
    this.selectAll = db.prepare(
      'SELECT id, title, kind, created_at, updated_at FROM documents ORDER BY updated_at DESC, rowid DESC',
    );
    this.updateContent = db.prepare(
      'UPDATE documents SET content = @content, plain_text = @plainText, updated_at = @now WHERE id = @id',
    );
    this.updateTitle = db.prepare('UPDATE documents SET title = @title, updated_at = @now WHERE id = @id');
    this.remove = db.prepare('DELETE FROM documents WHERE id = ?');
  }

  create(input: CreateDocumentInput): LecternDocument {
    const content = input.content ?? EMPTY_DOC;
    const id = randomUUID();
    this.insert.run({
      id,
      title: input.title?.trim() ?? '',
      kind: input.kind,
      content: JSON.stringify(content),
      plainText: plainText(content),
      now: this.clock.now(),
    });
    return this.get(id);
  }

  list(): DocumentSummary[] {
    return this.selectAll.all().map(toSummary);
  }

  get(id: string): LecternDocument {
    const row = this.selectOne.get(id);
    if (!row) throw notFound(id);
    return { ...toSummary(row), content: JSON.parse(row.content) as TipTapDoc };
  }

  save(id: string, content: TipTapDoc): { updatedAt: number } {
    const now = this.clock.now();
    const result = this.updateContent.run({ id, content: JSON.stringify(content), plainText: plainText(content), now });
    if (result.changes === 0) throw notFound(id);
    return { updatedAt: now };
  }

  rename(id: string, title: string): DocumentSummary {
    const result = this.updateTitle.run({ id, title: title.trim(), now: this.clock.now() });
    if (result.changes === 0) throw notFound(id);
    const { content: _content, ...summary } = this.get(id);
    return summary;
  }

  delete(id: string): void {
    if (this.remove.run(id).changes === 0) throw notFound(id);
  }
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No document with id ${id}. It may have been deleted.`);
}
