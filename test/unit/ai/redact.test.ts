import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Redaction, findSensitiveSpans, type RedactionSettings } from '../../../electron/core/ai/redact';
import { isValidNhsNumber, isValidUpn, nhsCheckDigit, upnCheckLetter } from '../../../electron/core/ai/redaction/checksums';

const ALL = { emails: true, phones: true, postcodes: true, datesOfBirth: true, upns: true, nhsNumbers: true, classListNames: true };
const settings = (classList: string[] = []): RedactionSettings => ({ options: ALL, classList });
const redact = (text: string, classList: string[] = []) => new Redaction(settings(classList)).redact(text);

describe('checksums', () => {
  it('accepts a UPN only with the right check letter (permanent and temporary)', () => {
    expect(isValidUpn('B801200005001')).toBe(true);
    expect(isValidUpn('A801200005001')).toBe(false);
    const temporary = '80120000500A';
    expect(isValidUpn(upnCheckLetter(temporary) + temporary)).toBe(true);
    expect(isValidUpn('B80120000500')).toBe(false);
  });

  it('accepts an NHS number only with a valid modulus 11 check digit', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    // A check result of 10 is never issued, so no final digit makes these valid.
    const nine = '000000006';
    expect(nhsCheckDigit(nine)).toBeUndefined();
  });
});

describe('redact', () => {
  it('replaces each kind of detail with a numbered placeholder', () => {
    const text = [
      'Email amelia.jones@school.org.uk or call 07700 900123 or +44 (0)20 7946 0958.',
      'Address: 10 Downing Street, SW1A 2AA.',
      'UPN B801200005001, NHS number 943 476 5919.',
      'DOB: 14/03/2014. Amelia Jones was born on 3rd May 2013.',
    ].join('\n');
    const out = redact(text, ['Amelia Jones']);
    expect(out).toBe(
      [
        'Email [EMAIL_1] or call [PHONE_1] or [PHONE_2].',
        'Address: [ADDRESS_1], [POSTCODE_1].',
        'UPN [UPN_1], NHS number [NHS_1].',
        'DOB: [DOB_1]. [PUPIL_1] was born on [DOB_2].',
      ].join('\n'),
    );
  });

  it('leaves lesson dates, numbers and place names alone', () => {
    const lesson =
      'The Battle of Hastings was fought on 14 October 1066. In 1066 William won. ' +
      'The Great Fire began on 02/09/1666. Calculate 0.5 × 1200 = 600. Visit Scunthorpe and Sussex. ' +
      'Invalid UPN A801200005001 and number 9434765918 stay.';
    expect(redact(lesson)).toBe(lesson);
  });

  it('matches class-list names as whole words, in any case, with possessives', () => {
    const out = redact("amelia's book. AMELIA. Ameliana is not her. Zoë and ZOË; O’Brien's coat.", ['Amelia', 'Zoë', "Liam O'Brien"]);
    // One placeholder per pupil whatever the case, so the model can tell who is who.
    expect(out).toBe("[PUPIL_1]'s book. [PUPIL_1]. Ameliana is not her. [PUPIL_2] and [PUPIL_2]; [PUPIL_3]'s coat.");
  });

  it('treats names that are ordinary words as names only when capitalised', () => {
    const out = redact('Plants will grow in green light. Will Green sat with Will.', ['Will Green']);
    // "Will" alone is Will Green: one pupil, one placeholder.
    expect(out).toBe('Plants will grow in green light. [PUPIL_1] sat with [PUPIL_1].');
  });

  it('gives the same value the same placeholder across one request and restores it', () => {
    const r = new Redaction(settings(['Amelia']));
    const a = r.redact('Amelia emailed a@b.co.uk');
    const b = r.redact('Reply to A@B.co.uk about amelia');
    expect(a).toBe('[PUPIL_1] emailed [EMAIL_1]');
    expect(b).toBe('Reply to [EMAIL_1] about [PUPIL_1]');
    expect(r.summary()).toEqual([
      { type: 'EMAIL', count: 2 },
      { type: 'PUPIL', count: 2 },
    ]);
    expect(r.restore('Well done [PUPIL_1] ([Email 1]); [PUPIL_9] unknown')).toBe('Well done Amelia (a@b.co.uk); [PUPIL_9] unknown');
  });

  it('restores placeholders split across streamed deltas at every possible cut', () => {
    const r = new Redaction(settings(['Amelia', 'Ben']));
    r.redact('Amelia and Ben');
    const answer = 'Praise [PUPIL_1] and [PUPIL_2] [for] effort [x';
    for (let i = 0; i <= answer.length; i++) {
      for (let j = i; j <= answer.length; j++) {
        const restorer = r.restorer();
        const out = restorer.push(answer.slice(0, i)) + restorer.push(answer.slice(i, j)) + restorer.push(answer.slice(j)) + restorer.flush();
        expect(out).toBe('Praise Amelia and Ben [for] effort [x');
      }
    }
  });

  it('honours the options: a switched-off kind is left alone', () => {
    const r = new Redaction({ options: { ...ALL, emails: false, classListNames: false }, classList: ['Amelia'] });
    expect(r.redact('Amelia a@b.co.uk')).toBe('Amelia a@b.co.uk');
  });

  it('reports overlaps once, to the most specific kind', () => {
    const spans = findSensitiveSpans('amelia@school.org', settings(['Amelia']));
    expect(spans.map((s) => s.type)).toEqual(['EMAIL']);
  });

  it('never lets a seeded detail through and always restores the text exactly (property)', () => {
    const name = fc.constantFrom('Amelia Jones', 'Oliver', 'Siân Evans', 'Mohammed Ali', 'Chloé', 'Kacper Nowak');
    const email = fc.tuple(fc.stringMatching(/^[a-z]{2,8}$/), fc.constantFrom('school.org.uk', 'example.com')).map(([u, d]) => `${u}@${d}`);
    const upn = fc.stringMatching(/^\d{12}$/).map((body) => upnCheckLetter(body) + body);
    const nhs = fc
      .stringMatching(/^[4-9]\d{8}$/)
      .filter((nine) => nhsCheckDigit(nine) !== undefined)
      .map((nine) => `${nine.slice(0, 3)} ${nine.slice(3, 6)} ${nine.slice(6)}${nhsCheckDigit(nine)}`);
    const filler = fc.constantFrom('The water cycle has four stages.', 'In 1066 the Normans invaded.', 'Photosynthesis needs light.', '', '\n');
    const secret = fc.oneof(name, email, upn, nhs).map((value) => ({ secret: true, value }));
    const piece = fc.oneof(secret, filler.map((value) => ({ secret: false, value })));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.constantFrom(' ', '\n', ', '), (pieces, sep) => {
        const text = pieces.map((p) => p.value).join(sep);
        const r = new Redaction(settings(['Amelia Jones', 'Oliver', 'Siân Evans', 'Mohammed Ali', 'Chloé', 'Kacper Nowak']));
        const out = r.redact(text);
        for (const p of pieces) if (p.secret) expect(out).not.toContain(p.value);
        expect(r.restore(out)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
