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

export function normalise(original: string): NormalisedText {
  const out: string[] = [];
  let starts = new Int32Array(Math.max(16, original.length + 16));
  let ends = new Int32Array(starts.length);
  let n = 0;

  const push = (ch: string, start: number, end: number) => {
    if (n === starts.length) {
      const bigger = new Int32Array(starts.length * 2);
      bigger.set(starts);
      starts = bigger;
      const biggerEnds = new Int32Array(ends.length * 2);
      biggerEnds.set(ends);
      ends = biggerEnds;
    }
    out.push(ch);
    starts[n] = start;
    ends[n] = end;
    n++;
  };
  const last = () => (n > 0 ? out[n - 1]! : '\n');
  const space = (start: number, end: number) => {
    if (last() === ' ' || last() === '\n') return;
    push(' ', start, end);
  };
  const lineBreak = (start: number, end: number, next: number) => {
    // "Bro-\nwn": a word hyphenated over a line break is read as one word.
    if (last() === '-' && n >= 2 && LETTER.test(out[n - 2]!)) {
      let k = next;
      while (k < original.length && (original[k] === ' ' || original[k] === '\t')) k++;
      if (k < original.length && LOWER.test(original[k]!)) {
        out.pop();
        n--;
        return;
      }
    }
    if (last() === '\n') return;
    if (last() === ' ') {
      out[n - 1] = '\n';
      ends[n - 1] = end;
      return;
    }
    push('\n', start, end);
  };
  const cell = (start: number, end: number) => {
    space(start, end);
    push('|', start, end);
    push(' ', start, end);
  };
  /** One character (already decoded from an entity or the text itself) at original [start, end). */
  const emit = (ch: string, start: number, end: number, next: number) => {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      if (ch === ' ') return space(start, end);
      if (ch === '\t') return cell(start, end);
      if (LINE_BREAKS.has(ch)) return lineBreak(start, end, next);
      if (ch === '`') return push("'", start, end);
      if (code < 32 || code === 127) return;
      return push(ch, start, end);
    }
    if (APOSTROPHES.has(ch)) return push("'", start, end);
    if (DASHES.has(ch)) return push('-', start, end);
    if (LINE_BREAKS.has(ch)) return lineBreak(start, end, next);
    if (FORMAT.test(ch)) return;
    if (SPACE.test(ch)) return space(start, end);
    const folded = FOLD[ch];
    if (folded !== undefined) {
      for (const c of folded) push(c, start, end);
      return;
    }
    for (const c of ch.normalize('NFKD')) {
      if (MARK.test(c)) continue;
      if (c === ' ' || SPACE.test(c)) space(start, end);
      else if (APOSTROPHES.has(c)) push("'", start, end);
      else if (DASHES.has(c)) push('-', start, end);
      else if (!FORMAT.test(c)) push(FOLD[c] ?? c, start, end);
    }
  };

  let i = 0;
  while (i < original.length) {
    const ch = original[i]!;
    if (ch === '<') {
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
    } else if (ch === '&') {
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
          for (const c of decoded) emit(c, i, end, end);
          i = end;
          continue;
        }
      }
    } else if (EMPHASIS.has(ch) && n > 0 && LETTER.test(last())) {
      // "To**m**" or "Tom_Brown": emphasis marks between letters do not end the word.
      let k = i;
      while (k < original.length && k - i < 8 && EMPHASIS.has(original[k]!)) k++;
      if (k < original.length && LETTER.test(original[k]!)) {
        i = k;
        continue;
      }
    }
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    emit(width === 2 ? original.slice(i, i + 2) : ch, i, i + width, i + width);
    i += width;
  }
  return { text: out.join(''), starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

/** The original range of normalised [start, end). */
export function originalRange(norm: NormalisedText, start: number, end: number): { start: number; end: number } {
  return { start: norm.starts[start]!, end: norm.ends[end - 1]! };
}

/** A short string folded for comparison: normalised, lower case, separators collapsed. */
export function foldText(value: string): string {
  return normalise(value).text.toLowerCase();
}
