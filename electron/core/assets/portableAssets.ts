/**
 * Images in the portable library file (library/portable.ts; issue 10 §3). An `asset` record is
 *   {type: "asset", name: "<sha256>.<ext>", data: base64, width, height}
 * written once for each image that an exported document or version references. Its name is its
 * checksum: import recomputes the sha256 of the decoded bytes and refuses the file if it differs,
 * and the format is sniffed from the bytes and must agree with the extension. An image the
 * library already holds (same id) is left as it is; the bytes are inserted as they were stored,
 * not processed again, so ids stay the same from library to library.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { sniffImage } from './sniffImage';
import type { StoredImageMime } from './assetStore';

const EXTENSION: Record<StoredImageMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };
const MIME_OF: Record<string, StoredImageMime> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };
const ASSET_ID_IN_JSON = /"assetId"\s*:\s*"([0-9a-f]{64})"/g;

export interface PortableAsset {
  id: string;
  mime: StoredImageMime;
  width: number;
  height: number;
  bytes: Buffer;
}

/** Adds to `into` every image id named in a document's stored JSON. */
export function collectAssetIds(storedJson: string, into: Set<string>): void {
  if (!storedJson.includes('"assetId"')) return;
  for (const match of storedJson.matchAll(ASSET_ID_IN_JSON)) into.add(match[1]!);
}

/** The records for the given ids that the library holds, in id order (an id it lacks is skipped: the lesson shows it missing). */
export function* assetRecords(db: Database, ids: Set<string>): Generator<Record<string, unknown>> {
  const select = db.prepare<[string], { mime: StoredImageMime; width: number; height: number; bytes: Buffer }>(
    'SELECT mime, width, height, bytes FROM assets WHERE id = ?',
  );
  for (const id of [...ids].sort()) {
    const row = select.get(id);
    if (!row) continue;
    yield { type: 'asset', name: `${id}.${EXTENSION[row.mime]}`, data: row.bytes.toString('base64'), width: row.width, height: row.height };
  }
}

/** Checks a parsed record's bytes against its name; returns the image or a reason it is damaged. */
export function checkAssetRecord(record: { name: string; data: string; width: number; height: number }): PortableAsset | string {
  const [id, extension] = record.name.split('.') as [string, string];
  const bytes = Buffer.from(record.data, 'base64');
  if (bytes.toString('base64') !== record.data) return 'its image data is not base64';
  if (createHash('sha256').update(bytes).digest('hex') !== id) return 'its image is damaged (checksum mismatch)';
  const mime = MIME_OF[extension]!;
  if (sniffImage(bytes) !== mime) return `its image is not the ${extension.toUpperCase()} its name says`;
  return { id, mime, width: record.width, height: record.height, bytes };
}

/** Prepares the insert once per import; the returned function adds an image unless it is already there. */
export function assetInserter(db: Database, now: number): (asset: PortableAsset) => boolean {
  const insert = db.prepare(
    `INSERT INTO assets (id, mime, width, height, byte_size, created_at, bytes) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  return (asset) => insert.run(asset.id, asset.mime, asset.width, asset.height, asset.bytes.length, now, asset.bytes).changes === 1;
}
