import type { ModerationCategory } from '../../../contract';

export type TermLevel = 'guidance' | 'severe';

export interface Term {
  /** Words separated by spaces match any whitespace; a trailing `*` allows a word ending (kill* → killing). */
  pattern: string;
  category: ModerationCategory;
  level: TermLevel;
}

const g = (category: ModerationCategory, ...patterns: string[]): Term[] => patterns.map((pattern) => ({ pattern, category, level: 'guidance' }));
const s = (category: ModerationCategory, ...patterns: string[]): Term[] => patterns.map((pattern) => ({ pattern, category, level: 'severe' }));

/**
 * Slurs are kept base64-encoded so that the source reads cleanly in reviews and searches; they are
 * decoded once when the module loads. Each is matched as a whole word only.
 */
const ENCODED_SLURS = [
  'bmlnZ2Vy', 'bmlnZ2Vycw==', 'bmlnZ2E=', 'bmlnZ2Fz', 'ZmFnZ290', 'ZmFnZ290cw==', 'ZmFn', 'ZmFncw==', 'cGFraQ==', 'cGFraXM=',
  'a2lrZQ==', 'a2lrZXM=', 'Y2hpbms=', 'Y2hpbmtz', 'c3BpYw==', 'c3BpY3M=', 'd2V0YmFjaw==', 'dHJhbm55', 'Z3lwbw==', 'cGlrZXk=',
  'cGlrZXlz', 'cmFnaGVhZA==', 'dG93ZWxoZWFk', 'Y29vbg==', 'Y29vbnM=', 'ZHlrZQ==', 'cmV0YXJk', 'cmV0YXJkcw==', 'c3Bhc3Rp', 'bW9uZw==',
];

const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');

/**
 * Lectern's own content check, which runs on every answer whatever the provider. Guidance-level
 * terms are normal in lessons (history of war, PSHE, science practicals) and only add a banner;
 * severe terms stop an answer reaching the document. Whole-word matching keeps "Scunthorpe",
 * "therapist", "grape", "cocktail" and "Sussex" clear.
 */
export const TERMS: readonly Term[] = [
  ...s('discriminatory', ...ENCODED_SLURS.map(decode)),
  ...g('discriminatory', 'racist slur*', 'homophobic slur*', 'ethnic slur*'),
  ...s('sexual', 'blowjob*', 'handjob*', 'cumshot*', 'gangbang*', 'deepthroat*', 'child porn*', 'hardcore porn*', 'explicit sex scene*', 'sexting a child'),
  ...g('sexual', 'porn', 'pornography', 'pornographic', 'rape', 'raped', 'sexual assault', 'sexual abuse', 'nude*', 'naked'),
  ...s('self-harm', 'how to kill yourself', 'ways to kill yourself', 'how to cut yourself', 'best way to commit suicide', 'how to commit suicide', 'you should kill yourself', 'kill yourself', 'kys'),
  ...g('self-harm', 'suicide', 'suicidal', 'self-harm', 'self harm', 'self-harming', 'eating disorder*', 'anorexia', 'bulimia', 'overdose*'),
  ...s('harmful-instructions', 'how to make a bomb', 'make a pipe bomb', 'build a bomb', 'make napalm', 'cook meth', 'make meth', 'synthesise methamphetamine', 'synthesize methamphetamine', 'make ricin', 'make a molotov', 'make a gun at home', '3d print a gun'),
  ...g('harmful-instructions', 'lock picking', 'hacking into', 'phishing email'),
  ...s('violence', 'i will kill you', 'i am going to kill you', "i'm going to kill you", 'shoot up the school', 'school shooting plan'),
  ...g('violence', 'murder*', 'massacre*', 'behead*', 'tortur*', 'execution*', 'stab', 'stabbed', 'stabbing*', 'shot dead', 'knife crime', 'gun crime', 'terrorist attack*', 'bloodshed', 'war crime*'),
  ...g('upsetting', 'holocaust', 'genocide', 'concentration camp*', 'slavery', 'enslaved', 'lynching*', 'bereavement', 'domestic abuse', 'child abuse', 'famine', 'corpse*', 'dead bod*'),
  ...g('physical-safety', 'bunsen burner*', 'concentrated acid', 'sulfuric acid', 'sulphuric acid', 'hydrochloric acid', 'scalpel*', 'craft knife', 'craft knives', 'naked flame*', 'hot glue gun*', 'alcohol', 'cannabis', 'cocaine', 'heroin', 'vaping', 'trampolin*', 'climbing frame*'),
];
