import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import {
  DocumentIdSchema,
  DocumentKindSchema,
  FolderSchema,
  ListValueSchema,
  RevisionIdSchema,
  RevisionKindSchema,
  TagSchema,
  TipTapDocSchema,
  type ImportPreview,
  type ImportReport,
  type TipTapDoc,
} from '../../contract';
import { AppError } from '../errors';
import type { Clock } from '../clock';
import type { LibraryListStore } from './lists';
import { fileError } from './fileError';
import { plainText } from './plainText';
import type { RevisionStore } from './revisions';

/**
 * The portable library file: JSON lines, UTF-8.
 *   line 1        header  {format: "lectern-library", version, exportedAt, app, schemaVersion}
 *   lines 2..n-1  records {type: "lists" | "document" | "revision", ...}
 *   line n        trailer {type: "end", records, sha256}   sha256 of the bytes of lines 2..n-1
 * Each document and revision carries the sha256 of its content JSON. The trailer makes a cut-off
 * file detectable; the hashes make a damaged or hand-edited one detectable. Documents in the
 * trash are not exported. `asset` (images) is reserved: names are checked, content not yet supported.
 */
export const LIBRARY_FORMAT = 'lectern-library';
export const LIBRARY_FORMAT_VERSION = 1;
export const LIBRARY_FILE_EXTENSION = '.lectern-library';

/** Larger files are refused before reading: a library of 10,000 lessons is about 100 MB. */
const MAX_FILE_BYTES = 2 * 1024 ** 3;

const Timestamp = z.number().int().nonnegative();
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const HeaderSchema = z.object({
  format: z.literal(LIBRARY_FORMAT),
  version: z.number().int().positive(),
  exportedAt: Timestamp,
  app: z.object({ name: z.string(), version: z.string() }).optional(),
  schemaVersion: z.number().int().optional(),
});

const ListsRecord = z
  .object({
    type: z.literal('lists'),
    subjects: z.array(ListValueSchema).max(1000),
    keyStages: z.array(ListValueSchema).max(1000),
    yearGroups: z.array(ListValueSchema).max(1000),
  })
  .strict();

const DocumentRecord = z
  .object({
    type: z.literal('document'),
    id: DocumentIdSchema,
    title: z.string().max(200),
    kind: DocumentKindSchema,
    subject: ListValueSchema.nullable(),
    keyStage: ListValueSchema.nullable(),
    yearGroup: ListValueSchema.nullable(),
    folder: FolderSchema.nullable(),
    tags: z.array(TagSchema).max(30),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    content: TipTapDocSchema,
    sha256: Sha256,
  })
  .strict();

const RevisionRecord = z
  .object({
    type: z.literal('revision'),
    id: RevisionIdSchema,
    documentId: DocumentIdSchema,
    createdAt: Timestamp,
    kind: RevisionKindSchema,
    label: z.string().max(100).nullable(),
    title: z.string().max(200),
    content: TipTapDocSchema,
    sha256: Sha256,
  })
  .strict();

/** Images, when documents have them: the name is a content hash, never a path. */
const AssetRecord = z
  .object({ type: z.literal('asset'), name: z.string().regex(/^[0-9a-f]{64}\.(png|jpe?g|gif|webp)$/), data: z.string() })
  .strict();

const TrailerRecord = z.object({ type: z.literal('end'), records: z.number().int().nonnegative(), sha256: Sha256 }).strict();

type DocumentRecordT = z.output<typeof DocumentRecord>;
type RevisionRecordT = z.output<typeof RevisionRecord>;

export interface ParsedLibrary {
  exportedAt: number;
  lists: z.output<typeof ListsRecord> | undefined;
  documents: DocumentRecordT[];
  revisions: RevisionRecordT[];
}

export function contentHash(contentJson: string): string {
  return createHash('sha256').update(contentJson).digest('hex');
}

interface ExportRow {
  id: string;
  title: string;
  kind: string;
  subject: string | null;
  key_stage: string | null;
  year_group: string | null;
  folder: string | null;
  tags: string | null;
  created_at: number;
  updated_at: number;
  content: string;
}

/**
 * Writes the library to `file` from one read transaction (a consistent snapshot), under a
 * temporary name first, so an interrupted export never leaves a file that looks complete.
 */
export function exportLibrary(
  db: Database,
  file: string,
  meta: { appVersion: string; schemaVersion: number; now: number },
): { file: string; documents: number; revisions: number; bytes: number } {
  const partial = `${file}.partial`;
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (error) {
    throw fileError(error, 'write', file);
  }
  let documents = 0;
  let revisions = 0;
  try {
    const hash = createHash('sha256');
    let records = 0;
    const write = (line: string) => writeSync(fd, line);
    const record = (value: unknown) => {
      const line = JSON.stringify(value) + '\n';
      hash.update(line);
      write(line);
      records++;
    };
    write(
      JSON.stringify({
        format: LIBRARY_FORMAT,
        version: LIBRARY_FORMAT_VERSION,
        exportedAt: meta.now,
        app: { name: 'Lectern', version: meta.appVersion },
        schemaVersion: meta.schemaVersion,
      }) + '\n',
    );
    db.transaction(() => {
      const list = (name: string) =>
        (db.prepare('SELECT value FROM library_lists WHERE list = ? ORDER BY position, value').all(name) as Array<{ value: string }>).map(
          (r) => r.value,
        );
      record({ type: 'lists', subjects: list('subject'), keyStages: list('key-stage'), yearGroups: list('year-group') });
      const docs = db.prepare(
        `SELECT d.id, d.title, d.kind, d.subject, d.key_stage, d.year_group, d.folder, d.created_at, d.updated_at, d.content,
           (SELECT json_group_array(tag) FROM (SELECT tag FROM document_tags t WHERE t.document_id = d.id ORDER BY tag)) AS tags
         FROM documents d WHERE d.deleted_at IS NULL ORDER BY d.seq`,
      ) as Statement<[], ExportRow>;
      for (const row of docs.iterate()) {
        record({
          type: 'document',
          id: row.id,
          title: row.title,
          kind: row.kind,
          subject: row.subject,
          keyStage: row.key_stage,
          yearGroup: row.year_group,
          folder: row.folder,
          tags: row.tags ? (JSON.parse(row.tags) as string[]) : [],
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          content: JSON.parse(row.content) as unknown,
          sha256: contentHash(row.content),
        });
        documents++;
      }
      const revs = db.prepare(
        `SELECT r.id, r.document_id, r.created_at, r.kind, r.label, r.title, r.content FROM revisions r
         JOIN documents d ON d.id = r.document_id WHERE d.deleted_at IS NULL ORDER BY d.seq, r.created_at`,
      ) as Statement<[], { id: string; document_id: string; created_at: number; kind: string; label: string | null; title: string; content: string }>;
      for (const row of revs.iterate()) {
        record({
          type: 'revision',
          id: row.id,
          documentId: row.document_id,
          createdAt: row.created_at,
          kind: row.kind,
          label: row.label,
          title: row.title,
          content: JSON.parse(row.content) as unknown,
          sha256: contentHash(row.content),
        });
        revisions++;
      }
    })();
    write(JSON.stringify({ type: 'end', records, sha256: hash.digest('hex') }) + '\n');
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw fileError(error, 'write', file);
  }
  closeSync(fd);
  try {
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw fileError(error, 'write', file);
  }
  return { file, documents, revisions, bytes: statSync(file).size };
}

/**
 * Reads and checks a whole library file, changing nothing. Any problem is an AppError that says
 * what is wrong and where: IMPORT_INVALID (not a library, cut off, damaged, unsafe entries) or
 * DATABASE_TOO_NEW (written by a newer Lectern).
 */
export function readLibraryFile(file: string): ParsedLibrary {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) throw invalid('it is larger than any Lectern library can be');
    bytes = readFileSync(file);
  } catch (error) {
    throw fileError(error, 'read', file);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('it is not a Lectern library (it is not text)');
  }
  const firstBreak = text.indexOf('\n');
  const header = parseJson(firstBreak === -1 ? text : text.slice(0, firstBreak));
  const parsedHeader = HeaderSchema.safeParse(header);
  if (!parsedHeader.success) {
    const format = (header as { format?: unknown } | undefined)?.format;
    throw invalid(format === LIBRARY_FORMAT ? 'its header is damaged' : 'it is not a Lectern library');
  }
  if (parsedHeader.data.version > LIBRARY_FORMAT_VERSION) {
    throw new AppError(
      'DATABASE_TOO_NEW',
      `This library file was made by a newer version of Lectern (format ${parsedHeader.data.version}; this version reads up to ${LIBRARY_FORMAT_VERSION}). Update Lectern to import it.`,
    );
  }
  if (firstBreak === -1 || !text.endsWith('\n')) throw invalid('it is incomplete (the file was cut off)');
  const lines = text.slice(firstBreak + 1, -1).split('\n');
  const trailer = TrailerRecord.safeParse(parseJson(lines[lines.length - 1] ?? ''));
  if (!trailer.success) throw invalid('it is incomplete (the file was cut off)');
  const body = lines.slice(0, -1);
  const hash = createHash('sha256');
  for (const line of body) hash.update(line + '\n');
  if (trailer.data.records !== body.length || trailer.data.sha256 !== hash.digest('hex')) {
    throw invalid('it is damaged (its checksum does not match its contents)');
  }

  const result: ParsedLibrary = { exportedAt: parsedHeader.data.exportedAt, lists: undefined, documents: [], revisions: [] };
  const documentIds = new Set<string>();
  const revisionIds = new Set<string>();
  body.forEach((line, i) => {
    const lineNo = i + 2;
    const value = parseJson(line);
    const type = (value as { type?: unknown } | undefined)?.type;
    const at = `line ${lineNo}`;
    switch (type) {
      case 'lists': {
        const parsed = ListsRecord.safeParse(value);
        if (!parsed.success) throw invalidEntry(at, parsed.error);
        result.lists = parsed.data;
        break;
      }
      case 'document': {
        const parsed = DocumentRecord.safeParse(value);
        if (!parsed.success) throw invalidEntry(at, parsed.error);
        if (contentHash(JSON.stringify(parsed.data.content)) !== parsed.data.sha256) throw invalid(`the document at ${at} is damaged (checksum mismatch)`);
        if (documentIds.has(parsed.data.id)) throw invalid(`the document id at ${at} appears twice`);
        documentIds.add(parsed.data.id);
        result.documents.push(parsed.data);
        break;
      }
      case 'revision': {
        const parsed = RevisionRecord.safeParse(value);
        if (!parsed.success) throw invalidEntry(at, parsed.error);
        if (contentHash(JSON.stringify(parsed.data.content)) !== parsed.data.sha256) throw invalid(`the version at ${at} is damaged (checksum mismatch)`);
        if (revisionIds.has(parsed.data.id)) throw invalid(`the version id at ${at} appears twice`);
        revisionIds.add(parsed.data.id);
        result.revisions.push(parsed.data);
        break;
      }
      case 'asset': {
        const parsed = AssetRecord.safeParse(value);
        if (!parsed.success) throw invalidEntry(at, parsed.error);
        throw invalid(`it holds images (${at}), which this version of Lectern cannot import yet`);
      }
      default:
        throw invalid(`${at} is not something a Lectern library holds`);
    }
  });
  for (const revision of result.revisions) {
    if (!documentIds.has(revision.documentId)) throw invalid(`a version belongs to a document that is not in the file (${revision.id})`);
  }
  return result;
}

export type DuplicateMode = 'copy' | 'skip' | 'replace';

interface Duplicate {
  id: string;
  title: string;
  reason: 'same-id' | 'same-content';
  existingId: string;
  existingLive: boolean;
}

/** Finds which documents of a parsed file are already in the library. Reads only. */
export function findDuplicates(db: Database, parsed: ParsedLibrary): Map<string, Duplicate> {
  const existing = db.prepare('SELECT id, content, plain_text = \'\' AS empty, deleted_at IS NULL AS live FROM documents') as Statement<
    [],
    { id: string; content: string; empty: number; live: number }
  >;
  const byId = new Map<string, boolean>();
  const byHash = new Map<string, { id: string; live: boolean }>();
  for (const row of existing.iterate()) {
    byId.set(row.id, row.live === 1);
    // Empty documents all share one hash; they are not duplicates of each other in any useful sense.
    if (row.empty === 0) byHash.set(contentHash(row.content), { id: row.id, live: row.live === 1 });
  }
  const out = new Map<string, Duplicate>();
  for (const doc of parsed.documents) {
    const live = byId.get(doc.id);
    if (live !== undefined) {
      out.set(doc.id, { id: doc.id, title: doc.title, reason: 'same-id', existingId: doc.id, existingLive: live });
      continue;
    }
    const same = plainText(doc.content) === '' ? undefined : byHash.get(doc.sha256);
    if (same) out.set(doc.id, { id: doc.id, title: doc.title, reason: 'same-content', existingId: same.id, existingLive: same.live });
  }
  return out;
}

export function previewImport(db: Database, file: string, importId: string): ImportPreview {
  const parsed = readLibraryFile(file);
  const duplicates = findDuplicates(db, parsed);
  return {
    importId,
    file,
    exportedAt: parsed.exportedAt,
    documents: parsed.documents.length,
    revisions: parsed.revisions.length,
    duplicates: [...duplicates.values()].map(({ id, title, reason }) => ({ id, title, reason })),
  };
}

const COPY_SUFFIX = ' (imported copy)';

/**
 * Imports a checked file in one transaction: everything or, on any failure, nothing. Documents
 * already in the library are never overwritten silently: by default they arrive as copies with
 * new ids; 'skip' leaves them out; 'replace' replaces a same-id document after saving its current
 * state as a before-import revision.
 */
export function importLibrary(
  db: Database,
  parsed: ParsedLibrary,
  deps: { lists: LibraryListStore; revisions: RevisionStore; clock: Clock },
  mode: DuplicateMode = 'copy',
): ImportReport {
  const insertDocument = db.prepare(
    `INSERT INTO documents (id, title, kind, content, plain_text, created_at, updated_at, subject, key_stage, year_group, folder)
     VALUES (@id, @title, @kind, @content, @plainText, @createdAt, @updatedAt, @subject, @keyStage, @yearGroup, @folder)`,
  );
  const replaceDocument = db.prepare(
    `UPDATE documents SET title = @title, kind = @kind, content = @content, plain_text = @plainText, updated_at = @updatedAt,
       subject = @subject, key_stage = @keyStage, year_group = @yearGroup, folder = @folder
     WHERE id = @id AND deleted_at IS NULL`,
  );
  const deleteTags = db.prepare('DELETE FROM document_tags WHERE document_id = ?');
  const insertTag = db.prepare('INSERT OR IGNORE INTO document_tags (document_id, tag) VALUES (?, ?)');
  const revisionExists = db.prepare('SELECT 1 FROM revisions WHERE id = ?');
  const insertRevision = db.prepare(
    `INSERT INTO revisions (id, document_id, created_at, kind, label, title, content, plain_text)
     VALUES (@id, @documentId, @createdAt, @kind, @label, @title, @content, @plainText)`,
  );

  return db.transaction((): ImportReport => {
    const report: ImportReport = { imported: 0, copies: 0, skipped: 0, replaced: 0, revisions: 0 };
    const duplicates = findDuplicates(db, parsed);
    if (parsed.lists) {
      for (const value of parsed.lists.subjects) deps.lists.ensure('subjects', value);
      for (const value of parsed.lists.keyStages) deps.lists.ensure('keyStages', value);
      for (const value of parsed.lists.yearGroups) deps.lists.ensure('yearGroups', value);
    }
    const now = deps.clock.now();
    /** File id → id in this library, for the documents whose revisions are imported. */
    const target = new Map<string, string>();
    for (const doc of parsed.documents) {
      deps.lists.ensure('subjects', doc.subject);
      deps.lists.ensure('keyStages', doc.keyStage);
      deps.lists.ensure('yearGroups', doc.yearGroup);
      const content = JSON.stringify(doc.content);
      const row = {
        title: doc.title,
        kind: doc.kind,
        content,
        plainText: plainText(doc.content as TipTapDoc),
        createdAt: doc.createdAt,
        updatedAt: doc.updatedAt,
        subject: doc.subject,
        keyStage: doc.keyStage,
        yearGroup: doc.yearGroup,
        folder: doc.folder,
      };
      const duplicate = duplicates.get(doc.id);
      let id: string;
      if (!duplicate) {
        id = doc.id;
        insertDocument.run({ ...row, id });
        report.imported++;
      } else if (mode === 'skip' || (mode === 'replace' && duplicate.reason === 'same-content' && duplicate.existingLive)) {
        report.skipped++;
        continue;
      } else if (mode === 'replace' && duplicate.reason === 'same-id' && duplicate.existingLive) {
        id = doc.id;
        deps.revisions.snapshot(id, 'before-import', null, now);
        replaceDocument.run({ ...row, id, updatedAt: now });
        report.replaced++;
      } else {
        id = randomUUID();
        insertDocument.run({ ...row, id, title: (doc.title + COPY_SUFFIX).slice(0, 200), createdAt: now, updatedAt: now });
        report.copies++;
      }
      deleteTags.run(id);
      for (const tag of doc.tags) insertTag.run(id, tag);
      target.set(doc.id, id);
    }
    for (const revision of parsed.revisions) {
      const documentId = target.get(revision.documentId);
      if (documentId === undefined) continue;
      const keepId = documentId === revision.documentId && !revisionExists.get(revision.id);
      insertRevision.run({
        id: keepId ? revision.id : randomUUID(),
        documentId,
        createdAt: revision.createdAt,
        kind: revision.kind,
        label: revision.label,
        title: revision.title,
        content: JSON.stringify(revision.content),
        plainText: plainText(revision.content as TipTapDoc),
      });
      report.revisions++;
    }
    // Imported history may be older than what thinning last looked at.
    if (report.revisions > 0) deps.revisions.forgetThinning();
    return report;
  }).immediate();
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function invalid(reason: string): AppError {
  return new AppError('IMPORT_INVALID', `This file cannot be imported: ${reason}. Nothing was changed.`);
}

function invalidEntry(at: string, error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'entry';
  const unsafe = issue?.path.some((p) => p === 'id' || p === 'documentId' || p === 'folder' || p === 'name');
  return invalid(`${unsafe ? 'an entry name or id is not allowed' : 'an entry is not valid'} at ${at} (${field}: ${issue?.message ?? 'invalid'})`);
}
