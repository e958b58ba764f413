import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LecternDocument, TipTapNode } from '../../../electron/contract';
import { nhsCheckDigit, upnCheckLetter } from '../../../electron/core/ai/redaction/checksums';
import { normalise } from '../../../electron/core/ai/redaction/normalise';
import { aiHarness, type AiHarness } from './aiTestCore';

/**
 * Over loopback, through the real SDK: no seeded detail, in any of the spellings and spacings
 * teachers write, reaches a request body, including when an action reads a whole lesson holding a
 * register table (name, date of birth, UPN, NHS number columns).
 */
const PUPILS = [
  { first: 'Zoë', last: 'Brown', forms: ['Zoë Brown', 'Zoe Brown', 'ZOË BROWN', 'Zoe\u00A0Brown', 'Brown, Zoë', 'Zo\u00ADë Brown'] },
  { first: 'Omar', last: 'Al-Farsi', forms: ['Omar Al-Farsi', 'Omar Al Farsi', 'Omar AlFarsi', 'Al-Farsi, Omar', 'Omar Al\u2011Farsi'] },
  { first: 'Liam', last: "O'Brien", forms: ["Liam O'Brien", 'Liam OBrien', 'Liam O’Brien', 'LIAM O\u200BBRIEN'] },
  { first: 'Siân', last: 'Evans', forms: ['Siân Evans', 'Sian Evans', 'Sia\u0302n Evans'] },
];
const CLASS_LIST = PUPILS.map((p) => `${p.first} ${p.last}`);

const sep = fc.constantFrom(' ', '', '-', '.', '\u00A0');
const nhsArb = fc
  .stringMatching(/^[4-9]\d{8}$/)
  .filter((nine) => nhsCheckDigit(nine) !== undefined)
  .chain((nine) => sep.map((s) => `${nine.slice(0, 3)}${s}${nine.slice(3, 6)}${s}${nine.slice(6)}${nhsCheckDigit(nine)}`));
const upnArb = fc.stringMatching(/^\d{12}$/).chain((body) => sep.map((s) => `${upnCheckLetter(body)}${s}${body.slice(0, 4)}${s}${body.slice(4, 8)}${s}${body.slice(8)}`));
const dobArb = fc
  .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2009, max: 2019 }))
  .chain(([d, m, y]) => fc.constantFrom(`${d}/${m}/${y}`, `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`, `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`));
const pupilArb = fc.constantFrom(...PUPILS).chain((p) => fc.constantFrom(...p.forms).map((form) => ({ pupil: p, form })));
const rowArb = fc.record({ who: pupilArb, dob: dobArb, upn: upnArb, nhs: nhsArb });
const phoneArb = fc.tuple(fc.stringMatching(/^\d{6}$/), fc.constantFrom('07700 ', '0044 7700 ', '+44.7700.', '07700.')).map(([d, p]) => `${p}${d.slice(0, 3)}.${d.slice(3)}`);
const noteArb = fc.record({ who: pupilArb, phone: phoneArb, house: fc.integer({ min: 1, max: 200 }), postcode: fc.constantFrom('LS1 4AB', 'LS14AB', 'CF10-1AA', 'M1.1AE') });

const text = (t: string): TipTapNode => ({ type: 'text', text: t });
const paragraph = (t: string): TipTapNode => ({ type: 'paragraph', content: [text(t)] });
const cell = (type: 'tableCell' | 'tableHeader', t: string): TipTapNode => ({ type, content: [paragraph(t)] });

/** Letters and digits only, placeholders kept as one mark: a noisy seed cannot hide in plain sight. */
const bare = (v: string) =>
  normalise(v)
    .text.toLowerCase()
    .replace(/\[[a-z]+_\d+\]/g, '§')
    .replace(/[^\p{L}\p{N}§]+/gu, '');

const stringsIn = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(stringsIn) : value && typeof value === 'object' ? Object.values(value).flatMap(stringsIn) : [];

function expectAbsent(bodies: string[], secrets: string[]) {
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) {
    const flat = bare(stringsIn(JSON.parse(body)).join('\n'));
    for (const secret of secrets) {
      expect(body).not.toContain(secret);
      expect(body).not.toContain(JSON.stringify(secret).slice(1, -1));
      const core = bare(secret);
      if (core.length >= 5) expect(flat, secret).not.toContain(core);
    }
  }
}

describe('nothing seeded reaches a request body (property, over loopback)', () => {
  let h: AiHarness;
  beforeAll(async () => {
    h = await aiHarness();
    await h.core.ai.updateSettings({ classList: CLASS_LIST });
  });
  afterAll(async () => h.dispose());

  it('an action that reads a whole lesson with a register table sends no name, date of birth, UPN or NHS number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 4 }), fc.array(noteArb, { maxLength: 3 }), async (rows, notes) => {
        const content: TipTapNode = {
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 1 }, content: [text('Forces: pushes and pulls')] },
            paragraph('In 1687 Newton published his laws of motion. The trip is on 14/06/2024.'),
            {
              type: 'table',
              content: [
                { type: 'tableRow', content: ['Name', 'DOB', 'UPN', 'NHS number'].map((h) => cell('tableHeader', h)) },
                ...rows.map((r) => ({ type: 'tableRow', content: [r.who.form, r.dob, r.upn, r.nhs].map((v) => cell('tableCell', v)) })),
              ],
            },
            ...notes.map((n) => paragraph(`${n.who.pupil.first}'s mum is on ${n.phone}; they live at ${n.house} Acacia Avenue, Leeds ${n.postcode}.`)),
          ],
        };
        const doc = await h.core.dispatch('documents.create', { title: 'Forces', kind: 'lesson-plan', content });
        if (!doc.ok) throw new Error(doc.error.message);
        const before = h.server.requests.length;
        await h.run({ action: 'generate-worksheet', documentId: (doc.value as LecternDocument).id, params: {} });
        const bodies = h.server.requests.slice(before).map((q) => q.body);
        const secrets = [
          ...rows.flatMap((r) => [r.who.form, r.who.pupil.first, r.who.pupil.last, r.dob, r.upn, r.nhs]),
          ...notes.flatMap((n) => [n.who.pupil.first, n.phone, `${n.house} Acacia Avenue`, n.postcode]),
        ];
        expectAbsent(bodies, secrets);
        // The lesson's own dates are history, not birthdays: they are sent as written.
        expect(bodies[0]).toContain('In 1687 Newton');
        expect(bodies[0]).toContain('14/06/2024');
      }),
      { numRuns: 25 },
    );
  });

  it('a selection with names and numbers in any spelling or spacing sends none of them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(rowArb.map((r) => ({ kind: 'row' as const, r })), noteArb.map((n) => ({ kind: 'note' as const, n }))), { minLength: 1, maxLength: 5 }), async (items) => {
        const lines: string[] = [];
        const secrets: string[] = [];
        for (const item of items) {
          if (item.kind === 'row') {
            const { who, dob, upn, nhs } = item.r;
            lines.push(`${who.form}\t${dob}\t${upn}`, `Mrs ${who.pupil.last} says NHS ${nhs}; ${who.pupil.first}'s birthday: ${dob}.`);
            secrets.push(who.form, who.pupil.last, who.pupil.first, dob, upn, nhs);
          } else {
            const { who, phone, house, postcode } = item.n;
            lines.push(`The ${who.pupil.last.replace(/-/g, ' ')}s moved to ${house} Mill Lane, ${postcode}. Call ${phone}.`);
            secrets.push(who.pupil.last.replace(/-/g, ' '), phone, `${house} Mill Lane`, postcode);
          }
        }
        const before = h.server.requests.length;
        await h.run({ action: 'free-instruction', selection: { text: lines.join('\n') }, params: { instruction: 'Tidy these notes.' } });
        expectAbsent(
          h.server.requests.slice(before).map((q) => q.body),
          secrets,
        );
      }),
      { numRuns: 25 },
    );
  });
});
