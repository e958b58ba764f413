/**
 * British and American spellings of the same word, so that a search for "colour" finds "color" and
 * the other way round.
 *
 * FTS5 could only fold them at index time through a tokenizer written in C (better-sqlite3 cannot
 * register one from JS), and rewriting the indexed text would make snippets show words the teacher
 * never wrote. So the index holds the teacher's own words and each search word is expanded into
 * all its spellings, OR-ed together (library/search.ts); the porter stemmer then handles endings.
 * The effect on what is found is the same as folding both sides, and changing this table needs no
 * re-indexing.
 */

/** Stems where the spelling difference sits at the start: colour(s|ed|ful|ing) ↔ color(...). */
const STEM_PAIRS: ReadonlyArray<readonly [british: string, american: string]> = [
  ['colour', 'color'],
  ['favour', 'favor'],
  ['flavour', 'flavor'],
  ['honour', 'honor'],
  ['humour', 'humor'],
  ['labour', 'labor'],
  ['neighbour', 'neighbor'],
  ['behaviour', 'behavior'],
  ['harbour', 'harbor'],
  ['rumour', 'rumor'],
  ['vapour', 'vapor'],
  ['odour', 'odor'],
  ['armour', 'armor'],
  ['savour', 'savor'],
  ['vigour', 'vigor'],
  ['endeavour', 'endeavor'],
  ['tumour', 'tumor'],
  ['centre', 'center'],
  ['metre', 'meter'],
  ['litre', 'liter'],
  ['theatre', 'theater'],
  ['fibre', 'fiber'],
  ['calibre', 'caliber'],
  ['lustre', 'luster'],
  ['sombre', 'somber'],
  ['spectre', 'specter'],
  ['manoeuvre', 'maneuver'],
  ['catalogue', 'catalog'],
  ['dialogue', 'dialog'],
  ['analogue', 'analog'],
  ['aluminium', 'aluminum'],
  ['sulphur', 'sulfur'],
  ['haemo', 'hemo'],
  ['anaemi', 'anemi'],
  ['paediatric', 'pediatric'],
  ['encyclopaedia', 'encyclopedia'],
  ['oesophag', 'esophag'],
  ['oestrogen', 'estrogen'],
  ['foetus', 'fetus'],
  ['diarrhoea', 'diarrhea'],
  ['pyjama', 'pajama'],
  ['jewellery', 'jewelry'],
];

/** Whole words whose other forms differ too much for a stem rule. */
const WORD_PAIRS: ReadonlyArray<readonly [british: string, american: string]> = [
  ['programme', 'program'],
  ['programmes', 'programs'],
  ['practise', 'practice'],
  ['practised', 'practiced'],
  ['practising', 'practicing'],
  ['practises', 'practices'],
  ['licence', 'license'],
  ['licences', 'licenses'],
  ['defence', 'defense'],
  ['offence', 'offense'],
  ['offences', 'offenses'],
  ['pretence', 'pretense'],
  ['centred', 'centered'],
  ['centring', 'centering'],
  ['grey', 'gray'],
  ['maths', 'math'],
  ['mould', 'mold'],
  ['plough', 'plow'],
  ['tyre', 'tire'],
  ['tyres', 'tires'],
  ['enrol', 'enroll'],
  ['enrolment', 'enrollment'],
  ['fulfil', 'fulfill'],
  ['fulfilment', 'fulfillment'],
  ['skilful', 'skillful'],
  ['wilful', 'willful'],
  ['ageing', 'aging'],
  ['judgement', 'judgment'],
  ['acknowledgement', 'acknowledgment'],
];

/** Verbs that double their final l in British English before -ed, -ing, -er: travelled ↔ traveled. */
const DOUBLING_L = ['travel', 'model', 'label', 'cancel', 'fuel', 'level', 'signal', 'total', 'counsel', 'marvel', 'channel', 'tunnel', 'dial', 'equal', 'quarrel', 'rival', 'shovel', 'jewel'];

/** -ise words that are -ise in American English too (or where -ize would be another word). */
const ISE_ONLY = new Set([
  'advertis', 'advis', 'apprais', 'aris', 'chastis', 'compris', 'compromis', 'concis', 'demis', 'despis', 'devis',
  'disguis', 'enterpris', 'excis', 'exercis', 'expertis', 'franchis', 'improvis', 'merchandis', 'precis', 'premis',
  'promis', 'revis', 'supervis', 'surmis', 'surpris', 'televis', 'treatis', 'otherwis', 'paradis', 'prais', 'rais',
  'nois', 'pois', 'cruis', 'bruis', 'wis', 'ris', 'clockwis', 'likewis', 'circumcis', 'incis', 'dis', 'pais',
]);
const IZE_ONLY = new Set(['caps', 'outs', 'overs', 'downs', 'upsiz']);

const ISE_SUFFIXES = ['e', 'es', 'ed', 'ing', 'er', 'ers', 'ation', 'ations', 'able'];
const YSE_SUFFIXES = ['e', 'es', 'ed', 'ing', 'er', 'ers'];
/** Partial endings seen while a word is still being typed: organis, organisa, organisat... */
const PARTIAL_ISE = ['', 'a', 'at', 'ati', 'atio', 'ation', 'e', 'i', 'in', 'ing'];
const PARTIAL_YSE = ['', 'e', 'i', 'in', 'ing'];

/**
 * Every spelling of a lower-case word (itself first). With `prefix`, the word is still being
 * typed, and spellings are given for what it may become.
 */
export function spellingVariants(word: string, prefix = false): string[] {
  const out = new Set<string>([word]);
  for (const [british, american] of STEM_PAIRS) {
    swapStem(word, british, american, prefix, out);
    swapStem(word, american, british, prefix, out);
  }
  for (const [british, american] of WORD_PAIRS) {
    if (word === british) out.add(american);
    else if (word === american) out.add(british);
    else if (prefix && word.length >= 4) {
      if (british.startsWith(word) && !american.startsWith(word)) out.add(american);
      if (american.startsWith(word) && !british.startsWith(word)) out.add(british);
    }
  }
  for (const stem of DOUBLING_L) {
    for (const ending of ['ed', 'ing', 'er', 'ers']) {
      if (word === `${stem}l${ending}`) out.add(`${stem}${ending}`);
      else if (word === `${stem}${ending}`) out.add(`${stem}l${ending}`);
    }
  }
  swapSuffix(word, 'is', 'iz', prefix ? PARTIAL_ISE : ISE_SUFFIXES, ISE_ONLY, out);
  swapSuffix(word, 'iz', 'is', prefix ? PARTIAL_ISE : ISE_SUFFIXES, IZE_ONLY, out);
  swapSuffix(word, 'ys', 'yz', prefix ? PARTIAL_YSE : YSE_SUFFIXES, new Set(), out);
  swapSuffix(word, 'yz', 'ys', prefix ? PARTIAL_YSE : YSE_SUFFIXES, new Set(), out);
  return [...out];
}

function swapStem(word: string, from: string, to: string, prefix: boolean, out: Set<string>): void {
  if (word.startsWith(from)) {
    out.add(to + word.slice(from.length));
    return;
  }
  // Still typing the stem itself ("behaviou"): offer the other stem once the spellings part.
  if (prefix && from.startsWith(word) && !to.startsWith(word) && word.length >= commonPrefixLength(from, to) + 1) {
    out.add(to);
  }
}

function swapSuffix(word: string, from: string, to: string, endings: readonly string[], keep: Set<string>, out: Set<string>): void {
  for (const ending of endings) {
    const suffix = from + ending;
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, word.length - suffix.length);
    if (base.length < 3 || keep.has(base + from) || keep.has(base)) continue;
    out.add(base + to + ending);
  }
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
