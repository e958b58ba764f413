/**
 * Images, stored once in the library database and referenced by id from documents (issue 10 §3).
 *
 *   const store = new AssetStore(db, clock);
 *   const image = await store.put(bytes, { fileName: 'diagram.png' });
 *   // → { id, mime, width, height, byteSize, fileName, createdAt, deduplicated }
 *   // a document holds { type: 'image', attrs: { assetId: image.id, alt, decorative, width, align } }
 *   store.get(image.id);   // → { ...info, bytes } for the renderer's asset route and for exports
 *
 * - **Content-addressed**: `id` is the sha256 (hex) of the bytes as stored. Putting the same file
 *   again returns the row already there (`deduplicated: true`) without decoding it again: the sha256
 *   of what was put is kept too (`source_sha256`), since a downscaled image differs from its source.
 * - **Sniffed, never trusted**: the format comes from the first bytes (sniffImage.ts). The claimed
 *   MIME type and the file name's extension are ignored; a file that is no image we accept is
 *   refused with IMAGE_INVALID naming the file, and nothing is stored.
 * - **Formats**: PNG, JPEG, GIF (animation kept) and WebP are stored as they are, unless they need
 *   downscaling or carry metadata (EXIF, XMP, IPTC: a phone photo's location, the camera owner);
 *   then they are re-encoded in the same format, upright (EXIF orientation applied), metadata
 *   dropped. SVG is **rasterised** to PNG (see docs/images.md): an SVG is a document that can hold
 *   scripts, event handlers, external references and foreignObject HTML, and served from the
 *   app's own origin it would run with the app's rights if ever opened as a page. A PNG cannot.
 *   librsvg renders it from memory with no base address, so it loads no other file and no URL;
 *   entity declarations (billion laughs) and XInclude are refused before it sees the text.
 * - **Caps**: at most MAX_INPUT_BYTES in, at most MAX_INPUT_PIXELS decoded (a tiny file that
 *   claims 100,000 × 100,000 pixels is refused, not decoded), and the longest side stored is at
 *   most MAX_DIMENSION pixels: larger images are downscaled to fit, keeping their proportions.
 * - **Lifecycle**: revisions hold the same ids as documents, backups copy the database and so the
 *   images with it, library export and import carry them as `asset` records (library/portable.ts),
 *   and `removeUnreferenced` deletes, after documents are deleted for good, every image that no
 *   document (trashed ones included) and no revision references and that is older than
 *   UNREFERENCED_GRACE_MS (an image just inserted is put before the lesson's next autosave).
 */
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { sniffImage, type SniffedImage } from './sniffImage';

/** The formats images are stored in (SVG is stored as the PNG it was rendered to). */
export type StoredImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** The longest side, in pixels, of a stored image. 2560 px is sharp on a 4K projector at full width. */
export const MAX_DIMENSION = 2560;
/** The largest file accepted. A phone photo is 3–12 MB; a scan for a worksheet rarely more. */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;
/** Width × height decoded at most (about 10,000 × 10,000): guards against decompression bombs. */
export const MAX_INPUT_PIXELS = 100_000_000;
/** An unreferenced image younger than this is kept: its lesson may not have been saved yet. */
export const UNREFERENCED_GRACE_MS = 24 * 60 * 60 * 1000;
/** SVGs are rendered at up to twice their declared size, so lines stay crisp on high-density screens. */
const SVG_SCALE = 2;
const JPEG_QUALITY = 85;
const WEBP_QUALITY = 85;

export const ASSET_ID_PATTERN = /^[0-9a-f]{64}$/;

export interface AssetInfo {
  id: string;
  mime: StoredImageMime;
  width: number;
  height: number;
  byteSize: number;
  /** The name the image came with, for the teacher's benefit only (never used to decide anything). */
  fileName: string | null;
  createdAt: number;
}

export interface PutResult extends AssetInfo {
  /** True when the library already held this image: nothing new was stored. */
  deduplicated: boolean;
}

export interface PutHints {
  /** The type the source claimed (clipboard, Word, a file input). Recorded in errors only. */
  mime?: string;
  fileName?: string;
}

interface AssetRow {
  id: string;
  mime: StoredImageMime;
  width: number;
  height: number;
  byte_size: number;
  file_name: string | null;
  created_at: number;
}

const INFO_COLUMNS = 'id, mime, width, height, byte_size, file_name, created_at';

export class AssetStore {
  private readonly byIdOrSource: Statement<[string, string], AssetRow>;
  private readonly infoById: Statement<[string], AssetRow>;
  private readonly bytesById: Statement<[string], { bytes: Buffer }>;
  private readonly insert: Statement<[string, string, number, number, number, string | null, string | null, string | null, number, Buffer]>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.byIdOrSource = db.prepare(`SELECT ${INFO_COLUMNS} FROM assets WHERE id = ? OR source_sha256 = ? LIMIT 1`);
    this.infoById = db.prepare(`SELECT ${INFO_COLUMNS} FROM assets WHERE id = ?`);
    this.bytesById = db.prepare('SELECT bytes FROM assets WHERE id = ?');
    this.insert = db.prepare(
      `INSERT INTO assets (id, mime, width, height, byte_size, source_sha256, source_mime, file_name, created_at, bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
  }

  /** Stores an image (see the top of this file) and returns what the library now holds. */
  async put(bytes: Uint8Array, hints: PutHints = {}): Promise<PutResult> {
    const name = describe(hints);
    if (bytes.length === 0) throw invalid(`${name} is empty.`);
    if (bytes.length > MAX_INPUT_BYTES) {
      throw invalid(`${name} is ${megabytes(bytes.length)} MB; images up to ${MAX_INPUT_BYTES / (1024 * 1024)} MB can be added.`);
    }
    const sniffed = sniffImage(bytes);
    if (!sniffed) {
      throw invalid(`${name} is not a PNG, JPEG, GIF, WebP or SVG image${hints.mime ? ` (it claimed to be ${hints.mime.slice(0, 100)})` : ''}.`);
    }
    const sourceSha = sha256(bytes);
    const existing = this.byIdOrSource.get(sourceSha, sourceSha);
    if (existing) return { ...toInfo(existing), deduplicated: true };

    const image = sniffed === 'image/svg+xml' ? await rasteriseSvg(bytes, name) : await normaliseRaster(bytes, sniffed, name);
    const id = sha256(image.bytes);
    const fileName = hints.fileName ? hints.fileName.slice(0, 255) : null;
    const createdAt = this.clock.now();
    const stored = this.db.transaction(() => {
      const result = this.insert.run(
        id,
        image.mime,
        image.width,
        image.height,
        image.bytes.length,
        id === sourceSha ? null : sourceSha,
        sniffed,
        fileName,
        createdAt,
        image.bytes,
      );
      return result.changes > 0 ? undefined : this.infoById.get(id);
    })();
    if (stored) return { ...toInfo(stored), deduplicated: true };
    return { id, mime: image.mime, width: image.width, height: image.height, byteSize: image.bytes.length, fileName, createdAt, deduplicated: false };
  }

  info(id: string): AssetInfo | undefined {
    if (!ASSET_ID_PATTERN.test(id)) return undefined;
    const row = this.infoById.get(id);
    return row ? toInfo(row) : undefined;
  }

  /** The stored bytes with their info, or undefined. For the asset route and for exporters. */
  get(id: string): (AssetInfo & { bytes: Uint8Array }) | undefined {
    const info = this.info(id);
    if (!info) return undefined;
    const row = this.bytesById.get(id);
    return row ? { ...info, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) } : undefined;
  }

  /**
   * Deletes the images no document (in the trash or not) and no revision references, keeping
   * those younger than `graceMs`. Returns how many were deleted. Costs nothing when the library
   * holds no images; otherwise one pass over the stored JSON of the documents and revisions that
   * contain an image node at all.
   */
  removeUnreferenced(graceMs = UNREFERENCED_GRACE_MS): number {
    return this.db.transaction(() => {
      const candidates = this.db
        .prepare<[number], { id: string }>('SELECT id FROM assets WHERE created_at <= ?')
        .all(this.clock.now() - graceMs)
        .map((row) => row.id);
      if (candidates.length === 0) return 0;
      const referenced = referencedAssetIds(this.db);
      const remove = this.db.prepare<[string]>('DELETE FROM assets WHERE id = ?');
      let removed = 0;
      for (const id of candidates) if (!referenced.has(id)) removed += remove.run(id).changes;
      return removed;
    })();
  }
}

/** Every asset id named by an `assetId` attribute in any document or revision. */
export function referencedAssetIds(db: Database): Set<string> {
  const ids = new Set<string>();
  // Documents are stored with their keys sorted and no spaces (library/contentJson.ts), but the
  // pattern allows spaces so a differently written row is never mistaken for one without images.
  const pattern = /"assetId"\s*:\s*"([0-9a-f]{64})"/g;
  const rows = db
    .prepare<[], { content: string }>(
      `SELECT content FROM documents WHERE instr(content, '"assetId"') > 0
       UNION ALL SELECT content FROM revisions WHERE instr(content, '"assetId"') > 0`,
    )
    .iterate();
  for (const row of rows) for (const match of row.content.matchAll(pattern)) ids.add(match[1]!);
  return ids;
}

interface Prepared {
  bytes: Buffer;
  mime: StoredImageMime;
  width: number;
  height: number;
}

const SHARP_FORMAT: Record<Exclude<SniffedImage, 'image/svg+xml'>, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

async function normaliseRaster(bytes: Uint8Array, mime: Exclude<SniffedImage, 'image/svg+xml'>, name: string): Promise<Prepared> {
  const animated = mime === 'image/gif' || mime === 'image/webp';
  const open = (): Sharp => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, animated, failOn: 'error' });
  const meta = await readMetadata(open(), name);
  if (meta.format !== SHARP_FORMAT[mime]) throw invalid(`${name} is damaged: it starts like a ${label(mime)} but is not one.`);
  const width = meta.width;
  const height = meta.pageHeight ?? meta.height;
  const orientation = meta.orientation ?? 1;
  const tooLarge = Math.max(width, height) > MAX_DIMENSION;
  const hasMetadata = meta.exif !== undefined || meta.xmp !== undefined || meta.iptc !== undefined || orientation !== 1;
  if (!tooLarge && !hasMetadata) {
    // Stored as it came, but only once it is known to decode in full: a truncated file is refused now, not shown broken later.
    await decodeFully(open(), name);
    return { bytes: Buffer.from(bytes), mime, width, height };
  }
  let pipeline = open().rotate();
  if (tooLarge) pipeline = pipeline.resize({ width: MAX_DIMENSION, height: MAX_DIMENSION, fit: 'inside', withoutEnlargement: true });
  pipeline =
    mime === 'image/png'
      ? pipeline.png()
      : mime === 'image/jpeg'
        ? pipeline.jpeg({ quality: JPEG_QUALITY })
        : mime === 'image/gif'
          ? pipeline.gif()
          : pipeline.webp({ quality: WEBP_QUALITY });
  const { data, info } = await encode(pipeline, name);
  return { bytes: data, mime, width: info.width, height: info.pageHeight ?? info.height };
}

async function rasteriseSvg(bytes: Uint8Array, name: string): Promise<Prepared> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (/<!ENTITY/i.test(text)) throw invalid(`${name} declares XML entities, which Lectern does not accept in an SVG.`);
  if (/XInclude|xi:include/i.test(text)) throw invalid(`${name} includes other files (XInclude), which Lectern does not accept in an SVG.`);
  // Its declared size is only a proportion: the drawing below is sized to fit MAX_DIMENSION.
  const meta = await readMetadata(sharp(bytes, { limitInputPixels: false }), name);
  if (meta.format !== 'svg') throw invalid(`${name} is not an SVG image that can be drawn.`);
  // At 72 dpi librsvg draws the SVG at its declared size; scale that to twice, within MAX_DIMENSION.
  const scale = Math.min(SVG_SCALE, MAX_DIMENSION / Math.max(meta.width, meta.height, 1));
  const density = Math.max(1, Math.min(72 * scale, 2400));
  const pipeline = sharp(bytes, { density, limitInputPixels: MAX_INPUT_PIXELS })
    .resize({ width: MAX_DIMENSION, height: MAX_DIMENSION, fit: 'inside', withoutEnlargement: true })
    .png();
  const { data, info } = await encode(pipeline, name);
  return { bytes: data, mime: 'image/png', width: info.width, height: info.height };
}

async function readMetadata(image: Sharp, name: string): Promise<Metadata & { width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await image.metadata();
  } catch (error) {
    throw invalid(`${name} could not be read as an image: ${reason(error)}`);
  }
  if (!meta.width || !meta.height) throw invalid(`${name} has no size that can be read.`);
  // An SVG's declared size is only a proportion here: it is drawn at a density that fits MAX_DIMENSION.
  if (meta.format !== 'svg' && meta.width * (meta.pageHeight ?? meta.height) > MAX_INPUT_PIXELS) {
    throw invalid(`${name} is ${meta.width} × ${meta.height} pixels, more than Lectern decodes (${MAX_INPUT_PIXELS.toLocaleString('en-GB')} pixels).`);
  }
  return meta as Metadata & { width: number; height: number };
}

async function decodeFully(image: Sharp, name: string): Promise<void> {
  try {
    await image.raw().toBuffer();
  } catch (error) {
    throw invalid(`${name} is damaged or incomplete: ${reason(error)}`);
  }
}

async function encode(pipeline: Sharp, name: string): Promise<{ data: Buffer; info: OutputInfo }> {
  try {
    return await pipeline.toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw invalid(`${name} could not be converted: ${reason(error)}`);
  }
}

function toInfo(row: AssetRow): AssetInfo {
  return {
    id: row.id,
    mime: row.mime,
    width: row.width,
    height: row.height,
    byteSize: row.byte_size,
    fileName: row.file_name,
    createdAt: row.created_at,
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function describe(hints: PutHints): string {
  return hints.fileName ? `“${hints.fileName.slice(0, 120)}”` : 'The image';
}

function label(mime: SniffedImage): string {
  return mime === 'image/svg+xml' ? 'SVG' : SHARP_FORMAT[mime as Exclude<SniffedImage, 'image/svg+xml'>]!.toUpperCase();
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}

function invalid(message: string): AppError {
  return new AppError('IMAGE_INVALID', message);
}
