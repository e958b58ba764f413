/**
 * Images (issue 10 §3): content-addressed blobs referenced by id from documents and revisions
 * (core/assets/assetStore.ts).
 *
 * - `id` is the sha256 of `bytes`, so the same image is stored once however often it is used.
 * - `source_sha256` is the sha256 of what was put when that differs from what is stored (a
 *   downscaled photo, an SVG rendered to PNG), so putting the same file again finds the row
 *   without decoding it.
 * - `bytes` is last: listing and the purge sweep read a row's first page only.
 */
export default /* sql */ `
CREATE TABLE assets (
  id             TEXT PRIMARY KEY CHECK (length(id) = 64),
  mime           TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
  width          INTEGER NOT NULL CHECK (width > 0),
  height         INTEGER NOT NULL CHECK (height > 0),
  byte_size      INTEGER NOT NULL,
  source_sha256  TEXT,
  source_mime    TEXT,
  file_name      TEXT,
  created_at     INTEGER NOT NULL,
  bytes          BLOB NOT NULL
) STRICT;

CREATE INDEX assets_by_source ON assets (source_sha256) WHERE source_sha256 IS NOT NULL;
`;
