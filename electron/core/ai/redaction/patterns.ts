/**
 * The regular expressions the redactor runs over normalised text (see normalise.ts: one space or
 * one "\n" for every run of white space, ASCII apostrophes and dashes, no accents).
 *
 * Every pattern runs in linear time: each quantifier is bounded ({0,2}, {1,30}...), so the work
 * at one start position has a constant cap, and no pattern has nested or overlapping unbounded
 * repetition. Emails are not a pattern at all (emails.ts). bench/redact.bench.ts runs each over
 * 1 MB of input built to make it backtrack.
 */

/** Separators allowed inside a number written "with any spacing": one space, dot or dash. */
const SEP = '[ .\\-]?';

/** UK phones: 07…, 01/02/03…, +44 / 0044 (with or without "(0)"), digits grouped by spaces, dots, dashes or brackets. */
export const PHONE_RE = /(?<![\p{L}\p{N}+])(?:(?:\+ ?|00 ?)44[ .-]?(?:\(0\)[ .-]?)?|\(?0)(?:\d[ ).-]{0,2}){8,9}\d(?!\p{N})/gu;

/** Royal Mail postcodes, whole token, any single separator (or none) between the two halves. */
export const POSTCODE_RE =
  /(?<![\p{L}\p{N}])(?:GIR[ .\-/_\n]?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|[A-HK-Y]\d[ABEHMNPRV-Y]?|\d\d|[A-HK-Y]\d\d)[ .\-/_\n]?\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu;

/**
 * A run of digits with single separators (space, dot, dash) between them, whole (never starting
 * inside a run, so the scan is linear); nhsCandidates picks the ten-digit numbers out of it.
 */
export const DIGIT_RUN_RE = /(?<!\p{N}|\p{N}[ .-])\d(?:[ .-]?\d)*/gu;

/** A letter and twelve characters with any single separators; validated by the check letter. */
export const UPN_RE = new RegExp(`(?<![\\p{L}\\p{N}])[A-Z]${SEP}\\d(?:${SEP}\\d){10}${SEP}[0-9A-Z](?![\\p{L}\\p{N}])`, 'giu');

/**
 * National Insurance numbers: two prefix letters (HMRC's allowed letters, without the prefixes
 * never issued), six digits and a suffix A–D, with any single separators.
 */
export const NINO_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]${SEP}\\d\\d${SEP}\\d\\d${SEP}\\d\\d${SEP}[A-D](?![\\p{L}\\p{N}])`,
  'giu',
);

/** Words that end a street name. Capitalised in the text ("Street", "St", "ROAD"). */
export const STREET_WORDS = new Set(
  `street st road rd avenue ave av lane ln close cl drive dr way crescent cres court ct place pl gardens gdns terrace tce
   grove gr hill square sq mews row walk view rise parade green park vale boulevard gate mount wharf yard meadow meadows
   field fields approach chase croft bank brow end hollow wynd loan circus causeway embankment quay heights`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * A house number and up to four capitalised words; the caller keeps the match only up to its last
 * street word ("12 Acacia Avenue", "221B Baker St", "3-5 Mill Lane").
 */
export const ADDRESS_RE = /(?<![\p{L}\p{N}.,/:-])\d{1,4}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?,? (\p{Lu}[\p{L}'-]{0,30}(?: \p{Lu}[\p{L}'-]{0,30}){0,3})\.?(?![\p{L}\p{N}])/gu;
/**
 * After a street: ", Town" or ", Town Name" (or the town on the next line), twice at most
 * (locality, town), ending where the address does. Sticky, at the street's end.
 */
export const TOWN_RE = /(?:(?:, ?\n?|\n)\p{Lu}[\p{L}'-]{1,30}(?: \p{Lu}[\p{L}'-]{1,30})?){1,2}(?=[,.;:\n]| ?$|,? [A-Z]{1,2}\d)/uy;

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const ORDINAL = '(?:st|nd|rd|th)?';
const NUMERIC_DATE = `${DAY}[/.\\-](?:0?[1-9]|1[0-2])[/.\\-](?:\\d{4}|\\d{2})|\\d{4}[\\-/.](?:0?[1-9]|1[0-2])[\\-/.](?:0?[1-9]|[12]\\d|3[01])`;
const WORD_DATE =
  `${DAY}${ORDINAL}[ \\-/.]{1,2}(?:of )?(?:${MONTHS})\\.?,?[ \\-/.]{1,2}(?:\\d{4}|'?\\d{2})` +
  `|(?:${MONTHS})\\.?[ \\-]${DAY}${ORDINAL},?[ \\-](?:\\d{4}|'\\d{2})`;
/** Group 1 is set for numeric dates (a register's "12/03/2012"); word dates have it undefined. */
export const DATE_RE = new RegExp(`(?<![\\p{L}\\p{N}/.\\-])(?:(${NUMERIC_DATE})|${WORD_DATE})(?![\\p{L}\\p{N}]|[/.\\-]\\p{N})`, 'giu');

/** A cue that a date is a date of birth. */
export const BIRTH_CUE = /(?<![\p{L}])(?:d\.? ?o\.? ?b|date of birth|birth ?date|birthday|born)(?![\p{L}])/iu;
/** "b. 12 Mar 2012", right before the date. */
export const BORN_ABBREVIATION = /(?<![\p{L}\p{N}])b\. ?$/iu;

export function* matchAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    else yield m;
  }
}

/**
 * Matches that pass a check (a checksum, a valid phone number). A rejected match is retried one
 * character on, so "12.03.2012 07700 900123" still finds the phone after a date that looked like
 * the start of one; matches are at most a few dozen characters, so this stays linear.
 */
export function* checkedMatches(re: RegExp, text: string, accept: (m: RegExpExecArray) => boolean): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length > 0 && accept(m)) yield m;
    else re.lastIndex = m.index + 1;
  }
}

/** The national form of a phone match ("07700900123"), or undefined when its digits are not a UK number. */
export function nationalPhone(match: string): string | undefined {
  const digits = match.replace(/\D/g, '');
  let national: string;
  const trimmed = match.replace(/^\(/, '');
  if (trimmed.startsWith('+') || trimmed.startsWith('00')) {
    let rest = digits.slice(trimmed.startsWith('+') ? 2 : 4);
    if (match.includes('(0)')) rest = rest.slice(1);
    national = '0' + rest;
  } else {
    national = digits;
  }
  return /^0(?:7\d{9}|[123]\d{8,9}|5\d{9}|8\d{8,9})$/.test(national) ? national : undefined;
}

/**
 * NHS numbers in a run of digits: the whole run when it has ten digits ("943 476 5919",
 * "94 34 76 59 19", "9434765919"); in a longer run, ten-digit numbers written whole or as 3-3-4
 * ("943 476 5919 401 023 2137"). A counting sequence ("1 2 3 … 10") is not read as one.
 */
export function nhsCandidates(run: string, offset: number, letterBefore: boolean, letterAfter: boolean): Array<{ start: number; end: number; digits: string }> {
  const digits = run.replace(/\D/g, '');
  if (digits.length < 10) return [];
  if (digits.length === 10) return letterBefore || letterAfter ? [] : [{ start: offset, end: offset + run.length, digits }];
  const found: Array<{ start: number; end: number; digits: string }> = [];
  const groups: Array<{ start: number; text: string }> = [];
  const GROUP = /\d+/g;
  for (let m = GROUP.exec(run); m; m = GROUP.exec(run)) groups.push({ start: m.index, text: m[0] });
  const last = groups.length - 1;
  for (let g = 0; g < groups.length; g++) {
    const one = groups[g]!;
    if (g === 0 && letterBefore) continue;
    if (one.text.length === 10 && !(g === last && letterAfter)) {
      found.push({ start: offset + one.start, end: offset + one.start + 10, digits: one.text });
      continue;
    }
    const [a, b, c] = [groups[g], groups[g + 1], groups[g + 2]];
    if (a?.text.length === 3 && b?.text.length === 3 && c?.text.length === 4 && !(g + 2 === last && letterAfter)) {
      found.push({ start: offset + a.start, end: offset + c.start + 4, digits: a.text + b.text + c.text });
      g += 2;
    }
  }
  return found;
}
