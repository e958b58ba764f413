import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { HighlightedText, MethodName, OutputOf } from '../contract';
import { createCore, LIBRARY_FILE, type LecternCore } from '../core/app';
import { AppError } from '../core/errors';
import { currentLockHolder } from '../core/db/lock';
import { LATEST_SCHEMA_VERSION } from '../core/db/migrations';
import { peekSchemaVersion } from '../core/db/openDatabase';
import { BACKUP_DIR, backupTo } from '../core/library/backup';
import { checkNow, fileTimestamp } from '../core/library/integrity';
import { plainText } from '../core/library/plainText';
import { exportLibrary, importLibrary, readLibraryFile, type DuplicateMode } from '../core/library/portable';
import { defaultDataDir } from './dataDir';
import { FolderSchema } from '../contract';
import { importFilesCommand } from './importFiles';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes, for scripts. */
export const EXIT = { ok: 0, failed: 1, usage: 2, damaged: 3, inUse: 4 } as const;

const HELP = `lectern — the Lectern library from the command line

Usage: lectern <command> [options]

Commands
  list [--json]                 Documents (not in the trash), most recently edited first.
                                Filters: --kind K --subject S --key-stage KS --year-group Y
                                --tag T --folder F; --sort updated|created|title
  show ID [--json]              One document: metadata and text (--json: with its TipTap content).
  search QUERY... [--json]      Full-text search, best first, British/American spellings alike.
  backup DEST                   Copy the library to DEST (a file, or a folder for a timestamped
                                file) with SQLite's online backup, then check the copy.
  check [--json]                Full integrity check and schema version. Exit 3 when damaged.
  export-library FILE [--force] Write the whole library to one portable file.
  import-library FILE           Import a portable file. Documents already present arrive as copies;
                                --duplicates skip|replace changes that (replace keeps a revision).
  import FILE... [--folder F]   Word (.docx, .docm: text only), Markdown, HTML or text files, each as
                                a new lesson (in folder F). Lists what could not come in; exit 1
                                when any file was refused (the others are still imported).

Options
  --data-dir DIR   The library folder. Default: $LECTERN_DATA_DIR, else the desktop app's folder
                   (Linux ~/.config/Lectern, macOS ~/Library/Application Support/Lectern,
                   Windows %APPDATA%\\Lectern).
  --json           Machine-readable output on stdout.
  -h, --help       This help.

Reading commands work beside a running Lectern (SQLite WAL lets readers in safely). Writing
commands (import-library) take the library's lock and refuse to run while Lectern has it open.

Exit codes: 0 ok, 1 failed, 2 usage error, 3 library damaged, 4 library in use.
`;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        duplicates: { type: 'string' },
        kind: { type: 'string' },
        subject: { type: 'string' },
        'key-stage': { type: 'string' },
        'year-group': { type: 'string' },
        tag: { type: 'string' },
        folder: { type: 'string' },
        sort: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`lectern: ${(error as Error).message}\nRun "lectern --help" for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === 'help') {
    io.out(HELP);
    return EXIT.ok;
  }
  if (!command) {
    io.err(HELP);
    return EXIT.usage;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const ctx: Context = { io, dataDir, json: values.json, values };
  try {
    switch (command) {
      case 'list':
        return await list(ctx, args);
      case 'show':
        return await show(ctx, args);
      case 'search':
        return await search(ctx, args);
      case 'backup':
        return await backup(ctx, args);
      case 'check':
        return check(ctx, args);
      case 'export-library':
        return exportCommand(ctx, args);
      case 'import-library':
        return importCommand(ctx, args);
      case 'import':
        return await importFiles(ctx, args);
      default:
        io.err(`lectern: unknown command "${command}". Run "lectern --help" for the list.\n`);
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`lectern: ${error.message}\nRun "lectern --help" for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof AppError) {
      io.err(`lectern: ${error.message}\n`);
      if (error.code === 'DATABASE_DAMAGED') return EXIT.damaged;
      if (error.code === 'LIBRARY_IN_USE') return EXIT.inUse;
      return EXIT.failed;
    }
    io.err(`lectern: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}

interface Context {
  io: CliIo;
  dataDir: string;
  json: boolean;
  values: Record<string, string | boolean | undefined>;
}

class UsageError extends Error {}

function libraryFile(ctx: Context): string {
  const file = join(ctx.dataDir, LIBRARY_FILE);
  if (!existsSync(file)) {
    throw new AppError('NOT_FOUND', `There is no Lectern library in ${ctx.dataDir}. Use --data-dir to point at one.`);
  }
  return file;
}

/**
 * Read-only unless the library still needs upgrading to this version's schema: that is a write,
 * so then the lock is taken like any writer's.
 */
function openForReading(ctx: Context): LecternCore {
  const file = libraryFile(ctx);
  return openCore(ctx, peekSchemaVersion(file) >= LATEST_SCHEMA_VERSION);
}

function openCore(ctx: Context, readOnly: boolean): LecternCore {
  return createCore({
    dataDir: ctx.dataDir,
    // The CLI serves no app.info; the contract knows two hosts and this is the desktop app's library.
    host: 'electron',
    version: appVersion(),
    readOnly,
    lockHolder: 'cli',
    library: { background: false, onDamaged: 'throw' },
  });
}

async function call<N extends MethodName>(core: LecternCore, name: N, input: unknown): Promise<OutputOf<N>> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value as OutputOf<N>;
}

async function list(ctx: Context, args: string[]): Promise<number> {
  expectArgs(args, 0, 'list takes no arguments');
  const input: Record<string, string> = {};
  for (const [flag, field] of [
    ['kind', 'kind'],
    ['subject', 'subject'],
    ['key-stage', 'keyStage'],
    ['year-group', 'yearGroup'],
    ['tag', 'tag'],
    ['folder', 'folder'],
    ['sort', 'sort'],
  ] as const) {
    const value = ctx.values[flag];
    if (typeof value === 'string') input[field] = value;
  }
  const core = openForReading(ctx);
  try {
    const docs = await call(core, 'documents.list', input);
    if (ctx.json) ctx.io.out(JSON.stringify(docs, null, 2) + '\n');
    else if (docs.length === 0) ctx.io.out('No documents.\n');
    else for (const d of docs) ctx.io.out(`${d.id}  ${when(d.updatedAt)}  ${d.kind.padEnd(14)}  ${d.title || '(untitled)'}\n`);
    return EXIT.ok;
  } finally {
    core.close();
  }
}

async function show(ctx: Context, args: string[]): Promise<number> {
  expectArgs(args, 1, 'show needs one document id');
  const core = openForReading(ctx);
  try {
    const doc = await call(core, 'documents.get', { id: args[0] });
    if (ctx.json) {
      ctx.io.out(JSON.stringify(doc, null, 2) + '\n');
      return EXIT.ok;
    }
    const rows: Array<[string, string]> = [
      ['Title', doc.title || '(untitled)'],
      ['Id', doc.id],
      ['Kind', doc.kind],
      ['Subject', doc.subject ?? '-'],
      ['Key stage', doc.keyStage ?? '-'],
      ['Year group', doc.yearGroup ?? '-'],
      ['Folder', doc.folder ?? '-'],
      ['Tags', doc.tags.join(', ') || '-'],
      ['Created', when(doc.createdAt)],
      ['Updated', when(doc.updatedAt)],
    ];
    for (const [label, value] of rows) ctx.io.out(`${(label + ':').padEnd(12)}${value}\n`);
    ctx.io.out(`\n${plainText(doc.content)}\n`);
    return EXIT.ok;
  } finally {
    core.close();
  }
}

async function search(ctx: Context, args: string[]): Promise<number> {
  if (args.length === 0) throw new UsageError('search needs words to look for');
  const core = openForReading(ctx);
  try {
    // Whole words: a script's query is finished, not being typed (the trailing space says so).
    const { results } = await call(core, 'search.query', { text: args.join(' ') + ' ', limit: 50 });
    if (ctx.json) ctx.io.out(JSON.stringify(results, null, 2) + '\n');
    else if (results.length === 0) ctx.io.out('No matches.\n');
    else {
      for (const r of results) {
        ctx.io.out(`${r.document.id}  ${marked(r.title) || '(untitled)'}\n`);
        if (r.snippet.length > 0) ctx.io.out(`    ${marked(r.snippet).replace(/\s*\n\s*/g, ' ')}\n`);
      }
    }
    return EXIT.ok;
  } finally {
    core.close();
  }
}

async function backup(ctx: Context, args: string[]): Promise<number> {
  expectArgs(args, 1, 'backup needs a destination file or folder');
  let dest = resolve(args[0]!);
  if (existsSync(dest) && statSync(dest).isDirectory()) dest = join(dest, `library-${fileTimestamp(Date.now())}.sqlite`);
  else if (existsSync(dest) && !ctx.values.force) throw new AppError('CONFLICT', `${dest} already exists. Choose another name, or add --force.`);
  const core = openForReading(ctx);
  try {
    const written = await backupTo(core.db, dest);
    if (ctx.json) ctx.io.out(JSON.stringify({ file: written.file, bytes: written.bytes, integrity: 'ok' }) + '\n');
    else ctx.io.out(`Backed up to ${written.file} (${written.bytes} bytes); the copy passed its integrity check.\n`);
    return EXIT.ok;
  } finally {
    core.close();
  }
}

function check(ctx: Context, args: string[]): number {
  expectArgs(args, 0, 'check takes no arguments');
  const file = libraryFile(ctx);
  const report = checkNow(file, 'full');
  let schemaVersion: number | null = null;
  if (report.ok) schemaVersion = peekSchemaVersion(file);
  const holder = currentLockHolder(ctx.dataDir);
  const backupsDir = join(ctx.dataDir, BACKUP_DIR);
  const tooNew = schemaVersion !== null && schemaVersion > LATEST_SCHEMA_VERSION;
  if (ctx.json) {
    ctx.io.out(
      JSON.stringify(
        {
          file,
          integrity: report.ok ? 'ok' : 'damaged',
          problems: report.problems,
          checkMs: Math.round(report.ms),
          schemaVersion,
          latestSchemaVersion: LATEST_SCHEMA_VERSION,
          inUseBy: holder ? { pid: holder.pid, holder: holder.holder, hostname: holder.hostname } : null,
          backupsFolder: backupsDir,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    ctx.io.out(`Library:    ${file}\n`);
    ctx.io.out(`Integrity:  ${report.ok ? 'ok' : 'DAMAGED'} (integrity_check, ${Math.round(report.ms)} ms)\n`);
    for (const problem of report.problems.slice(0, 10)) ctx.io.out(`            ${problem}\n`);
    ctx.io.out(
      `Schema:     ${schemaVersion ?? 'unknown'} (this version of Lectern knows up to ${LATEST_SCHEMA_VERSION}${tooNew ? ': the library is newer' : ''})\n`,
    );
    ctx.io.out(`In use:     ${holder ? `yes, by ${holder.holder} (process ${holder.pid})` : 'no'}\n`);
    if (!report.ok) ctx.io.out(`Backups:    ${backupsDir}\n`);
  }
  if (!report.ok) return EXIT.damaged;
  return tooNew ? EXIT.failed : EXIT.ok;
}

function exportCommand(ctx: Context, args: string[]): number {
  expectArgs(args, 1, 'export-library needs a file to write');
  const file = resolve(args[0]!);
  if (existsSync(file) && !ctx.values.force) throw new AppError('CONFLICT', `${file} already exists. Choose another name, or add --force.`);
  const core = openForReading(ctx);
  try {
    const result = exportLibrary(core.db, file, {
      appVersion: appVersion(),
      schemaVersion: core.db.pragma('user_version', { simple: true }) as number,
      now: Date.now(),
    });
    if (ctx.json) ctx.io.out(JSON.stringify(result) + '\n');
    else {
      ctx.io.out(
        `Exported ${result.documents} documents, ${result.revisions} versions and ${result.interactions} AI interactions to ${result.file} (${result.bytes} bytes).\n`,
      );
    }
    return EXIT.ok;
  } finally {
    core.close();
  }
}

function importCommand(ctx: Context, args: string[]): number {
  expectArgs(args, 1, 'import-library needs a library file');
  const mode = (ctx.values.duplicates ?? 'copy') as string;
  if (!['copy', 'skip', 'replace'].includes(mode)) throw new UsageError('--duplicates must be copy, skip or replace');
  // Checked completely before the library is even opened: a bad file changes nothing.
  const parsed = readLibraryFile(resolve(args[0]!));
  const core = openCore(ctx, false);
  try {
    const lib = core.library;
    const report = importLibrary(lib.db, parsed, { lists: lib.lists, revisions: lib.revisions, clock: { now: () => Date.now() } }, mode as DuplicateMode);
    lib.searchIndex.flush();
    const { interactionIds, ...counts } = report;
    // As in the app: the audit log says what an import brought in.
    lib.auditHooks?.imported({ file: resolve(args[0]!), exportedAt: parsed.exportedAt, report: counts, interactionIds });
    if (ctx.json) ctx.io.out(JSON.stringify(counts) + '\n');
    else {
      ctx.io.out(
        `Imported ${report.imported} documents, ${report.copies} as copies of documents already here; ` +
          `skipped ${report.skipped}, replaced ${report.replaced}; ${report.revisions} versions; ${report.interactions} AI interactions.\n`,
      );
    }
    return EXIT.ok;
  } finally {
    core.close();
  }
}

async function importFiles(ctx: Context, args: string[]): Promise<number> {
  if (args.length === 0) throw new UsageError('import needs one or more files');
  const folderValue = ctx.values.folder;
  const folder = typeof folderValue === 'string' ? FolderSchema.safeParse(folderValue) : undefined;
  if (folder && !folder.success) throw new UsageError(`--folder ${folder.error.issues[0]?.message ?? 'is not a folder name'}`);
  const allIn = await importFilesCommand(args, { io: ctx.io, json: ctx.json, folder: folder?.data, open: () => openCore(ctx, false) });
  return allIn ? EXIT.ok : EXIT.failed;
}

function expectArgs(args: string[], count: number, message: string): void {
  if (args.length !== count) throw new UsageError(message);
}

function when(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

function marked(text: HighlightedText): string {
  return text.map((s) => (s.match ? `«${s.text}»` : s.text)).join('');
}

let version: string | undefined;
function appVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
