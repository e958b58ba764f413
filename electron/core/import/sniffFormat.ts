import type { ImportFormat } from '../../contract';
import { ImportFailure } from './importFailure';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Magic numbers of files people drop by mistake, so the error can say what they are not. */
const OTHER_BINARY = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** True when an OLE compound file holds the stream Office writes for password protection. */
function isEncryptedOffice(bytes: Uint8Array): boolean {
  const marker = Buffer.from('EncryptionInfo', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker);
}

/**
 * The file's format, read from its bytes; the name only chooses between the text formats
 * (Markdown, HTML, plain text), which have no magic number.
 */
export function sniffFormat(bytes: Uint8Array, fileName: string): ImportFormat {
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return 'docx';
  if (startsWith(bytes, OLE)) {
    if (isEncryptedOffice(bytes)) throw new ImportFailure('ENCRYPTED', 'The Word document is protected by a password. Open it in Word, remove the password (File → Info → Protect Document), save, and import it again.');
    throw new ImportFailure('LEGACY_WORD', 'This is an older Word document (.doc) or another Office file. Open it in Word and save it as a .docx, then import that.');
  }
  if (OTHER_BINARY.some((magic) => startsWith(bytes, magic))) throw notSupported(fileName);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192));
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (head.includes(0) && !utf16) throw notSupported(fileName);
  let text: string;
  if (utf16) text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head.subarray(2, head.length - (head.length % 2)));
  else try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastCompleteUtf8(head)));
  } catch {
    // Not UTF-8: Windows-1252 text is still text; a binary file would have shown a NUL byte above.
    text = head.toString('latin1');
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (/^\uFEFF?\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>])/i.test(text)) return 'html';
  if (ext === 'txt' || ext === undefined) return 'text';
  if (ext === 'docx' || ext === 'docm') throw new ImportFailure('NOT_SUPPORTED', `${fileName} is named like a Word document but is not one (it holds plain text or something else).`);
  return 'text';
}

function notSupported(fileName: string): ImportFailure {
  return new ImportFailure('NOT_SUPPORTED', `${fileName} is not a Word document (.docx), Markdown, HTML or text file.`);
}

/** Where the last whole UTF-8 character ends, so cutting at 8 KB does not make valid text look invalid. */
function lastCompleteUtf8(bytes: Buffer): number {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) end -= back;
    break;
  }
  return end;
}
