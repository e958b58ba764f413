import type { NameCheckResult, RedactionOptions } from '../../../contract';
import { COMMON_WORD_NAMES } from './commonWordNames';
import { FIRST_NAMES } from './firstNames';
import { TITLES, tokenise, type Tokens } from './names';
import { normalise } from './normalise';

/**
 * Words that look like a person's name, for the warning shown when there is no class list (so
 * nothing would replace a pupil's name before it is sent). Not redaction: a guess for the teacher
 * to look at, so it errs towards showing. A candidate is
 * - a title and the capitalised name after it ("Mrs O'Brien", "Mr Farsi");
 * - a capitalised common first name ("Amelia", "Siân"), with a capitalised surname after it;
 * - a first name that is also an ordinary word (Will, Grace) only with a capitalised surname after it.
 * Positions are in the original text (matched on the normalised copy, mapped back).
 */
export interface Candidate {
  start: number;
  end: number;
}

const UPPER_START = /^\p{Lu}/u;
const NOT_SURNAMES = new Set(['the', 'and', 'or', 'but', 'i', 'a', 'an', 'in', 'on', 'at', 'to', 'of', 'is', 'was', 'he', 'she', 'they', 'we', 'you', 'it', 'this', 'that', 'year', 'class', 'group', 'set']);

/** A capitalised word (with "O'Brien" and "Al-Farsi" joined) starting at token k: the index of its last token, or -1. */
function surnameEnd(tokens: Tokens, k: number): number {
  if (k >= tokens.count) return -1;
  const gap = tokens.gap(k);
  if (gap !== ' ') return -1;
  if (!UPPER_START.test(tokens.word(k)) || NOT_SURNAMES.has(tokens.lower(k))) return -1;
  let end = k;
  while (end + 1 < tokens.count && /^['-]$/.test(tokens.gap(end + 1)) && UPPER_START.test(tokens.word(end + 1))) end++;
  return end;
}

export function findNameCandidates(original: string): Candidate[] {
  const norm = normalise(original);
  const tokens = tokenise(norm.text);
  const found: Candidate[] = [];
  const add = (first: number, last: number) => found.push({ start: norm.starts[tokens.start(first)]!, end: norm.ends[tokens.end(last) - 1]! });
  for (let i = 0; i < tokens.count; i++) {
    const word = tokens.word(i);
    if (!UPPER_START.test(word)) continue;
    const lower = tokens.lower(i);
    if (TITLES.has(lower)) {
      const next = i + 1;
      const gap = next < tokens.count ? tokens.gap(next) : '';
      if (next < tokens.count && (gap === ' ' || gap === '. ') && UPPER_START.test(tokens.word(next))) {
        let end = next;
        while (end + 1 < tokens.count && /^['-]$/.test(tokens.gap(end + 1)) && UPPER_START.test(tokens.word(end + 1))) end++;
        add(next, end);
        i = end;
      }
      continue;
    }
    if (!FIRST_NAMES.has(lower) && !COMMON_WORD_NAMES.has(lower)) continue;
    const surname = surnameEnd(tokens, i + 1);
    if (COMMON_WORD_NAMES.has(lower) && surname === -1) continue;
    const end = surname === -1 ? i : surname;
    add(i, end);
    i = end;
  }
  return found;
}

/**
 * The check behind the "no class list" warning: with a class list in use (and names switched on),
 * names are replaced, so there is nothing to warn about; without one, each text's candidates.
 */
export function checkNames(texts: readonly string[], settings: { classList: readonly string[]; redaction: RedactionOptions }): NameCheckResult {
  const classListInUse = settings.redaction.classListNames && settings.classList.length > 0;
  return { classListInUse, candidates: texts.map((t) => (classListInUse ? [] : findNameCandidates(t))) };
}
