/**
 * The text the detectors read, and a map back to the text the teacher wrote.
 *
 * Real classroom text arrives with Word's soft hyphens, zero-width joiners from the web,
 * non-breaking and repeated spaces, curly apostrophes, decomposed accents (NFD from macOS), HTML
 * tags or Markdown marks inside a word, and words hyphenated over a line break. Matching the raw
 * text would miss "Zo\u00ADë" or "Tom&nbsp;Brown". So every detector reads a normalised copy in which:
 * accents are folded away (compatibility decomposition, combining marks dropped, ø → o, ß → ss),
 * format characters (\p{Cf}: soft hyphen, zero-width, bidi marks) are dropped, every run of
 * horizontal white space is one space and every run with a line break is one "\n", apostrophes and
 * dashes are ASCII, inline HTML tags and emphasis marks between letters are dropped, block tags
 * become line breaks (table cells " | "), tabs become " | " (a pasted spreadsheet row), common
 * entities are decoded, and "Bro-\nwn" is joined back into "Brown".
 *
 * Each normalised character records the original range it came from, so a match maps back to an
 * exact range of the original and everything outside it is left as the teacher wrote it.
 * One pass, constant work per character (a tag or entity is read at most once, with a cap).
 */
export interface NormalisedText {
  text: string;
  /** Original start of each normalised character. */
  starts: Int32Array;
  /** Original end (exclusive) of each normalised character. */
  ends: Int32Array;
}

const FOLD: Record<string, string> = {
  ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'Th', æ: 'ae', Æ: 'Ae', œ: 'oe', Œ: 'Oe',
  ß: 'ss', ẞ: 'SS', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ŋ: 'ng', Ŋ: 'Ng', ĸ: 'k',
};
const APOSTROPHES = new Set(['\u2019', '\u2018', '\u02bc', '\u02bb', '\u0060', '\u00b4', '\u2032', '\uff07', '\u201b']);
const DASHES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe63', '\uff0d']);
const LINE_BREAKS = new Set(['\n', '\r', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029']);
const EMPHASIS = new Set(['*', '_', '~']);
const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'thead', 'tbody', 'tfoot', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl', 'caption',
]);
const CELL_TAGS = new Set(['td', 'th']);
const INLINE_TAGS = new Set(['b', 'i', 'u', 's', 'em', 'strong', 'span', 'a', 'font', 'sup', 'sub', 'mark', 'small', 'big', 'ins', 'del', 'abbr', 'code', 'o:p', 'wbr']);
const ENTITIES: Record<string, string> = {
  nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', shy: '', zwsp: '', zwj: '', zwnj: '', lrm: '', rlm: '', amp: '&', lt: '<', gt: '>',
  quot: '"', apos: "'", rsquo: "'", lsquo: "'", ndash: '-', mdash: '-', minus: '-', hyphen: '-',
};

const TAG_RE = /<(\/?)([A-Za-z][A-Za-z0-9:]{0,15})(\s[^<>\n]{0,300})?\/?>/y;
const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));/y;
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const MARK = /\p{M}/u;
const FORMAT = /\p{Cf}/u;
const SPACE = /[\s\p{Zs}]/u;

const C = { Tab: 9, Newline: 10, Space: 32, Amp: 38, Apostrophe: 39, Star: 42, Dash: 45, Lt: 60, Underscore: 95, Backtick: 96, Pipe: 124, Tilde: 126 } as const;

/** Printable ASCII copied as it is: everything but the characters handled below. */
const COPY = new Uint8Array(128);
for (let c = 33; c < 127; c++) COPY[c] = 1;
for (const c of [C.Amp, C.Star, C.Lt, C.Underscore, C.Backtick, C.Tilde]) COPY[c] = 0;

/** What one non-ASCII character becomes: "" (dropped), " " (a space), "\n" (a line break) or letters. */
const foldCache = new Map<number, string>();
function foldChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const known = foldCache.get(cp);
  if (known !== undefined) return known;
  let out: string;
  if (APOSTROPHES.has(ch)) out = "'";
  else if (DASHES.has(ch)) out = '-';
  else if (LINE_BREAKS.has(ch)) out = '\n';
  else if (FORMAT.test(ch)) out = '';
  else if (SPACE.test(ch)) out = ' ';
  else if (FOLD[ch] !== undefined) out = FOLD[ch]!;
  else {
    out = '';
    for (const c of ch.normalize('NFKD')) {
      if (MARK.test(c) || FORMAT.test(c)) continue;
      if (SPACE.test(c)) out += ' ';
      else if (APOSTROPHES.has(c)) out += "'";
      else if (DASHES.has(c)) out += '-';
      else out += FOLD[c] ?? c;
    }
  }
  if (foldCache.size < 10_000) foldCache.set(cp, out);
  return out;
}

const isLetterCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 128 && LETTER.test(String.fromCharCode(c)));

export function normalise(original: string): NormalisedText {
  const length = original.length;
  let buf = new Uint16Array(length + 16);
  let starts = new Int32Array(length + 16);
  let ends = new Int32Array(length + 16);
  let n = 0;

  const grow = () => {
    const size = buf.length * 2;
    const b = new Uint16Array(size);
    b.set(buf);
    buf = b;
    const s = new Int32Array(size);
    s.set(starts);
    starts = s;
    const e = new Int32Array(size);
    e.set(ends);
    ends = e;
  };
  const push = (code: number, start: number, end: number) => {
    if (n === buf.length) grow();
    buf[n] = code;
    starts[n] = start;
    ends[n] = end;
    n++;
  };
  const last = () => (n > 0 ? buf[n - 1]! : C.Newline);
  const space = (start: number, end: number) => {
    const l = last();
    if (l !== C.Space && l !== C.Newline) push(C.Space, start, end);
  };
  const lineBreak = (start: number, end: number, next: number) => {
    // "Bro-\nwn": a word hyphenated over a line break is read as one word.
    if (last() === C.Dash && n >= 2 && isLetterCode(buf[n - 2]!)) {
      let k = next;
      while (k < length && (original.charCodeAt(k) === C.Space || original.charCodeAt(k) === C.Tab)) k++;
      if (k < length && LOWER.test(original[k]!)) {
        n--;
        return;
      }
    }
    const l = last();
    if (l === C.Newline) return;
    if (l === C.Space) {
      buf[n - 1] = C.Newline;
      ends[n - 1] = end;
      return;
    }
    push(C.Newline, start, end);
  };
  const cell = (start: number, end: number) => {
    space(start, end);
    push(C.Pipe, start, end);
    push(C.Space, start, end);
  };
  const emitFolded = (folded: string, start: number, end: number, next: number) => {
    for (let k = 0; k < folded.length; k++) {
      const code = folded.charCodeAt(k);
      if (code === C.Space) space(start, end);
      else if (code === C.Newline) lineBreak(start, end, next);
      else push(code, start, end);
    }
  };
  /** A character decoded from an entity, through the same rules as the text's own. */
  const emitDecoded = (ch: string, start: number, end: number) => {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      if (code === C.Space) space(start, end);
      else if (code === C.Tab) cell(start, end);
      else if (code === C.Newline || code === 13) lineBreak(start, end, end);
      else if (code === C.Backtick) push(C.Apostrophe, start, end);
      else if (code >= 32 && code !== 127) push(code, start, end);
      return;
    }
    emitFolded(foldChar(ch), start, end, end);
  };

  let i = 0;
  while (i < length) {
    const code = original.charCodeAt(i);
    if (code < 128) {
      if (COPY[code] === 1) {
        if (n === buf.length) grow();
        buf[n] = code;
        starts[n] = i;
        ends[n] = i + 1;
        n++;
        i++;
        continue;
      }
      if (code === C.Space) {
        space(i, i + 1);
        i++;
        continue;
      }
      if (code === C.Newline || code === 13 || code === 11 || code === 12) {
        lineBreak(i, i + 1, i + 1);
        i++;
        continue;
      }
      if (code === C.Tab) {
        cell(i, i + 1);
        i++;
        continue;
      }
      if (code === C.Lt) {
        TAG_RE.lastIndex = i;
        const tag = TAG_RE.exec(original);
        const name = tag ? tag[2]!.toLowerCase() : '';
        if (tag && (INLINE_TAGS.has(name) || BLOCK_TAGS.has(name) || CELL_TAGS.has(name))) {
          // Attributes are read as text (a title="…" could hold a name): only "<name" is skipped then.
          const end = tag[3] === undefined ? i + tag[0].length : i + 1 + tag[1]!.length + tag[2]!.length;
          if (CELL_TAGS.has(name)) {
            if (tag[1] === '') cell(i, end);
          } else if (BLOCK_TAGS.has(name)) lineBreak(i, end, end);
          i = end;
          continue;
        }
      } else if (code === C.Amp) {
        ENTITY_RE.lastIndex = i;
        const entity = ENTITY_RE.exec(original);
        if (entity) {
          const end = i + entity[0].length;
          let decoded: string | undefined;
          if (entity[1] !== undefined || entity[2] !== undefined) {
            const cp = entity[1] !== undefined ? Number(entity[1]) : parseInt(entity[2]!, 16);
            if (cp > 0 && cp <= 0x10ffff) decoded = String.fromCodePoint(cp);
          } else decoded = ENTITIES[entity[3]!.toLowerCase()];
          if (decoded !== undefined) {
            for (const c of decoded) emitDecoded(c, i, end);
            i = end;
            continue;
          }
        }
      } else if ((code === C.Star || code === C.Underscore || code === C.Tilde) && n > 0 && isLetterCode(last())) {
        // "To**m**" or "Tom_Brown": emphasis marks between letters do not end the word.
        let k = i;
        while (k < length && k - i < 8 && EMPHASIS.has(original[k]!)) k++;
        if (k < length && isLetterCode(original.charCodeAt(k))) {
          i = k;
          continue;
        }
      } else if (code === C.Backtick) {
        push(C.Apostrophe, i, i + 1);
        i++;
        continue;
      } else if (code < 32 || code === 127) {
        i++;
        continue;
      }
      push(code, i, i + 1);
      i++;
      continue;
    }
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < length ? 2 : 1;
    const ch = width === 2 ? original.slice(i, i + 2) : original[i]!;
    emitFolded(foldChar(ch), i, i + width, i + width);
    i += width;
  }
  // Every platform Electron ships on is little-endian, so the buffer is UTF-16LE as it stands.
  const text = new TextDecoder('utf-16le').decode(buf.subarray(0, n));
  return { text, starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

/** The original range of normalised [start, end). */
export function originalRange(norm: NormalisedText, start: number, end: number): { start: number; end: number } {
  return { start: norm.starts[start]!, end: norm.ends[end - 1]! };
}

/** A short string folded for comparison: normalised, lower case, separators collapsed. */
export function foldText(value: string): string {
  return normalise(value).text.toLowerCase();
}
