/**
 * Redaction over 1 MB of adversarial input, one case per detector: text built to make a
 * backtracking pattern retry (long runs with no "@", digits with a separator between every pair,
 * postcode and UPN lookalikes, dates glued to dates, huge one-line tables, names that almost match,
 * tags and entities that never close). Each case runs `Redaction.redact` with only that detector
 * switched on (the normaliser always runs, and has its own cases). Target: under 200 ms each.
 * For scale, the email regex used before issue 7 is timed on 10,000 and 20,000 characters.
 */
import { performance } from 'node:perf_hooks';
import type { RedactionOptions } from '../electron/contract';
import { Redaction } from '../electron/core/ai/redact';
import { normalise } from '../electron/core/ai/redaction/normalise';
import { writeResults } from './writeResults';

const SIZE = 1_000_000;
const RUNS = 5;
const TARGET_MS = 200;
const NONE: RedactionOptions = { emails: false, phones: false, postcodes: false, datesOfBirth: false, upns: false, nhsNumbers: false, classListNames: false };
const CLASS_LIST = [
  'Zoë Brown', 'Omar Al-Farsi', "Liam O'Brien", 'Tom Smith', 'Tom Jones', 'Will Green', 'Amelia Jones-Hughes', 'Siân Evans',
  ...Array.from({ length: 22 }, (_, i) => `Pupil${String.fromCharCode(65 + i)} Surname${String.fromCharCode(65 + i)}`),
];

const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

interface Case {
  name: string;
  option: keyof RedactionOptions | 'normalise';
  input: string;
}

const CASES: Case[] = [
  { name: 'email: letters, no @', option: 'emails', input: fill('a') },
  { name: 'email: a.a.a… then @', option: 'emails', input: fill('a.') + '@' },
  { name: 'email: @ every other character', option: 'emails', input: fill('a@') },
  { name: 'email: domain labels, no TLD', option: 'emails', input: 'x@' + fill('a-1.') },
  { name: 'phone: digits and separators', option: 'phones', input: fill('0 ') },
  { name: 'phone: +44 (0 lookalikes', option: 'phones', input: fill('+44 (0)1.') },
  { name: 'postcode: outward codes only', option: 'postcodes', input: fill('SW1A ') },
  { name: 'address: numbers and capitals, no street', option: 'postcodes', input: fill('12 Aaa Bbb Ccc Ddd ') },
  { name: 'address: streets with towns', option: 'postcodes', input: fill('1 Mill Lane, Leeds Town, Big City ') },
  { name: 'NHS: one digit run', option: 'nhsNumbers', input: fill('1 ') },
  { name: 'NHS: 3-3-4 groups', option: 'nhsNumbers', input: fill('943 476 591 ') },
  { name: 'NI: lookalikes', option: 'nhsNumbers', input: fill('AB 12 34 56 ') },
  { name: 'UPN: letter then digits', option: 'upns', input: fill('B1 2 3 ') },
  { name: 'DOB: dates glued to dates', option: 'datesOfBirth', input: fill('12/12/12-') },
  { name: 'DOB: cues and word dates', option: 'datesOfBirth', input: fill('DOB 12 March, 2012 born ') },
  { name: 'DOB: one-line table of dates', option: 'datesOfBirth', input: 'Name | DOB\n' + fill('| 12/03/2012 ') },
  { name: 'DOB: tall table of dates', option: 'datesOfBirth', input: 'Name | DOB | UPN\n' + fill('Tom | 12/03/2012 | x\n') },
  { name: 'names: near misses', option: 'classListNames', input: fill('Tom Al-Al O\'O Zo Jones-Jones ') },
  { name: 'names: every word a name', option: 'classListNames', input: fill('Tom Smith Will Green ') },
  { name: 'names + DOB: register rows', option: 'datesOfBirth', input: fill('Tom Smith, 12/03/2012; ') },
  { name: 'normalise: unclosed tags', option: 'normalise', input: fill('<b ') },
  { name: 'normalise: unterminated entities', option: 'normalise', input: fill('&#12') },
  { name: 'normalise: emphasis runs', option: 'normalise', input: fill('a*_~') },
  { name: 'normalise: combining marks', option: 'normalise', input: fill('e\u0301\u0308') },
  { name: 'normalise: soft hyphens and spaces', option: 'normalise', input: fill('a\u00AD \u00A0\u200B') },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

function time(fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The email pattern before issue 7, for comparison: quadratic on a run of letters with no "@". */
const OLD_EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export async function run(): Promise<void> {
  const results: Array<{ case: string; chars: number; medianMs: number; underTarget: boolean }> = [];
  for (const c of CASES) {
    const ms =
      c.option === 'normalise'
        ? time(() => normalise(c.input))
        : time(() => {
            const options = { ...NONE, [c.option]: true, ...(c.option === 'datesOfBirth' ? { classListNames: true } : {}) };
            new Redaction({ options, classList: CLASS_LIST }).redact(c.input);
          });
    results.push({ case: c.name, chars: c.input.length, medianMs: round(ms), underTarget: ms < TARGET_MS });
    console.log(`${c.name.padEnd(44)} ${String(round(ms)).padStart(8)} ms${ms < TARGET_MS ? '' : '  OVER TARGET'}`);
  }
  const all = { ...NONE, emails: true, phones: true, postcodes: true, datesOfBirth: true, upns: true, nhsNumbers: true, classListNames: true };
  const mixed = CASES.filter((c) => c.option !== 'normalise')
    .map((c) => c.input.slice(0, Math.floor(SIZE / 20)))
    .join('\n');
  const everythingMs = time(() => new Redaction({ options: all, classList: CLASS_LIST }).redact(mixed));
  console.log(`${'every detector on 1 MB mixed'.padEnd(44)} ${String(round(everythingMs)).padStart(8)} ms`);

  const oldEmail: Record<string, number> = {};
  for (const n of [10_000, 20_000]) {
    const input = 'a'.repeat(n);
    oldEmail[`${n}`] = round(
      time(() => {
        OLD_EMAIL_RE.lastIndex = 0;
        while (OLD_EMAIL_RE.exec(input)) {
          /* no match is ever found */
        }
      }),
    );
    console.log(`${`old email regex, ${n.toLocaleString('en-GB')} letters`.padEnd(44)} ${String(oldEmail[`${n}`]).padStart(8)} ms`);
  }
  const worst = results.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
  console.log(`worst case: ${worst.case}, ${worst.medianMs} ms (target ${TARGET_MS} ms)`);
  writeResults('redact', {
    sizeChars: SIZE,
    runs: RUNS,
    targetMs: TARGET_MS,
    cases: results,
    everyDetectorMixedMs: round(everythingMs),
    worstMs: worst.medianMs,
    allUnderTarget: results.every((r) => r.underTarget),
    oldEmailRegexMs: oldEmail,
  });
}
