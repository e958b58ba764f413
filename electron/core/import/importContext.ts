import type { NotImported, NotImportedKind } from '../../contract';

/** Stores one image and returns its id, or throws (the image is then listed as not imported). */
export type ImageSink = (bytes: Uint8Array, hints: { fileName?: string; mime?: string }) => Promise<string>;

/** What one file's conversion needs and gathers: where images go, and what could not come in. */
export class ImportContext {
  readonly storedImageIds = new Set<string>();
  private readonly missing = new Map<NotImportedKind, { count: number; details: Set<string> }>();

  constructor(
    readonly fileName: string,
    readonly importedAt: string,
    private readonly sink: ImageSink | undefined,
  ) {}

  notImported(kind: NotImportedKind, count = 1, detail?: string): void {
    if (count <= 0) return;
    const entry = this.missing.get(kind) ?? { count: 0, details: new Set<string>() };
    entry.count += count;
    if (detail && entry.details.size < 5) entry.details.add(detail);
    this.missing.set(kind, entry);
  }

  addAll(items: NotImported[]): void {
    for (const item of items) this.notImported(item.kind, item.count, item.detail);
  }

  /** The image's id in the library, or undefined when it could not be stored (then it is listed). */
  async putImage(bytes: Uint8Array, hints: { fileName?: string; mime?: string }): Promise<string | undefined> {
    if (!this.sink) {
      this.notImported('image', 1, 'images are not imported here');
      return undefined;
    }
    try {
      const id = await this.sink(bytes, hints);
      this.storedImageIds.add(id);
      return id;
    } catch (error) {
      this.notImported('image', 1, `${hints.fileName ?? hints.mime ?? 'an image'}: ${(error as Error).message}`);
      return undefined;
    }
  }

  report(): NotImported[] {
    return [...this.missing].map(([kind, { count, details }]) => (details.size ? { kind, count, detail: [...details].join('; ') } : { kind, count }));
  }
}
