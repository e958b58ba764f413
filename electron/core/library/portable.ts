import { createHash, randomUUID } from 'node:crypto';
import { closeSync, constants, fstatSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
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
import { contentJson } from './contentJson';
import type { LibraryListStore } from './lists';
import { fileError } from './fileError';
import { LineReader } from './lineReader';
import { plainText } from './plainText';
import type { RevisionStore } from './revisions';
import { assetInserter, assetRecords, checkAssetRecord, collectAssetIds, type PortableAsset } from '../assets/portableAssets';

/**
 * The portable library file: JSON lines, UTF-8.
 *   line 1        header  {format: "lectern-library", version, exportedAt, app, schemaVersion}
 *   lines 2..n-1  records {type: "lists" | "document" | "revision" | "interaction", ...}
 *   line n        trailer {type: "end", records, sha256}   sha256 of the bytes of lines 2..n-1
 * Every record line is canonical JSON (`contentJson`: keys sorted at every level), and each
 * document and revision carries the sha256 of the canonical JSON of its content, so the checksum
 * does not depend on which path built the document or on how a reader re-serialises it. The
 * trailer makes a cut-off file detectable; the hashes make a damaged or hand-edited one
 * detectable. Documents in the trash are not exported; AI interactions all are (their record
 * outlives the document), column for column as stored. `asset` records carry the images the
 * exported documents and versions reference, named by their sha256 (assets/portableAssets.ts).
 *
 * Format 1 (Lectern before canonical checksums) hashed the content's JSON as it was stored, in
 * whatever key order it was built; a format 1 file is accepted with either checksum.
 */
export const LIBRARY_FORMAT = 'lectern-library';
export const LIBRARY_FORMAT_VERSION = 2;
export const LIBRARY_FILE_EXTENSION = '.lectern-library';

/**
 * What import reads at most. The file is read a line at a time, never whole, so these bound
 * the memory and time a hostile or mistaken file can cost (docs/library.md, "Import caps").
 */
export interface ImportLimits {
  /** The whole file: a library of 10,000 lessons with their history is about 200 MB. */
  maxFileBytes: number;
  /** One record (a document or version with its content, one AI interaction). */
  maxRecordBytes: number;
  /** The first line: anything longer is not a Lectern library. */
  maxHeaderBytes: number;
}

export const IMPORT_LIMITS: Readonly<ImportLimits> = {
  maxFileBytes: 2 * 1024 ** 3,
  maxRecordBytes: 256 * 1024 ** 2,
  maxHeaderBytes: 64 * 1024,
};

const Timestamp = z.number().int().nonnegative();
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const HeaderSchema = z.object({
  format: z.literal(LIBRARY_FORMAT),
  version: z.number().int().positive(),
  exportedAt: Timestamp,
  app: z.object({ name: z.string(), version: z.string() }).optional(),
  schemaVersion: z.number().int().optional(),
  /** Issue 7 §6: how far the exporting library's audit log went, signed with its key (provenance exportCheckpoint). */
  auditCheckpoint: z.object({ entries: z.number().int().nonnegative(), head: Sha256, mac: Sha256 }).optional(),
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

/**
 * One row of `ai_interactions`, column for column, so it comes back exactly as stored (the audit
 * log holds hashes of the stored text). Column names are checked here and against this
 * library's table at import; values are what a STRICT table holds besides blobs.
 */
const InteractionRecord = z
  .object({
    type: z.literal('interaction'),
    row: z
      .record(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/), z.union([z.string(), z.number(), z.null()]))
      .refine((row) => typeof row.id === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(row.id), { message: 'not a valid id', path: ['id'] })
      .refine((row) => Number.isSafeInteger(row.created_at), { message: 'not a time', path: ['created_at'] }),
  })
  .strict();

/** Images, when documents have them: the name is a content hash, never a path. */
const AssetRecord = z
  .object({
    type: z.literal('asset'),
    name: z.string().regex(/^[0-9a-f]{64}\.(png|jpe?g|gif|webp)$/),
    data: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  })
  .strict();

const TrailerRecord = z.object({ type: z.literal('end'), records: z.number().int().nonnegative(), sha256: Sha256 }).strict();

type ListsRecordT = z.output<typeof ListsRecord>;
type DocumentRecordT = z.output<typeof DocumentRecord>;
type RevisionRecordT = z.output<typeof RevisionRecord>;
type InteractionRow = z.output<typeof InteractionRecord>['row'];

/** A document in a checked file: enough to find duplicates, without its content. */
export interface FileDocument {
  id: string;
  title: string;
  /** sha256 of the canonical JSON of its content (whatever the file's own checksum was). */
  sha256: string;
  /** UTF-8 bytes of its plain text: a cheap first test for "same content". */
  textBytes: number;
}

/**
 * A library file that has been read through and checked, changing nothing. It holds no content:
 * `importLibrary` reads the file again inside its transaction, and refuses it if it changed.
 */
export interface ParsedLibrary {
  file: string;
  limits: ImportLimits;
  version: number;
  exportedAt: number;
  /** The trailer's checksum of every record. */
  sha256: string;
  documents: FileDocument[];
  revisions: number;
  interactions: number;
  /** Every column named by the file's AI interactions. */
  interactionColumns: string[];
  /** The exporting library's signed audit checkpoint (issue 7 §6), when it had one. */
  auditCheckpoint?: AuditCheckpointHeader | undefined;
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
 * Content is written in canonical form whatever form it was stored in (documents saved before
 * Lectern stored one form keep theirs until they are next saved).
 */
export function exportLibrary(
  db: Database,
  file: string,
  meta: { appVersion: string; schemaVersion: number; now: number; auditCheckpoint?: AuditCheckpointHeader | null },
): { file: string; documents: number; revisions: number; interactions: number; bytes: number } {
  const partial = `${file}.partial`;
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (error) {
    throw fileError(error, 'write', file);
  }
  let documents = 0;
  let revisions = 0;
  let interactions = 0;
  try {
    const hash = createHash('sha256');
    let records = 0;
    const write = (line: string) => writeSync(fd, line);
    const record = (value: Record<string, unknown>) => {
      const line = contentJson(value) + '\n';
      hash.update(line);
      write(line);
      records++;
    };
    /** Content as stored, in canonical form, and its checksum. */
    const images = new Set<string>();
    const canonical = (stored: string) => {
      collectAssetIds(stored, images);
      const content = JSON.parse(stored) as unknown;
      return { content, sha256: contentHash(contentJson(content)) };
    };
    write(
      JSON.stringify({
        format: LIBRARY_FORMAT,
        version: LIBRARY_FORMAT_VERSION,
        exportedAt: meta.now,
        app: { name: 'Lectern', version: meta.appVersion },
        schemaVersion: meta.schemaVersion,
        ...(meta.auditCheckpoint ? { auditCheckpoint: meta.auditCheckpoint } : {}),
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
          ...canonical(row.content),
        });
        documents++;
      }
      const revs = db.prepare(
        `SELECT r.id, r.document_id, r.created_at, r.kind, r.label, r.title, r.content FROM revisions r
         JOIN documents d ON d.id = r.document_id WHERE d.deleted_at IS NULL ORDER BY d.seq, r.created_at, r.rowid`,
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
          ...canonical(row.content),
        });
        revisions++;
      }
      for (const asset of assetRecords(db, images)) record(asset);
      const ais = db.prepare('SELECT * FROM ai_interactions ORDER BY created_at, rowid') as Statement<[], Record<string, unknown>>;
      for (const row of ais.iterate()) {
        for (const [column, value] of Object.entries(row)) {
          if (value !== null && typeof value !== 'string' && typeof value !== 'number') {
            throw new AppError('INTERNAL', `AI interaction column ${column} holds a value a library file cannot carry.`);
          }
        }
        record({ type: 'interaction', row });
        interactions++;
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
  return { file, documents, revisions, interactions, bytes: statSync(file).size };
}

/** What a pass over a file hands on: each record once it has passed every check of its own. */
interface RecordVisitor {
  lists?(record: ListsRecordT): void;
  /** `json` is the canonical JSON of the content, the form the library stores. */
  document?(record: DocumentRecordT, json: string, at: string): void;
  revision?(record: RevisionRecordT, json: string, at: string): void;
  interaction?(row: InteractionRow, at: string): void;
  asset?(asset: PortableAsset, at: string): void;
}

interface ScanResult {
  version: number;
  exportedAt: number;
  sha256: string;
  auditCheckpoint: AuditCheckpointHeader | undefined;
}

type AuditCheckpointHeader = NonNullable<z.output<typeof HeaderSchema>['auditCheckpoint']>;

/**
 * Opens what should be a library file for reading, and makes sure it is an ordinary file within
 * the size cap before a byte is read. A symbolic link is followed (a teacher's folders may hold
 * them), and what it leads to is judged from the open descriptor, so nothing can be swapped in
 * between the check and the read. O_NONBLOCK keeps a FIFO from blocking the open until a writer
 * comes; O_NOCTTY keeps a terminal device from becoming the process's own.
 */
function openLibraryFile(file: string, limits: ImportLimits): number {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw invalid('it is a folder, not a file');
    throw fileError(error, 'read', file);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw invalid('it is a folder, not a file');
    if (!stat.isFile()) throw invalid('it is not an ordinary file (it is a device, a pipe or a socket)');
    if (stat.size > limits.maxFileBytes) throw invalid(`it is larger than the ${formatBytes(limits.maxFileBytes)} Lectern can import`);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw fileError(error, 'read', file);
  }
}

/**
 * One pass over a library file, a line at a time. Every check runs on every pass: the header,
 * each record against its schema and checksum, duplicate ids, the trailer. The first problem is
 * reported after the trailer has been checked, so a cut-off or damaged file says so rather than
 * naming whichever record the damage happened to hit first. Throws an AppError: IMPORT_INVALID or
 * DATABASE_TOO_NEW; file errors as `fileError` names them.
 */
function scanLibraryFile(file: string, limits: ImportLimits, visit: RecordVisitor): ScanResult {
  const fd = openLibraryFile(file, limits);
  try {
    return scanOpenFile(fd, limits, visit);
  } catch (error) {
    throw fileError(error, 'read', file);
  } finally {
    closeSync(fd);
  }
}

function scanOpenFile(fd: number, limits: ImportLimits, visit: RecordVisitor): ScanResult {
  let lineNo = 1;
  const reader = new LineReader(fd, {
    maxTotalBytes: limits.maxFileBytes,
    maxLineBytes: limits.maxHeaderBytes,
    onLineTooLong: () =>
      lineNo === 1
        ? invalid('it is not a Lectern library')
        : invalid(`the entry at line ${lineNo} is larger than the ${formatBytes(limits.maxRecordBytes)} one entry may be`),
    onFileTooLarge: () => invalid(`it is larger than the ${formatBytes(limits.maxFileBytes)} Lectern can import`),
  });

  const first = reader.next();
  const headerBytes = 'line' in first ? first.line : first.tail;
  const headerText = headerBytes ? decodeUtf8(headerBytes) : '';
  if (headerText === undefined) throw invalid('it is not a Lectern library (it is not text)');
  const header = parseJson(headerText);
  const parsedHeader = HeaderSchema.safeParse(header);
  if (!parsedHeader.success) {
    const format = (header as { format?: unknown } | undefined)?.format;
    throw invalid(format === LIBRARY_FORMAT ? 'its header is damaged' : 'it is not a Lectern library');
  }
  const version = parsedHeader.data.version;
  if (version > LIBRARY_FORMAT_VERSION) {
    throw new AppError(
      'DATABASE_TOO_NEW',
      `This library file was made by a newer version of Lectern (format ${version}; this version reads up to ${LIBRARY_FORMAT_VERSION}). Update Lectern to import it.`,
    );
  }
  if (!('line' in first)) throw cutOff();

  reader.maxLineBytes = limits.maxRecordBytes;
  const hash = createHash('sha256');
  let records = 0;
  let problem: AppError | undefined;
  /** The last line, while it may be the trailer: it is one only if nothing follows it. */
  let trailer: { value: z.output<typeof TrailerRecord>; bytes: Buffer; lineNo: number } | undefined;
  const documentIds = new Set<string>();
  const revisionIds = new Set<string>();
  const interactionIds = new Set<string>();
  const assetIds = new Set<string>();

  const body = (bytes: Buffer, at: string, value: unknown) => {
    hash.update(bytes);
    hash.update('\n');
    records++;
    if (problem) return;
    try {
      checkRecord(value, at);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problem = error;
    }
  };

  const checkRecord = (value: unknown, at: string) => {
    const type = (value as { type?: unknown } | undefined)?.type;
    switch (type) {
      case 'lists': {
        const parsed = ListsRecord.safeParse(value);
        if (!parsed.success) throw invalidEntry(at, parsed.error);
        visit.lists?.(parsed.data);
        return;
      }
      case 'document': {
        const parsed = DocumentRecord.safeParse(value);
        if (!parsed.success) throw invalidEntry(at, parsed.error);
        const json = checkedContent(version, value, parsed.data.sha256);
        if (json === undefined) throw invalid(`the document at ${at} is damaged (checksum mismatch)`);
        if (documentIds.has(parsed.data.id)) throw invalid(`the document id at ${at} appears twice`);
        documentIds.add(parsed.data.id);
        visit.document?.(parsed.data, json, at);
        return;
      }
      case 'revision': {
        const parsed = RevisionRecord.safeParse(value);
        if (!parsed.success) throw invalidEntry(at, parsed.error);
        const json = checkedContent(version, value, parsed.data.sha256);
        if (json === undefined) throw invalid(`the version at ${at} is damaged (checksum mismatch)`);
        if (revisionIds.has(parsed.data.id)) throw invalid(`the version id at ${at} appears twice`);
        // Exports write every document before any version, so one pass can import both.
        if (!documentIds.has(parsed.data.documentId)) {
          throw invalid(`a version belongs to a document that is not in the file before it (${parsed.data.id})`);
        }
        revisionIds.add(parsed.data.id);
        visit.revision?.(parsed.data, json, at);
        return;
      }
      case 'interaction': {
        const parsed = InteractionRecord.safeParse(value);
        if (!parsed.success) throw invalidEntry(at, parsed.error);
        const id = parsed.data.row.id as string;
        if (interactionIds.has(id)) throw invalid(`the AI interaction id at ${at} appears twice`);
        interactionIds.add(id);
        visit.interaction?.(parsed.data.row, at);
        return;
      }
      case 'asset': {
        const parsed = AssetRecord.safeParse(value);
        if (!parsed.success) throw invalidEntry(at, parsed.error);
        const asset = checkAssetRecord(parsed.data);
        if (typeof asset === 'string') throw invalid(`the image at ${at} is not valid (${asset})`);
        if (assetIds.has(asset.id)) throw invalid(`the image at ${at} appears twice`);
        assetIds.add(asset.id);
        visit.asset?.(asset, at);
        return;
      }
      default:
        throw invalid(`${at} is not something a Lectern library holds`);
    }
  };

  for (;;) {
    const next = reader.next();
    if (!('line' in next)) {
      if (next.tail !== null || !trailer) throw cutOff();
      break;
    }
    lineNo++;
    const at = `line ${lineNo}`;
    if (trailer) {
      // What looked like the trailer was not the last line: it is a record no library holds.
      body(trailer.bytes, `line ${trailer.lineNo}`, undefined);
      trailer = undefined;
    }
    const text = decodeUtf8(next.line);
    const value = text === undefined ? undefined : parseJson(text);
    const end = TrailerRecord.safeParse(value);
    if (end.success) {
      trailer = { value: end.data, bytes: Buffer.from(next.line), lineNo };
      continue;
    }
    if (text === undefined && !problem) problem = invalid(`it is damaged (${at} is not text)`);
    body(next.line, at, value);
  }
  const sha256 = hash.digest('hex');
  if (trailer.value.records !== records || trailer.value.sha256 !== sha256) {
    throw invalid('it is damaged (its checksum does not match its contents)');
  }
  if (problem) throw problem;
  return { version, exportedAt: parsedHeader.data.exportedAt, sha256, auditCheckpoint: parsedHeader.data.auditCheckpoint };
}

/**
 * The canonical JSON of a record's content if its checksum matches, else undefined. Computed from
 * the record as parsed from the line, before the schema rebuilt it. A format 1 file (written
 * before checksums were canonical) may instead carry the hash of the content's JSON exactly as it
 * was written in the line, which `JSON.stringify` of the parsed line reproduces byte for byte.
 */
function checkedContent(version: number, raw: unknown, sha256: string): string | undefined {
  const content = (raw as { content: unknown }).content;
  const json = contentJson(content);
  if (contentHash(json) === sha256) return json;
  if (version === 1 && contentHash(JSON.stringify(content)) === sha256) return json;
  return undefined;
}

/**
 * Reads and checks a whole library file, a line at a time, changing nothing. Any problem is an
 * AppError that says what is wrong and where: IMPORT_INVALID (not a library, not an ordinary
 * file, too large, cut off, damaged, unsafe entries) or DATABASE_TOO_NEW (written by a newer
 * Lectern). `limits` is for tests; the app uses IMPORT_LIMITS.
 */
export function readLibraryFile(file: string, limits: ImportLimits = IMPORT_LIMITS): ParsedLibrary {
  const documents: FileDocument[] = [];
  let revisions = 0;
  let interactions = 0;
  const columns = new Set<string>();
  const result = scanLibraryFile(file, limits, {
    document(record, json) {
      documents.push({ id: record.id, title: record.title, sha256: contentHash(json), textBytes: Buffer.byteLength(plainText(record.content as TipTapDoc)) });
    },
    revision() {
      revisions++;
    },
    interaction(row) {
      interactions++;
      for (const column of Object.keys(row)) columns.add(column);
    },
  });
  return {
    file,
    limits,
    version: result.version,
    exportedAt: result.exportedAt,
    sha256: result.sha256,
    documents,
    revisions,
    interactions,
    interactionColumns: [...columns].sort(),
    auditCheckpoint: result.auditCheckpoint,
  };
}

export type DuplicateMode = 'copy' | 'skip' | 'replace';

interface Duplicate {
  id: string;
  title: string;
  reason: 'same-id' | 'same-content';
  existingId: string;
  existingLive: boolean;
}

/**
 * Finds which documents of a parsed file are already in the library. Reads only. "Same content"
 * compares canonical JSON, so a document stored before Lectern stored one form still matches;
 * only rows whose plain text is as long as the file document's are parsed to find out.
 */
export function findDuplicates(db: Database, parsed: ParsedLibrary): Map<string, Duplicate> {
  const existing = db.prepare(
    "SELECT id, octet_length(plain_text) AS textBytes, deleted_at IS NULL AS live FROM documents WHERE plain_text <> ''",
  ) as Statement<[], { id: string; textBytes: number; live: number }>;
  const ids = db.prepare('SELECT id, deleted_at IS NULL AS live FROM documents') as Statement<[], { id: string; live: number }>;
  const contentOf = db.prepare('SELECT content FROM documents WHERE id = ?') as Statement<[string], { content: string }>;
  const byId = new Map<string, boolean>();
  for (const row of ids.iterate()) byId.set(row.id, row.live === 1);
  // Empty documents all share one content; they are not duplicates of each other in any useful sense.
  const byTextBytes = new Map<number, Array<{ id: string; live: boolean; sha256?: string }>>();
  for (const row of existing.iterate()) {
    const same = byTextBytes.get(row.textBytes) ?? [];
    same.push({ id: row.id, live: row.live === 1 });
    byTextBytes.set(row.textBytes, same);
  }
  const out = new Map<string, Duplicate>();
  for (const doc of parsed.documents) {
    const live = byId.get(doc.id);
    if (live !== undefined) {
      out.set(doc.id, { id: doc.id, title: doc.title, reason: 'same-id', existingId: doc.id, existingLive: live });
      continue;
    }
    if (doc.textBytes === 0) continue;
    for (const candidate of byTextBytes.get(doc.textBytes) ?? []) {
      candidate.sha256 ??= contentHash(contentJson(JSON.parse(contentOf.get(candidate.id)!.content)));
      if (candidate.sha256 !== doc.sha256) continue;
      out.set(doc.id, { id: doc.id, title: doc.title, reason: 'same-content', existingId: candidate.id, existingLive: candidate.live });
      break;
    }
  }
  return out;
}

export function previewImport(db: Database, file: string, importId: string, limits: ImportLimits = IMPORT_LIMITS): ImportPreview {
  const parsed = readLibraryFile(file, limits);
  checkInteractionColumns(db, parsed.interactionColumns);
  const duplicates = findDuplicates(db, parsed);
  return {
    importId,
    file,
    exportedAt: parsed.exportedAt,
    documents: parsed.documents.length,
    revisions: parsed.revisions,
    duplicates: [...duplicates.values()].map(({ id, title, reason }) => ({ id, title, reason })),
  };
}

/** A file's AI interactions may only name columns this library's table has. */
function checkInteractionColumns(db: Database, columns: readonly string[]): Set<string> {
  const known = new Set((db.prepare("SELECT name FROM pragma_table_info('ai_interactions')").all() as Array<{ name: string }>).map((c) => c.name));
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw invalid(`its AI records hold details this version of Lectern does not know (${unknown.slice(0, 5).join(', ')}); update Lectern to import it`);
  }
  return known;
}

const COPY_SUFFIX = ' (imported copy)';

/** What `importLibrary` did: the contract's report, and the AI interactions it added. */
export interface ImportOutcome extends ImportReport {
  /** AI interactions added; those already in the library (same id) are left as they are. */
  interactions: number;
  /** Their ids, for the audit entry that records the import. */
  interactionIds: string[];
}

/**
 * Imports a checked file in one transaction: everything or, on any failure, nothing. The file
 * is read again, a line at a time, inside the transaction, with every check of
 * `readLibraryFile`, and refused if it is no longer the file that was checked. Documents already
 * in the library are never overwritten silently: by default they arrive as copies with new ids;
 * 'skip' leaves them out; 'replace' replaces a same-id document after saving its current state as
 * a before-import revision. Content is stored in canonical form.
 */
export function importLibrary(
  db: Database,
  parsed: ParsedLibrary,
  deps: { lists: LibraryListStore; revisions: RevisionStore; clock: Clock },
  mode: DuplicateMode = 'copy',
): ImportOutcome {
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
  const insertInteraction = new Map<string, Statement<[Record<string, unknown>]>>();

  return db.transaction((): ImportOutcome => {
    const report: ImportOutcome = { imported: 0, copies: 0, skipped: 0, replaced: 0, revisions: 0, interactions: 0, interactionIds: [] };
    const columns = checkInteractionColumns(db, parsed.interactionColumns);
    const duplicates = findDuplicates(db, parsed);
    const now = deps.clock.now();
    /** File id → id in this library, for the documents whose revisions are imported. */
    const target = new Map<string, string>();
    const insertAsset = assetInserter(db, now);
    const scanned = scanLibraryFile(parsed.file, parsed.limits, {
      asset(asset) {
        insertAsset(asset);
      },
      lists(lists) {
        for (const value of lists.subjects) deps.lists.ensure('subjects', value);
        for (const value of lists.keyStages) deps.lists.ensure('keyStages', value);
        for (const value of lists.yearGroups) deps.lists.ensure('yearGroups', value);
      },
      document(doc, content) {
        deps.lists.ensure('subjects', doc.subject);
        deps.lists.ensure('keyStages', doc.keyStage);
        deps.lists.ensure('yearGroups', doc.yearGroup);
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
          return;
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
      },
      revision(revision, content) {
        const documentId = target.get(revision.documentId);
        if (documentId === undefined) return;
        const keepId = documentId === revision.documentId && !revisionExists.get(revision.id);
        insertRevision.run({
          id: keepId ? revision.id : randomUUID(),
          documentId,
          createdAt: revision.createdAt,
          kind: revision.kind,
          label: revision.label,
          title: revision.title,
          content,
          plainText: plainText(revision.content as TipTapDoc),
        });
        report.revisions++;
      },
      interaction(row, at) {
        const names = Object.keys(row).sort();
        if (names.some((name) => !columns.has(name))) throw invalid(`the AI record at ${at} is not valid (the file changed after it was checked)`);
        const key = names.join(',');
        let insert = insertInteraction.get(key);
        if (!insert) {
          // Names are checked against this table's own columns above, so quoting them is enough.
          insert = db.prepare(
            `INSERT INTO ai_interactions (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})
             ON CONFLICT (id) DO NOTHING`,
          );
          insertInteraction.set(key, insert);
        }
        try {
          if (insert.run(row).changes === 1) {
            report.interactions++;
            report.interactionIds.push(row.id as string);
          }
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
            throw invalid(`the AI record at ${at} is not valid (${(error as Error).message})`);
          }
          throw error;
        }
      },
    });
    if (scanned.sha256 !== parsed.sha256) throw invalid('it changed after it was checked; choose it again');
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GB`;
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function cutOff(): AppError {
  return invalid('it is incomplete (the file was cut off)');
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
