import type { RedactionOptions, RedactionSummary, RedactionType } from '../../contract';
import { isValidNhsNumber, isValidUpn } from './redaction/checksums';
import { COMMON_WORD_NAMES } from './redaction/commonWordNames';

/**
 * Privacy before the network. Every request body is built from text that went through one
 * `Redaction` (one per request, so numbering is consistent across its instructions, selection
 * and document): emails, UK phone numbers, postcodes, dates of birth, UPNs, NHS numbers and the
 * names on the teacher's class list become `[TYPE_n]` placeholders. The same value always gets
 * the same placeholder within a request. `restore` puts the values back into the answer locally.
 *
 * Dates: lessons are full of dates ("14 October 1066"), so a date is treated as a date of birth
 * only when it is marked as one (DOB, date of birth, born, birthday in the 40 characters before it
 * on the same line) or when it is a numeric date on the same line as a pupil's name, as in a pasted
 * class list. Anything else is left alone: over-redacting dates would spoil history lessons and
 * protects nobody.
 */
export interface RedactionSettings {
  options: RedactionOptions;
  classList: readonly string[];
}

interface Span {
  start: number;
  end: number;
  type: RedactionType;
  key: string;
}

const PRIORITY: Record<RedactionType, number> = { EMAIL: 0, UPN: 1, NHS: 2, PHONE: 3, POSTCODE: 4, DOB: 5, PUPIL: 6 };
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}_])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}_])';

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const UPN_RE = /(?<![A-Za-z0-9])[A-Za-z]\d{11}[0-9A-Za-z](?![A-Za-z0-9])/g;
const NHS_RE = /(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w-])/g;
const PHONE_RE = /(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0)(?:\d[ )-]{0,2}){8,9}\d(?!\d)/g;
const POSTCODE_RE =
  /(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|[A-HK-Y]\d[ABEHMNPRV-Y]?|\d\d|[A-HK-Y]\d\d) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/gi;
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const NUMERIC_DATE = `${DAY}[/.-](?:0?[1-9]|1[0-2])[/.-](?:\\d{4}|\\d{2})|\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])`;
const WORD_DATE = `${DAY}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+\\d{4}|(?:${MONTHS})\\.?\\s+${DAY}(?:st|nd|rd|th)?,?\\s+\\d{4}`;
const DATE_RE = new RegExp(`(?<![\\w/.-])(?:(${NUMERIC_DATE})|${WORD_DATE})(?![\\w/])`, 'gi');
const BIRTH_CUE = /\b(?:d\.?\s?o\.?\s?b|date\s+of\s+birth|birth\s*date|birthday|born)\b/i;
const NAME_PARTICLES = new Set(['de', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'del', 'bin', 'al', 'el', 'st', 'mac']);

export const PLACEHOLDER_RE = /\[\s*(PUPIL|EMAIL|PHONE|POSTCODE|DOB|UPN|NHS)[\s_-]?(\d{1,4})\s*\]/gi;

interface CompiledNames {
  anyCase: RegExp | null;
  capitalised: RegExp | null;
}

let cachedNames: { key: string; compiled: CompiledNames } | undefined;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]");
}

/** One regex for the class list (longest first, so a full name beats its parts at the same place). */
function compileNames(classList: readonly string[]): CompiledNames {
  const key = classList.join('\n');
  if (cachedNames?.key === key) return cachedNames.compiled;
  const anyCase = new Set<string>();
  const capitalised = new Set<string>();
  for (const entry of classList) {
    const parts = entry.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    if (parts.length > 1) anyCase.add(parts.map(escapeRe).join('\\s+'));
    for (const part of parts) {
      const lower = part.toLowerCase();
      if (part.length < 2 || NAME_PARTICLES.has(lower)) continue;
      if (COMMON_WORD_NAMES.has(lower)) {
        const cap = lower[0]!.toUpperCase() + lower.slice(1);
        capitalised.add(escapeRe(cap));
        capitalised.add(escapeRe(lower.toUpperCase()));
      } else {
        anyCase.add(escapeRe(part));
      }
    }
  }
  const build = (set: Set<string>, flags: string) =>
    set.size === 0 ? null : new RegExp(`${NOT_WORD_BEFORE}(?:${[...set].sort((a, b) => b.length - a.length).join('|')})${NOT_WORD_AFTER}`, flags);
  const compiled = { anyCase: build(anyCase, 'giu'), capitalised: build(capitalised, 'gu') };
  cachedNames = { key, compiled };
  return compiled;
}

function nationalPhone(match: string): string | undefined {
  const digits = match.replace(/\D/g, '');
  let national: string;
  if (match.startsWith('+44')) {
    let rest = digits.slice(2);
    if (match.includes('(0)')) rest = rest.slice(1);
    national = '0' + rest;
  } else {
    national = digits;
  }
  return /^0(?:7\d{9}|[123]\d{8,9}|5\d{9}|8\d{8,9})$/.test(national) ? national : undefined;
}

function lineBounds(text: string, index: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const nl = text.indexOf('\n', index);
  return { start, end: nl === -1 ? text.length : nl };
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    else yield m;
  }
}

/** Finds what to replace; exported for the preview and tests. Overlaps go to the higher-priority type. */
export function findSensitiveSpans(text: string, settings: RedactionSettings): Span[] {
  const { options } = settings;
  const spans: Span[] = [];
  const add = (start: number, end: number, type: RedactionType, key: string) => spans.push({ start, end, type, key });

  if (options.emails) for (const m of matches(EMAIL_RE, text)) add(m.index, m.index + m[0].length, 'EMAIL', m[0].toLowerCase());
  if (options.upns) {
    for (const m of matches(UPN_RE, text)) if (isValidUpn(m[0])) add(m.index, m.index + m[0].length, 'UPN', m[0].toUpperCase());
  }
  if (options.nhsNumbers) {
    for (const m of matches(NHS_RE, text)) if (isValidNhsNumber(m[0])) add(m.index, m.index + m[0].length, 'NHS', m[0].replace(/\D/g, ''));
  }
  if (options.phones) {
    for (const m of matches(PHONE_RE, text)) {
      const national = nationalPhone(m[0]);
      if (national) add(m.index, m.index + m[0].length, 'PHONE', national);
    }
  }
  if (options.postcodes) {
    for (const m of matches(POSTCODE_RE, text)) add(m.index, m.index + m[0].length, 'POSTCODE', m[0].toUpperCase().replace(/\s+/g, ''));
  }
  const names: Span[] = [];
  if (options.classListNames && settings.classList.length > 0) {
    const compiled = compileNames(settings.classList);
    for (const re of [compiled.anyCase, compiled.capitalised]) {
      if (!re) continue;
      for (const m of matches(re, text)) {
        names.push({ start: m.index, end: m.index + m[0].length, type: 'PUPIL', key: m[0].toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'") });
      }
    }
    spans.push(...names);
  }
  if (options.datesOfBirth) {
    for (const m of matches(DATE_RE, text)) {
      const line = lineBounds(text, m.index);
      const before = text.slice(Math.max(line.start, m.index - 40), m.index);
      let isBirthDate = BIRTH_CUE.test(before);
      if (!isBirthDate && m[1] !== undefined) {
        const end = m.index + m[0].length;
        isBirthDate = names.some((n) => n.start >= line.start && n.end <= line.end && Math.min(Math.abs(n.end - m.index), Math.abs(n.start - end)) <= 60);
      }
      if (isBirthDate) add(m.index, m.index + m[0].length, 'DOB', m[0].toLowerCase().replace(/\s+/g, ' '));
    }
  }
  return resolveOverlaps(spans);
}

function resolveOverlaps(spans: Span[]): Span[] {
  const ordered = [...spans].sort((a, b) => PRIORITY[a.type] - PRIORITY[b.type] || a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Span[] = [];
  for (const span of ordered) {
    if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** One request's redactions: consistent placeholders across every piece of text it redacts. */
export class Redaction {
  private readonly placeholderByKey = new Map<string, string>();
  private readonly valueByPlaceholder = new Map<string, string>();
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
    const existing = this.placeholderByKey.get(mapKey);
    if (existing) return existing;
    const n = (this.counters.get(span.type) ?? 0) + 1;
    this.counters.set(span.type, n);
    const placeholder = `[${span.type}_${n}]`;
    this.placeholderByKey.set(mapKey, placeholder);
    this.valueByPlaceholder.set(placeholder, surface);
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
