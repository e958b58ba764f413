/** The image formats Lectern accepts, named by their MIME type. */
export type SniffedImage = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * What an image really is, from its first bytes: a file's name and the type a clipboard or a
 * Word document claims are never trusted (a `.png` may hold a JPEG, or no image at all).
 * SVG is text, so it is recognised by its root element after any byte-order mark, XML
 * declaration, comments, processing instructions and doctype. Returns undefined for anything else.
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (looksLikeSvg(bytes)) return 'image/svg+xml';
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  if (bytes.length < start + length) return '';
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** Reads at most the first 4 KiB: the root element of a real SVG comes long before that. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  text = text.replace(/^\uFEFF/, '');
  for (;;) {
    const trimmed = text.trimStart();
    const skipped =
      skip(trimmed, '<?', '?>') ?? skip(trimmed, '<!--', '-->') ?? (/^<!DOCTYPE/i.test(trimmed) ? skipDoctype(trimmed) : undefined);
    if (skipped === undefined) return /^<svg[\s>/]/.test(trimmed) || /^<[A-Za-z_][\w.-]*:svg[\s>/]/.test(trimmed);
    if (skipped === null) return false;
    text = skipped;
  }
}

/** The text after a construct that opens with `open`, undefined if it does not start here, null if unterminated. */
function skip(text: string, open: string, close: string): string | null | undefined {
  if (!text.startsWith(open)) return undefined;
  const end = text.indexOf(close, open.length);
  return end < 0 ? null : text.slice(end + close.length);
}

function skipDoctype(text: string): string | null {
  // An internal subset ([ ... ]) may hold '>' characters.
  const bracket = text.indexOf('[');
  const close = text.indexOf('>');
  if (bracket >= 0 && bracket < close) {
    const end = text.indexOf(']', bracket);
    if (end < 0) return null;
    const after = text.indexOf('>', end);
    return after < 0 ? null : text.slice(after + 1);
  }
  return close < 0 ? null : text.slice(close + 1);
}
