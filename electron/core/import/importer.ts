import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IMPORT_CAPS, type ImportFileResult, type ImportFormat, type TipTapDoc } from '../../contract';
import type { Clock } from '../clock';
import type { DocumentStore } from '../library/documentStore';
import { decodeText } from './decodeText';
import { docxToDoc } from './docx';
import { htmlToDoc } from './htmlToDoc';
import { ImportContext, type ImageSink } from './importContext';
import { ImportFailure } from './importFailure';
import { markdownToDoc } from './markdown';
import { sniffFormat } from './sniffFormat';
import { textToDoc } from './text';

/** A file to import: its bytes (dropped on the window) or its path (the file dialog, the CLI). */
export type ImportSource = { name: string; bytes: Uint8Array } | { name?: string; path: string };

export interface ImporterDeps {
  documents: Pick<DocumentStore, 'create'>;
  clock: Clock;
  /** Stores an image and returns its id; without one, images are listed as not imported. */
  images?: ImageSink;
  caps?: typeof IMPORT_CAPS;
}

export interface ImportOptions {
  folder?: string | undefined;
}

/**
 * Brings files in as new documents. Each file is all or nothing: it is read, checked against the
 * caps, converted and validated in full before its document is created (one transaction), so a
 * file that fails leaves no document behind, and one file's failure never stops the others.
 * Images a failed file had already stored are unreferenced and go at the next trash purge.
 */
export class Importer {
  private readonly caps: typeof IMPORT_CAPS;

  constructor(private readonly deps: ImporterDeps) {
    this.caps = deps.caps ?? IMPORT_CAPS;
  }

  async importFiles(sources: ImportSource[], options: ImportOptions = {}): Promise<ImportFileResult[]> {
    const results: ImportFileResult[] = [];
    for (const source of sources.slice(0, this.caps.maxFiles)) results.push(await this.importOne(source, options));
    for (const source of sources.slice(this.caps.maxFiles)) {
      results.push(failed(sourceName(source), null, new ImportFailure('TOO_LARGE', `At most ${this.caps.maxFiles} files are imported at once; import this one in another go.`)));
    }
    return results;
  }

  private async importOne(source: ImportSource, options: ImportOptions): Promise<ImportFileResult> {
    const fileName = sourceName(source);
    let format: ImportFormat | null = null;
    const ctx = new ImportContext(fileName, new Date(this.deps.clock.now()).toISOString(), this.deps.images);
    try {
      const bytes = await this.read(source, fileName);
      format = sniffFormat(bytes, fileName);
      const converted = await this.convert(format, bytes, ctx);
      const title = converted.title ?? fileName.replace(/\.[^.]+$/, '');
      const document = this.deps.documents.create({ title, kind: 'lesson-plan', content: converted.doc, folder: options.folder });
      return {
        fileName,
        format,
        status: 'imported',
        documentId: document.id,
        title: document.title,
        imagesImported: ctx.storedImageIds.size,
        notImported: ctx.report(),
      };
    } catch (error) {
      if (error instanceof ImportFailure) return failed(fileName, format, error, ctx);
      // Anything else (a full disk, a read-only library) is the library's problem, not the file's.
      throw error;
    }
  }

  private async read(source: ImportSource, fileName: string): Promise<Uint8Array> {
    const tooLarge = (size: number) =>
      new ImportFailure('TOO_LARGE', `${fileName} is ${(size / 1024 / 1024).toFixed(0)} MB; files up to ${this.caps.maxFileBytes / 1024 / 1024} MB are imported.`);
    if ('bytes' in source) {
      if (source.bytes.byteLength > this.caps.maxFileBytes) throw tooLarge(source.bytes.byteLength);
      return source.bytes;
    }
    try {
      // The size is checked before a byte is read: a 200 MB file is refused without loading it.
      const info = await stat(source.path);
      if (!info.isFile()) throw new ImportFailure('READ_FAILED', `${fileName} is not a file.`);
      if (info.size > this.caps.maxFileBytes) throw tooLarge(info.size);
      return await readFile(source.path);
    } catch (error) {
      if (error instanceof ImportFailure) throw error;
      throw new ImportFailure('READ_FAILED', `${fileName} could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }

  private async convert(format: ImportFormat, bytes: Uint8Array, ctx: ImportContext): Promise<{ doc: TipTapDoc; title: string | undefined }> {
    switch (format) {
      case 'docx':
        return docxToDoc(bytes, ctx, this.caps);
      case 'markdown':
        return markdownToDoc(decodeText(bytes), ctx);
      case 'html':
        return htmlToDoc(decodeText(bytes), ctx);
      case 'text':
        return textToDoc(decodeText(bytes), ctx);
    }
  }
}

function sourceName(source: ImportSource): string {
  return (source.name ?? ('path' in source ? basename(source.path) : '')).slice(0, 255) || 'file';
}

function failed(fileName: string, format: ImportFormat | null, error: ImportFailure, ctx?: ImportContext): ImportFileResult {
  return { fileName, format, status: 'failed', problem: error.problem, message: error.message, imagesImported: 0, notImported: ctx?.report() ?? [] };
}
