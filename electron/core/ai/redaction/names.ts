import { COMMON_WORD_NAMES } from './commonWordNames';
import { normalise } from './normalise';

/**
 * Class-list names in normalised text, by words rather than one giant regular expression.
 *
 * Each class-list entry ("Omar Al-Farsi", "Zoë O’Brien", "Brown, Tom") becomes forms: the full
 * name, the full name without particles ("Omar Farsi"), surname first ("Al-Farsi, Omar"), each
 * name alone ("Omar", "Al-Farsi") and each part of a compound alone ("Farsi"). A form is stored as
 * its letters folded to lower case ("omaralfarsi") with the places where its words meet. The text
 * is read as letter runs (tokens); a run of tokens matches a form when their letters spell it and
 * every gap between them falls where the form's words meet, with only a space, a line break, a
 * hyphen or an apostrophe in the gap. So "Al-Farsi", "Al Farsi", "AlFarsi", "Al-\nFarsi", "OBrien",
 * "O'Brien" and a name split over a line all match, while "Mar y" never spells "Mary".
 *
 * Every form of one pupil is that pupil: "Tom", "Brown" and "Tom Brown" get one placeholder. A
 * name shared by two pupils (two Toms) cannot say which of them is meant, so it is its own
 * "pupil", keyed by the name: the model sees one person called [PUPIL_n], and nobody is confused
 * with the wrong child. Names that are ordinary words (Will, Rose, Brown, Smith) count alone only
 * when capitalised or after a title ("Mr brown"), and as a plural only after "the" ("the Smiths").
 * Work per token is bounded by the longest form, so the scan is linear.
 */
export interface NameSpan {
  start: number;
  end: number;
  /** Who: a pupil's folded full name, or "~" + a name several pupils share. */
  pupil: string;
  /** 0: full name, 1: the pupil's first name, 2: any other form (what restore prefers to write back). */
  rank: number;
}

interface Form {
  pupil: string;
  /** Offsets in the folded key where the form's words meet. */
  joins: readonly number[];
  /** Every word of the form is an ordinary English word (Will, Green): capitalised or after a title only. */
  common: boolean;
  /** Surname first, so "Brown, Tom" may have a comma in the gap. */
  reversed: boolean;
  rank: number;
}

export interface CompiledClassList {
  forms: Map<string, Form[]>;
  prefixes: Set<string>;
  /** First letters of every form, so most words are passed over without reading them. */
  initials: Set<string>;
  maxTokens: number;
}

const PARTICLES = new Set(['de', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'del', 'bin', 'bint', 'ibn', 'al', 'el', 'st', 'mac', 'ap', 'ni', 'nic', 'ui', 'o']);
export const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'master', 'mstr', 'sir', 'prof', 'madam', 'mme', 'mlle']);
const TOKEN_RE = /[\p{L}\p{N}]+/gu;
const UPPER_START = /^\p{Lu}/u;

/** Letter runs of a text: positions in typed arrays, their text read only when needed. */
export class Tokens {
  private readonly lowered: Array<string | undefined>;
  constructor(
    readonly text: string,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly count: number,
  ) {
    this.lowered = new Array<string | undefined>(count);
  }
  start(k: number): number {
    return this.starts[k]!;
  }
  end(k: number): number {
    return this.ends[k]!;
  }
  word(k: number): string {
    return this.text.slice(this.starts[k]!, this.ends[k]!);
  }
  lower(k: number): string {
    return (this.lowered[k] ??= this.word(k).toLowerCase());
  }
  /** The first character, lower-cased (cheap: no slice of the whole word). */
  initial(k: number): string {
    return this.text[this.starts[k]!]!.toLowerCase();
  }
  gap(k: number): string {
    return this.text.slice(this.ends[k - 1]!, this.starts[k]!);
  }
}

/** 1: a letter or digit, 2: not; 0: not looked up yet (characters outside ASCII). */
const WORD_CHAR = new Uint8Array(65536);
for (let c = 0; c < 128; c++) WORD_CHAR[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;
const WORD_RE = /[\p{L}\p{N}]/u;
function isWordChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  let known = WORD_CHAR[code]!;
  if (known === 0) {
    known = WORD_RE.test(text[i]!) ? 1 : 2;
    WORD_CHAR[code] = known;
  }
  return known === 1;
}

/** Runs of letters and digits (by UTF-16 unit: normalised text has its accents folded away already). */
export function tokenise(text: string): Tokens {
  const length = text.length;
  let starts = new Int32Array(1024);
  let ends = new Int32Array(1024);
  let count = 0;
  let i = 0;
  while (i < length) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && isWordChar(text, i)) i++;
    if (count === starts.length) {
      const s = new Int32Array(count * 2);
      s.set(starts);
      starts = s;
      const e = new Int32Array(count * 2);
      e.set(ends);
      ends = e;
    }
    starts[count] = start;
    ends[count] = i;
    count++;
  }
  return new Tokens(text, starts, ends, count);
}

/** Words of a class-list entry, each a list of folded tokens ("al-farsi" → ["al", "farsi"]); "Brown, Tom" is reordered. */
function entryWords(entry: string): string[][] {
  let text = normalise(entry).text.trim();
  const comma = text.indexOf(',');
  if (comma > 0) text = `${text.slice(comma + 1)} ${text.slice(0, comma)}`;
  return text
    .split(/\s+/)
    .map((word) => (word.toLowerCase().match(TOKEN_RE) ?? []) as string[])
    .filter((tokens) => tokens.length > 0);
}

const isCommon = (token: string) => COMMON_WORD_NAMES.has(token);
const isParticle = (token: string) => PARTICLES.has(token);

let cached: { key: string; compiled: CompiledClassList } | undefined;

export function compileClassList(classList: readonly string[]): CompiledClassList {
  const cacheKey = classList.join('\n');
  if (cached?.key === cacheKey) return cached.compiled;
  const pending: Array<{ key: string; form: Form; single: boolean }> = [];
  const ownersOfSingle = new Map<string, Set<string>>();
  for (const entry of classList) {
    const words = entryWords(entry);
    if (words.length === 0) continue;
    const pupil = words.flat().join('');
    const add = (tokenLists: string[][], rank: number, reversed = false, single = false) => {
      const tokens = tokenLists.flat();
      const key = tokens.join('');
      if (key.length < 2) return;
      const joins: number[] = [];
      let at = 0;
      for (const t of tokens.slice(0, -1)) joins.push((at += t.length));
      const meaningful = tokens.filter((t) => !isParticle(t));
      const common = meaningful.length > 0 && meaningful.every(isCommon);
      pending.push({ key, form: { pupil, joins, common, reversed, rank }, single });
      if (single) {
        const owners = ownersOfSingle.get(key) ?? new Set<string>();
        owners.add(pupil);
        ownersOfSingle.set(key, owners);
      }
    };
    if (words.length > 1) {
      add(words, 0);
      const withoutParticles = words.map((w) => w.filter((t) => !isParticle(t))).filter((w) => w.length > 0);
      if (withoutParticles.flat().length !== words.flat().length && withoutParticles.length > 1) add(withoutParticles, 0);
      // Surname first: "Al-Farsi, Omar"; with three words either "Ní Bhriain, Aoife" or "Smith, Mary Jane".
      add([...words.slice(1), words[0]!], 0, true);
      if (words.length > 2) {
        add([words.at(-1)!, ...words.slice(0, -1)], 0, true);
        add([words[0]!, words.at(-1)!], 0);
      }
    }
    words.forEach((word, index) => {
      const rank = index === 0 ? 1 : 2;
      if (!(word.length === 1 && isParticle(word[0]!))) add([word], rank, false, true);
      if (word.length > 1) {
        for (const token of word) if (token.length >= 2 && !isParticle(token)) add([[token]], rank, false, true);
        const rest = word.filter((t) => !isParticle(t));
        if (rest.length > 1 && rest.length < word.length) add([rest], rank, false, true);
      }
    });
  }
  const forms = new Map<string, Form[]>();
  const prefixes = new Set<string>();
  let maxTokens = 1;
  for (const { key, form, single } of pending) {
    const owners = ownersOfSingle.get(key);
    // A single name two pupils share (or one pupil's first name that is another's surname) names neither.
    const shared = single && owners !== undefined && owners.size > 1;
    const resolved: Form = shared ? { ...form, pupil: `~${key}`, rank: 2 } : form;
    const list = forms.get(key) ?? [];
    if (!list.some((f) => f.pupil === resolved.pupil && f.joins.join() === resolved.joins.join() && f.reversed === resolved.reversed)) list.push(resolved);
    forms.set(key, list);
    for (const join of [...form.joins, key.length]) prefixes.add(key.slice(0, join));
    maxTokens = Math.max(maxTokens, form.joins.length + 1);
  }
  const initials = new Set([...forms.keys()].map((k) => k[0]!));
  const compiled = { forms, prefixes, initials, maxTokens };
  cached = { key: cacheKey, compiled };
  return compiled;
}

const GAP_RE = /^(?:[ \n]|[ \n]?['-][ \n]?)$/;
const REVERSED_GAP_RE = /^(?:[ \n]|[ \n]?['-][ \n]?|, ?\n?)$/;

function gapOk(gap: string, reversed: boolean): boolean {
  return gap.length <= 3 && (reversed ? REVERSED_GAP_RE : GAP_RE).test(gap);
}

function afterTitle(tokens: Tokens, i: number): boolean {
  if (i === 0 || !TITLES.has(tokens.lower(i - 1))) return false;
  const gap = tokens.gap(i);
  return gap === ' ' || gap === '. ' || gap === '.';
}

export function findNames(text: string, list: CompiledClassList, tokens: Tokens = tokenise(text)): NameSpan[] {
  const spans: NameSpan[] = [];
  for (let i = 0; i < tokens.count; i++) {
    if (!list.initials.has(tokens.initial(i))) continue;
    const lower = tokens.lower(i);
    if (!list.prefixes.has(lower) && !(lower.endsWith('s') && list.forms.has(lower.slice(0, -1)))) continue;
    const word = tokens.word(i);
    const capitalised = UPPER_START.test(word);
    const titled = afterTitle(tokens, i);
    let best: { j: number; form: Form } | undefined;
    let key = '';
    const joins: number[] = [];
    let commaGap = false;
    for (let j = i; j < tokens.count && j - i < list.maxTokens; j++) {
      if (j > i) {
        const gap = tokens.gap(j);
        if (!gapOk(gap, true)) break;
        if (gap.includes(',')) commaGap = true;
        joins.push(key.length);
      }
      key += tokens.lower(j);
      if (!list.prefixes.has(key)) break;
      for (const form of list.forms.get(key) ?? []) {
        if (commaGap && !form.reversed) continue;
        if (!joins.every((at) => form.joins.includes(at))) continue;
        if (form.common && !capitalised && !titled) continue;
        if (!best || j > best.j || (j === best.j && form.rank < best.form.rank)) best = { j, form };
      }
    }
    if (best) {
      spans.push({ start: tokens.start(i), end: tokens.end(best.j), pupil: best.form.pupil, rank: best.form.rank });
      i = best.j;
      continue;
    }
    // "the Smiths", "the Browns'", "Toms": a plural of a one-word name; the "s" stays outside.
    if (capitalised && lower.length >= 3 && lower.endsWith('s')) {
      const stem = lower.slice(0, -1);
      const form = (list.forms.get(stem) ?? []).find((f) => f.joins.length === 0);
      const afterThe = i > 0 && tokens.lower(i - 1) === 'the';
      if (form && (!form.common || afterThe)) spans.push({ start: tokens.start(i), end: tokens.end(i) - 1, pupil: form.pupil, rank: form.rank });
    }
  }
  return spans;
}
