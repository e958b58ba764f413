import type { RedactionOptions, RedactionSummary, RedactionType } from '../../contract';
import { findBirthDates } from './redaction/birthDates';
import { isValidNhsNumber, isValidUpn } from './redaction/checksums';
import { findEmails } from './redaction/emails';
import { compileClassList, findNames, tokenise } from './redaction/names';
import { normalise } from './redaction/normalise';
import { ADDRESS_RE, DIGIT_RUN_RE, NINO_RE, PHONE_RE, POSTCODE_RE, STREET_WORDS, TOWN_RE, UPN_RE, checkedMatches, matchAll, nationalPhone, nhsCandidates } from './redaction/patterns';

/**
 * Privacy before the network. Every request body is built from text that went through one
 * `Redaction` (one per request, so numbering is consistent across its instructions, selection
 * and document): emails, UK phone numbers, postcodes and street addresses, dates of birth, UPNs,
 * NHS and National Insurance numbers and the names on the teacher's class list become `[TYPE_n]`
 * placeholders. The same value (and every form of one pupil's name) gets the same placeholder
 * within a request. `restore` puts the values back into the answer locally.
 *
 * The detectors read a normalised copy of the text (redaction/normalise.ts: accents folded, soft
 * hyphens and zero-width characters gone, white space collapsed, tags inside words dropped) and
 * every match is mapped back to its exact range in the original, so the rest of the text is sent
 * as the teacher wrote it. Dates count as dates of birth only when marked as such
 * (redaction/birthDates.ts): over-redacting dates would spoil history lessons and protect nobody.
 *
 * Option switches: National Insurance numbers follow `nhsNumbers`, street addresses follow `postcodes`.
 */
export interface RedactionSettings {
  options: RedactionOptions;
  classList: readonly string[];
}

export interface Span {
  start: number;
  end: number;
  type: RedactionType;
  key: string;
  /** For names: which form was written (0 full name, 1 first name, 2 other), so restore writes back the fullest. */
  rank?: number;
}

const PRIORITY: Record<RedactionType, number> = { EMAIL: 0, UPN: 1, NHS: 2, NINO: 3, PHONE: 4, POSTCODE: 5, ADDRESS: 6, DOB: 7, PUPIL: 8 };

const TRAILING = /[\p{M}\p{Cf}]/u;
const LETTER = /\p{L}/u;

export const PLACEHOLDER_RE = /\[\s*(PUPIL|EMAIL|PHONE|POSTCODE|ADDRESS|DOB|UPN|NHS|NINO)[\s_-]?(\d{1,4})\s*\]/gi;

/** "12 Acacia Avenue" (and ", Leeds" after it): the number, then words up to the last street word. */
function findAddresses(text: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  for (const m of matchAll(ADDRESS_RE, text)) {
    const words = m[1]!.split(' ');
    let last = -1;
    for (let w = words.length - 1; w >= 0; w--) {
      if (STREET_WORDS.has(words[w]!.toLowerCase().replace(/['.-]+$/, ''))) {
        last = w;
        break;
      }
    }
    // A street needs a name: "12 Street" alone is not an address.
    if (last < 1) continue;
    const wordsStart = m.index + m[0].indexOf(m[1]!);
    let end = wordsStart + words.slice(0, last + 1).join(' ').length;
    TOWN_RE.lastIndex = end;
    const town = TOWN_RE.exec(text);
    if (town) end += town[0].length;
    found.push({ start: m.index, end });
    ADDRESS_RE.lastIndex = end;
  }
  return found;
}

/** Finds what to replace, in the original text's positions; exported for tests. Overlaps go to the higher-priority type. */
export function findSensitiveSpans(original: string, settings: RedactionSettings): Span[] {
  const norm = normalise(original);
  const text = norm.text;
  const { options } = settings;
  const spans: Span[] = [];
  const add = (start: number, end: number, type: RedactionType, key: string, rank?: number) =>
    spans.push({ start, end, type, key, ...(rank === undefined ? {} : { rank }) });
  // The detectors below run in priority order, and each passes over text an earlier one took: a
  // phone pattern that starts inside an NHS number must not hide the real phone number after it.
  const taken = new Uint8Array(text.length);
  const free = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (taken[i] === 1) return false;
    return true;
  };
  const take = (start: number, end: number, type: RedactionType, key: string) => {
    taken.fill(1, start, end);
    add(start, end, type, key);
  };
  const freeMatch = (m: RegExpExecArray) => free(m.index, m.index + m[0].length);

  if (options.emails) for (const m of findEmails(text)) take(m.start, m.end, 'EMAIL', m.value.toLowerCase());
  if (options.upns) {
    const compact = (m: RegExpExecArray) => m[0].replace(/[ .-]/g, '').toUpperCase();
    for (const m of checkedMatches(UPN_RE, text, (c) => freeMatch(c) && isValidUpn(compact(c)))) take(m.index, m.index + m[0].length, 'UPN', compact(m));
  }
  if (options.nhsNumbers) {
    for (const run of matchAll(DIGIT_RUN_RE, text)) {
      const letterBefore = LETTER.test(text[run.index - 1] ?? '');
      const letterAfter = LETTER.test(text[run.index + run[0].length] ?? '');
      for (const c of nhsCandidates(run[0], run.index, letterBefore, letterAfter)) {
        if (free(c.start, c.end) && isValidNhsNumber(c.digits)) take(c.start, c.end, 'NHS', c.digits);
      }
    }
    for (const m of checkedMatches(NINO_RE, text, freeMatch)) take(m.index, m.index + m[0].length, 'NINO', m[0].replace(/[ .-]/g, '').toUpperCase());
  }
  if (options.phones) {
    for (const m of checkedMatches(PHONE_RE, text, (c) => freeMatch(c) && nationalPhone(c[0]) !== undefined)) take(m.index, m.index + m[0].length, 'PHONE', nationalPhone(m[0])!);
  }
  if (options.postcodes) {
    for (const m of checkedMatches(POSTCODE_RE, text, freeMatch)) take(m.index, m.index + m[0].length, 'POSTCODE', m[0].toUpperCase().replace(/[^A-Z0-9]/g, ''));
    for (const a of findAddresses(text)) {
      if (free(a.start, a.end)) take(a.start, a.end, 'ADDRESS', text.slice(a.start, a.end).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim());
    }
  }
  let names: Array<{ start: number; end: number }> = [];
  if (options.classListNames && settings.classList.length > 0) {
    const found = findNames(text, compileClassList(settings.classList), tokenise(text));
    for (const n of found) add(n.start, n.end, 'PUPIL', n.pupil, n.rank);
    names = found;
  }
  if (options.datesOfBirth) for (const d of findBirthDates(text, names)) add(d.start, d.end, 'DOB', d.key);

  return resolveOverlaps(spans, text.length).map((s) => {
    let end = norm.ends[s.end - 1]!;
    // A combining accent or a format character right after a match belongs to it ("Zoe\u0308").
    while (end < original.length && TRAILING.test(original[end]!)) end++;
    return { ...s, start: norm.starts[s.start]!, end };
  });
}

function resolveOverlaps(spans: Span[], length: number): Span[] {
  const ordered = [...spans].sort((a, b) => PRIORITY[a.type] - PRIORITY[b.type] || a.start - b.start || b.end - b.start - (a.end - a.start));
  // Characters already taken by a kept span: checking a span costs its length, so the whole is linear.
  const taken = new Uint8Array(length);
  const kept: Span[] = [];
  for (const span of ordered) {
    let free = true;
    for (let i = span.start; i < span.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, span.start, span.end);
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** One request's redactions: consistent placeholders across every piece of text it redacts. */
export class Redaction {
  private readonly placeholderByKey = new Map<string, string>();
  private readonly valueByPlaceholder = new Map<string, string>();
  private readonly rankByPlaceholder = new Map<string, number>();
  private readonly counters = new Map<RedactionType, number>();
  private readonly occurrences = new Map<RedactionType, number>();

  constructor(private readonly settings: RedactionSettings) {}

  redact(text: string): string {
    const spans = findSensitiveSpans(text, this.settings);
    if (spans.length === 0) return text;
    let out = '';
    let cursor = 0;
    for (const span of spans) {
      out += text.slice(cursor, span.start) + this.placeholderFor(span, text.slice(span.start, span.end));
      cursor = span.end;
    }
    return out + text.slice(cursor);
  }

  private placeholderFor(span: Span, surface: string): string {
    this.occurrences.set(span.type, (this.occurrences.get(span.type) ?? 0) + 1);
    const mapKey = `${span.type}:${span.key}`;
    const rank = span.rank ?? 0;
    const existing = this.placeholderByKey.get(mapKey);
    if (existing) {
      // "Tom", "Brown" and "Tom Brown" are one pupil: restore writes back the fullest form the teacher wrote.
      if (rank < this.rankByPlaceholder.get(existing)!) {
        this.valueByPlaceholder.set(existing, surface);
        this.rankByPlaceholder.set(existing, rank);
      }
      return existing;
    }
    const n = (this.counters.get(span.type) ?? 0) + 1;
    this.counters.set(span.type, n);
    const placeholder = `[${span.type}_${n}]`;
    this.placeholderByKey.set(mapKey, placeholder);
    this.valueByPlaceholder.set(placeholder, surface);
    this.rankByPlaceholder.set(placeholder, rank);
    return placeholder;
  }

  /** Types and counts only, in a fixed order: what provenance stores. */
  summary(): RedactionSummary {
    return (Object.keys(PRIORITY) as RedactionType[])
      .filter((t) => (this.occurrences.get(t) ?? 0) > 0)
      .map((type) => ({ type, count: this.occurrences.get(type)! }));
  }

  get size(): number {
    return this.valueByPlaceholder.size;
  }

  /**
   * Puts values back. Tolerates the small liberties models take with placeholders ("[Pupil 1]",
   * "[PUPIL-1]"); a placeholder this request never issued is left as it is.
   */
  restore(text: string): string {
    if (this.valueByPlaceholder.size === 0 || !text.includes('[')) return text;
    return text.replace(PLACEHOLDER_RE, (whole, type: string, n: string) => this.valueByPlaceholder.get(`[${type.toUpperCase()}_${Number(n)}]`) ?? whole);
  }

  /** For streamed answers, where a placeholder may arrive split across deltas. */
  restorer(): StreamRestorer {
    return new StreamRestorer((t) => this.restore(t));
  }
}

/** The longest thing that might still turn into a placeholder: "[POSTCODE_1234]" plus slack for spaces. */
const MAX_PENDING = 24;
const PARTIAL_PLACEHOLDER = /^\[\s*[A-Za-z]*[\s_-]?\d*\s*$/;

/**
 * Restores placeholders in a stream: text after the last "[" is held back while it could still
 * become a placeholder ("[PUP" ... "IL_1]"), and released as soon as it cannot.
 */
export class StreamRestorer {
  private pending = '';

  constructor(private readonly restore: (text: string) => string) {}

  push(delta: string): string {
    const text = this.pending + delta;
    const open = text.lastIndexOf('[');
    if (open !== -1 && text.length - open <= MAX_PENDING && PARTIAL_PLACEHOLDER.test(text.slice(open))) {
      this.pending = text.slice(open);
      return this.restore(text.slice(0, open));
    }
    this.pending = '';
    return this.restore(text);
  }

  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return this.restore(rest);
  }
}
