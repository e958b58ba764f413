import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Redaction, findSensitiveSpans, type RedactionSettings } from '../../../electron/core/ai/redact';
import { nhsCheckDigit, upnCheckLetter } from '../../../electron/core/ai/redaction/checksums';
import { documentText } from '../../../electron/core/ai/redaction/documentText';
import { foldText, normalise } from '../../../electron/core/ai/redaction/normalise';

const ALL = { emails: true, phones: true, postcodes: true, datesOfBirth: true, upns: true, nhsNumbers: true, classListNames: true };
const CLASS = ['Zoë Brown', 'Omar Al-Farsi', "Liam O'Brien", 'Tom Smith', 'Tom Jones', 'Will Green', 'Amelia Jones-Hughes'];
const settings = (classList: readonly string[] = CLASS): RedactionSettings => ({ options: ALL, classList });
const redact = (text: string, classList: readonly string[] = CLASS) => new Redaction(settings(classList)).redact(text);

describe('normalising before matching', () => {
  it('maps every normalised character back to the original', () => {
    const original = 'Zo\u00ADe\u0308 <b>To</b>m&nbsp;&nbsp;Bro-\nwn\u200B  and\u00A0\u00A0 Al\u2011Farsi';
    const norm = normalise(original);
    expect(norm.text).toBe('Zoe Tom Brown and Al-Farsi');
    const at = norm.text.indexOf('Tom');
    expect(original.slice(norm.starts[at]!, norm.ends[at + 2]!)).toBe('To</b>m');
    expect(foldText('ZOË')).toBe('zoe');
  });

  it('finds a name through soft hyphens, zero-width characters, NFD accents, tags and non-breaking spaces, and keeps the rest as written', () => {
    const variants = ['Zo\u00ADë', 'Z\u200Boë', 'Zoe\u0308', 'Zoë'.normalize('NFD'), 'Zo<i>ë</i>', 'Zo**ë**', 'ZOË', 'Zoe', 'Zo&shy;e'];
    for (const v of variants) {
      const text = `Well done\u00A0${v}, see\u200B you.`;
      const out = redact(text);
      expect(out, v).toBe(v.endsWith('</i>') || v.endsWith('**') ? `Well done\u00A0[PUPIL_1]${v.endsWith('</i>') ? '</i>' : '**'}, see\u200B you.` : 'Well done\u00A0[PUPIL_1], see\u200B you.');
    }
    expect(redact('Zoë Bro-\nwn wrote this')).toBe('[PUPIL_1] wrote this');
    expect(redact('Zoë\nBrown wrote this')).toBe('[PUPIL_1] wrote this');
  });

  it('reads text inside angle brackets that are not HTML tags, and attributes, as text', () => {
    expect(redact('<<<TEXT\nZoë Brown wrote this\nTEXT>>>')).toBe('<<<TEXT\n[PUPIL_1] wrote this\nTEXT>>>');
    expect(redact('<a title="Zoë Brown">link</a> and <td class="x">Zoë</td>')).toBe('<a title="[PUPIL_1]">link</a> and <td class="x">[PUPIL_1]</td>');
  });
});

describe('class-list names in the forms teachers write them', () => {
  it('matches accents, hyphens, apostrophes and spaces either way round', () => {
    for (const v of ['Al-Farsi', 'Al Farsi', 'AlFarsi', 'al-farsi', 'Al\u2011Farsi', 'Al-\nFarsi', 'Farsi']) expect(redact(`${v} read aloud.`), v).toBe('[PUPIL_1] read aloud.');
    for (const v of ["O'Brien", 'OBrien', 'O’Brien', 'O\u02bcBrien', "o'brien"]) expect(redact(`${v} read aloud.`), v).toBe('[PUPIL_1] read aloud.');
    expect(redact('Zoe read. Zoë read.', ['Zoe Brown'])).toBe('[PUPIL_1] read. [PUPIL_1] read.');
    expect(redact('Zoë read. Zoe read.', ['Zoë Brown'])).toBe('[PUPIL_1] read. [PUPIL_1] read.');
  });

  it('gives a first name, a surname and the full name one placeholder, and writes back the fullest form', () => {
    const r = new Redaction(settings(['Tom Brown', 'Amy Patel']));
    expect(r.redact('Tom sat with Amy. Tom Brown and Brown, Tom. Mr Brown called; Patel too.')).toBe(
      '[PUPIL_1] sat with [PUPIL_2]. [PUPIL_1] and [PUPIL_1]. Mr [PUPIL_1] called; [PUPIL_2] too.',
    );
    expect(r.restore('[PUPIL_1] helped [PUPIL_2].')).toBe('Tom Brown helped Amy.');
  });

  it('keeps titles, possessives and plurals outside the placeholder', () => {
    expect(redact("Mr Farsi and Mrs O'Brien's car; Tom's bag; the Smiths and the Browns' dog.")).toBe(
      'Mr [PUPIL_1] and Mrs [PUPIL_2]\'s car; [PUPIL_3]\'s bag; the [PUPIL_4]s and the [PUPIL_5]s\' dog.',
    );
  });

  it('does not guess between two pupils who share a name, nor confuse them with each other', () => {
    const r = new Redaction(settings(['Tom Smith', 'Tom Jones']));
    const out = r.redact('Tom Smith, Tom Jones and Tom.');
    expect(out).toBe('[PUPIL_1], [PUPIL_2] and [PUPIL_3].');
    expect(r.restore('[PUPIL_3]')).toBe('Tom');
  });

  it('treats names that are ordinary words as names only when capitalised or after a title', () => {
    expect(redact('Plants will grow in green light. Will Green sat with Will; mr green came.')).toBe(
      'Plants will grow in green light. [PUPIL_1] sat with [PUPIL_1]; mr [PUPIL_1] came.',
    );
    expect(redact('Smiths forge metal. The smiths worked.', ['Jo Smith'])).toBe('Smiths forge metal. The smiths worked.');
    expect(redact('Mary went home. Mar y is not her.', ['Mary Evans'])).toBe('[PUPIL_1] went home. Mar y is not her.');
  });

  it('matches a name written surname first, with two or three words', () => {
    expect(redact('Ní Bhriain, Aoife and Smith, Mary Jane and Mary Smith.', ['Aoife Ní Bhriain', 'Mary Jane Smith'])).toBe('[PUPIL_1] and [PUPIL_2] and [PUPIL_2].');
  });

  it('matches a double-barrelled surname whole and in parts', () => {
    expect(redact('Amelia Jones-Hughes, Amelia Jones Hughes, Jones-Hughes and Hughes.')).toBe('[PUPIL_1], [PUPIL_1], [PUPIL_1] and [PUPIL_1].');
  });
});

describe('dates of birth', () => {
  it('in a table with a DOB column, in a row with a pupil, with the cue on the line above, and after "b."', () => {
    const text = [
      'Name | Date of birth | Notes',
      'Sam Doe | 12/03/2012 | trip on 14/06/2024',
      'Zoë Brown | 3 March 2012 | -',
      'Tom Smith\t2012-09-01\tgood',
      'Date of birth:',
      '14.05.2013',
      'Zoë b. 12 Mar 2012.',
      'The Battle of Hastings, 14 October 1066. The trip is on 14/06/2024.',
    ].join('\n');
    const out = redact(text);
    expect(out).not.toMatch(/12\/03\/2012|3 March 2012|2012-09-01|14\.05\.2013|12 Mar 2012/);
    expect(out).toContain('trip on 14/06/2024'); // not in the DOB column, and no pupil on that row
    expect(out).toContain('14 October 1066');
    expect(out).toContain('The trip is on 14/06/2024.');
  });

  it('reads a document table as rows', () => {
    const cell = (type: string, t: string) => ({ type, content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Register' }] },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', 'Name'), cell('tableHeader', 'DOB'), cell('tableHeader', 'UPN')] },
            { type: 'tableRow', content: [cell('tableCell', 'Sam Doe'), cell('tableCell', '12/03/2012'), cell('tableCell', 'B801200005001')] },
          ],
        },
      ],
    };
    const text = documentText(doc);
    expect(text).toBe('Register\nName | DOB | UPN\nSam Doe | 12/03/2012 | B801200005001');
    expect(redact(text)).toBe('Register\nName | DOB | UPN\nSam Doe | [DOB_1] | [UPN_1]');
  });
});

describe('numbers, phones, postcodes and addresses with any spacing', () => {
  it('phones with 0044, +44, (0), dots and dashes', () => {
    for (const v of ['0044 7700 900123', '0044 (0)7700 900123', '+44.7700.900.123', '07700.900.123', '07700-900-123', '+44 (0)20 7946 0958', '(020) 7946 0958', '0044-20-7946-0958'])
      expect(redact(`Call ${v} today`), v).toMatch(/^Call \[PHONE_1\] today$/);
    expect(redact('Calculate 0.5 × 1200 = 600, year 2024.')).toBe('Calculate 0.5 × 1200 = 600, year 2024.');
  });

  it('postcodes with any separator', () => {
    for (const v of ['SW1A 2AA', 'SW1A2AA', 'sw1a 2aa', 'SW1A-2AA', 'SW1A.2AA', 'SW1A\u00A02AA', 'SW1A  2AA', 'SW1A/2AA', 'M1 1AE', 'B33 8TH'])
      expect(redact(`Post to ${v}.`), v).toBe('Post to [POSTCODE_1].');
  });

  it('NHS numbers and UPNs with any spacing, two side by side, and not a counting sequence', () => {
    for (const v of ['943 476 5919', '9434765919', '943-476-5919', '94 34 76 59 19', '943.476.5919', '9 4 3 4 7 6 5 9 1 9'])
      expect(redact(`NHS ${v}.`), v).toBe('NHS [NHS_1].');
    expect(redact('NHS 943 476 5919 943 476 5919')).toBe('NHS [NHS_1] [NHS_1]');
    for (const v of ['B801200005001', 'B 8012 0000 5001', 'B-801200005001', 'b801200005001', 'B801 2000 0500 1'])
      expect(redact(`UPN ${v}.`), v).toBe('UPN [UPN_1].');
    expect(redact('Count: 1 2 3 4 5 6 7 8 9 10')).toBe('Count: 1 2 3 4 5 6 7 8 9 10');
    // A phone pattern starting inside an NHS number does not hide the phone number after it.
    expect(redact('400 050 0007 0044 7700 000 000 400 000 0004')).toBe('[NHS_1] [PHONE_1] [NHS_2]');
  });

  it('National Insurance numbers', () => {
    for (const v of ['AB123456C', 'AB 12 34 56 C', 'ab 123456 c', 'AB-12-34-56-C', 'JG 10 37 59 A']) expect(redact(`NI ${v}.`), v).toBe('NI [NINO_1].');
    // Prefixes HMRC never issues.
    expect(redact('NI GB123456A and QQ 12 34 56 C')).toBe('NI GB123456A and QQ 12 34 56 C');
  });

  it('street addresses, with or without a town and postcode', () => {
    expect(redact('Lives at 12 Acacia Avenue, Leeds LS1 4AB.')).toBe('Lives at [ADDRESS_1] [POSTCODE_1].');
    expect(redact('Lives at 12 Acacia Avenue.')).toBe('Lives at [ADDRESS_1].');
    expect(redact('Flat 3, 27b Mill Lane, Headingley, Leeds.')).toBe('Flat 3, [ADDRESS_1].');
    expect(redact('Lives at 3-5 St John\u2019s Rd')).toBe('Lives at [ADDRESS_1]');
    // A town needs a comma or its own line: a capitalised word after the street is not one.
    expect(redact('At 1 Acacia Avenue Kacper\nwaited.', [])).toBe('At [ADDRESS_1] Kacper\nwaited.');
    expect(redact('1 Acacia Avenue\nLeeds\nLS1 4AB', [])).toBe('[ADDRESS_1]\n[POSTCODE_1]');
    expect(redact('In 1066 William won. Page 12 Green light. 5 apples.', [])).toBe('In 1066 William won. Page 12 Green light. 5 apples.');
  });
});

// ---- property: every variant of every seeded value is redacted ----------------------------------

const NOISE = ['\u00AD', '\u200B', '\u200D', '\uFEFF', '<b></b>'];
/** Puts a soft hyphen, zero-width character or empty tag somewhere inside a value. */
const noisy = (value: fc.Arbitrary<string>) =>
  fc.tuple(value, fc.nat(), fc.constantFrom(...NOISE), fc.boolean()).map(([v, at, noise, on]) => {
    if (!on || v.length < 2) return v;
    const i = 1 + (at % (v.length - 1));
    return v.slice(0, i) + noise + v.slice(i);
  });
const spaceArb = fc.constantFrom(' ', '\u00A0', '  ', ' \u200B');
const sepArb = fc.constantFrom(' ', '', '-', '.', '\u00A0');

const PUPILS = [
  { first: 'Zoë', last: 'Brown', variants: ['Zoë', 'Zoe', 'ZOË', 'Zoë'.normalize('NFD')] },
  { first: 'Omar', last: 'Al-Farsi', variants: ['Al-Farsi', 'Al Farsi', 'AlFarsi', 'Farsi', 'Omar'] },
  { first: 'Liam', last: "O'Brien", variants: ["O'Brien", 'OBrien', 'O’Brien', 'Liam'] },
  { first: 'Siân', last: 'Evans', variants: ['Sian', 'Siân', 'Evans'] },
  { first: 'Kacper', last: 'Nowak', variants: ['Kacper', 'Nowak', 'NOWAK'] },
];
const CLASS_LIST = PUPILS.map((p) => `${p.first} ${p.last}`);

const pupilArb = fc.constantFrom(...PUPILS).chain((p) =>
  fc.oneof(
    fc.constantFrom(...p.variants),
    spaceArb.map((s) => `${p.first}${s}${p.last}`),
    fc.constant(`${p.first}\n${p.last}`),
    fc.constantFrom('Mr', 'Mrs', 'Ms', 'Miss').map((t) => `${t} ${p.last}`),
  ),
);
const nhsArb = fc
  .stringMatching(/^[4-9]\d{8}$/)
  .filter((nine) => nhsCheckDigit(nine) !== undefined)
  .chain((nine) => {
    const d = `${nine}${nhsCheckDigit(nine)}`;
    return sepArb.map((s) => `${d.slice(0, 3)}${s}${d.slice(3, 6)}${s}${d.slice(6)}`);
  });
const upnArb = fc.stringMatching(/^\d{12}$/).chain((body) => sepArb.map((s) => `${upnCheckLetter(body)}${s}${body.slice(0, 4)}${s}${body.slice(4, 8)}${s}${body.slice(8)}`));
const phoneArb = fc
  .tuple(fc.stringMatching(/^\d{6}$/), fc.constantFrom('07700 ', '0044 7700 ', '+44 7700 ', '07700.', '+44 (0)7700 '), fc.constantFrom(' ', '.', '-', ''))
  .map(([d, prefix, s]) => `${prefix}${d.slice(0, 3)}${s}${d.slice(3)}`);
const postcodeArb = fc.tuple(fc.constantFrom('SW1A', 'LS1', 'M1', 'CF10', 'EH1', 'B33'), fc.constantFrom('2AA', '4AB', '1AE', '8TH'), fc.constantFrom(' ', '', '-', '.', '\u00A0', '  ')).map(([a, b, s]) => `${a}${s}${b}`);
const ninoArb = fc.tuple(fc.constantFrom('AB', 'JG', 'CE', 'PR'), fc.stringMatching(/^\d{6}$/), fc.constantFrom('A', 'B', 'C', 'D'), fc.constantFrom(' ', '', '-')).map(([p, d, s, sep]) => `${p}${sep}${d.slice(0, 2)}${sep}${d.slice(2, 4)}${sep}${d.slice(4)}${sep}${s}`);
const dobArb = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2008, max: 2020 })).chain(([d, m, y]) => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const date = fc.constantFrom(`${d}/${m}/${y}`, `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`, `${d} ${months[m - 1]} ${y}`, `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return fc.tuple(date, fc.constantFrom('DOB: ', 'Date of birth ', 'born ', 'b. ', 'Date of birth:\n')).map(([v, cue]) => ({ value: v, text: `${cue}${v}` }));
});
const addressArb = fc.tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('Acacia', 'Mill', 'Church', 'Station'), fc.constantFrom('Avenue', 'Lane', 'Road', 'St', 'Close')).map(([n, a, b]) => `${n} ${a} ${b}`);

type Piece = { secret: string | null; text: string };
const secret = (arb: fc.Arbitrary<string>) => arb.map((v): Piece => ({ secret: v, text: v }));
const pieceArb: fc.Arbitrary<Piece> = fc.oneof(
  secret(noisy(pupilArb)),
  secret(noisy(nhsArb)),
  secret(noisy(upnArb)),
  secret(phoneArb),
  secret(postcodeArb),
  secret(noisy(ninoArb)),
  secret(addressArb),
  dobArb.map((d): Piece => ({ secret: d.value, text: d.text })),
  fc.constantFrom('The water cycle has four stages.', 'In 1066 the Normans invaded.', 'Photosynthesis needs light.', 'Plants will grow.').map((t): Piece => ({ secret: null, text: t })),
);

/** What a value looks like once noise is folded away, so a noisy seed cannot hide in plain sight. */
const bare = (v: string) => normalise(v).text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

describe('property: no seeded variant survives', () => {
  it('redacts every generated name, number, date of birth and address, whatever its spelling and spacing', () => {
    fc.assert(
      fc.property(fc.array(pieceArb, { minLength: 1, maxLength: 10 }), fc.constantFrom(' ', '\n', ', ', '. '), (pieces, sep) => {
        const text = pieces.map((p) => p.text).join(sep);
        const r = new Redaction(settings(CLASS_LIST));
        const out = r.redact(text);
        const bareOut = bare(out.replace(/\[[A-Z]+_\d+\]/g, '#'));
        for (const p of pieces) {
          if (!p.secret) continue;
          expect(out).not.toContain(p.secret);
          // Every letter-and-digit run of the value is gone (names: the name itself; numbers: all their digits).
          const core = bare(p.secret.replace(/^(?:Mrs?|Ms|Miss) /, ''));
          if (core.length >= 4) expect(bareOut).not.toContain(core);
        }
        // Whatever was not redacted is passed on exactly as written, and restoring brings no placeholder back.
        expect(r.restore(out)).not.toMatch(/\[(PUPIL|EMAIL|PHONE|POSTCODE|ADDRESS|DOB|UPN|NHS|NINO)_\d+\]/);
        expect(r.redact(r.restore(out))).toBe(out);
      }),
      { numRuns: 400 },
    );
  });

  it('spans map back onto the original text exactly', () => {
    fc.assert(
      fc.property(fc.array(pieceArb, { minLength: 1, maxLength: 6 }), (pieces) => {
        const text = pieces.map((p) => p.text).join(' ');
        let last = 0;
        for (const s of findSensitiveSpans(text, settings(CLASS_LIST))) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(text.length);
          last = s.end;
        }
      }),
      { numRuns: 200 },
    );
  });
});
