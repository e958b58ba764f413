import { inflateRawSync } from 'node:zlib';
import { IMPORT_CAPS } from '../../contract';
import { ImportFailure } from './importFailure';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipCaps {
  maxZipEntries: number;
  maxExpandedBytes: number;
  maxCompressionRatio: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** An entry is held to the ratio only past this size: small XML parts legitimately compress 100×. */
const RATIO_FLOOR = 1024 * 1024;

const damaged = (why: string) => new ImportFailure('DAMAGED', `The file is not a complete zip archive (${why}); it may have been cut short while downloading.`);

/**
 * Reads a zip's central directory (its table of contents) without expanding anything, and checks
 * the caps on it: entry count, declared expanded size and ratio. A zip that lies about its sizes is
 * caught again when an entry is expanded (`readEntry` stops at the declared size).
 */
export function readZipDirectory(bytes: Uint8Array, caps: ZipCaps = IMPORT_CAPS): Map<string, ZipEntry> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('its table of contents is missing');
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ImportFailure('ZIP_BOMB', 'The file is a ZIP64 archive, far larger than any Word document.');
  if (count > caps.maxZipEntries) throw new ImportFailure('ZIP_BOMB', `The file holds ${count} parts; a Word document has far fewer (at most ${caps.maxZipEntries} are accepted).`);
  if (dirOffset + dirSize > eocd) throw damaged('its table of contents points past the end');
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw damaged('an entry in its table of contents is damaged');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const uncompressedSize = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localHeaderOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) throw new ImportFailure('ENCRYPTED', 'The file is a password-protected zip archive.');
    if (localHeaderOffset + 30 + compressedSize > dirOffset) throw damaged(`the part ${name} runs past the end of the data`);
    total += uncompressedSize;
    if (total > caps.maxExpandedBytes) {
      throw new ImportFailure('ZIP_BOMB', `The file would expand to more than ${Math.round(caps.maxExpandedBytes / 1024 / 1024)} MB; a Word document never does.`);
    }
    if (uncompressedSize > RATIO_FLOOR && uncompressedSize > caps.maxCompressionRatio * Math.max(compressedSize, 1)) {
      throw new ImportFailure('ZIP_BOMB', `The part ${name} expands ${Math.round(uncompressedSize / Math.max(compressedSize, 1))} times; more than ${caps.maxCompressionRatio} times is refused as a zip bomb.`);
    }
    entries.set(name, { name, method, compressedSize, uncompressedSize, localHeaderOffset });
  }
  return entries;
}

/** One entry's bytes, expanded to at most its declared size (a lying header cannot expand further). */
export function readEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (buf.readUInt32LE(at) !== LOCAL_SIGNATURE) throw damaged(`the part ${entry.name} is damaged`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw damaged(`the part ${entry.name} is cut short`);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) throw damaged(`the part ${entry.name} uses an unknown compression`);
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
    if (out.length !== entry.uncompressedSize) throw damaged(`the part ${entry.name} is not the size its header says`);
    return out;
  } catch (error) {
    if (error instanceof ImportFailure) throw error;
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ImportFailure('ZIP_BOMB', `The part ${entry.name} expands past the size its header declares.`);
    }
    throw damaged(`the part ${entry.name} cannot be expanded`);
  }
}

/** Expands every entry once, so a lying header is caught before mammoth (which trusts them) sees the file. */
export function verifyEntries(bytes: Uint8Array, entries: Map<string, ZipEntry>): void {
  for (const entry of entries.values()) if (!entry.name.endsWith('/')) readEntry(bytes, entry);
}
