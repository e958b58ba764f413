import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_FILE } from '../../../electron/core/app';
import fc from 'fast-check';
import { nhsCheckDigit, upnCheckLetter } from '../../../electron/core/ai/redaction/checksums';
import { aiHarness, lastOf, type AiHarness } from './aiTestCore';

const NAMES = ['Amelia Jones', 'Oliver Smith', 'Siân Evans', 'Mohammed Ali', 'Zoë Brown', 'Kacper Nowak', 'Aoife Ní Bhriain'];

const nameArb = fc.constantFrom(...NAMES, ...NAMES.map((n) => n.split(' ')[0]!));
const emailArb = fc.tuple(fc.stringMatching(/^[a-z]{3,8}$/), fc.stringMatching(/^[a-z]{1,3}$/), fc.constantFrom('school.org.uk', 'example.co.uk', 'mail.com')).map(([a, b, d]) => `${a}.${b}@${d}`);
const upnArb = fc.stringMatching(/^\d{12}$/).map((body) => upnCheckLetter(body) + body);
const nhsArb = fc
  .stringMatching(/^[4-9]\d{8}$/)
  .filter((nine) => nhsCheckDigit(nine) !== undefined)
  .map((nine) => `${nine}${nhsCheckDigit(nine)}`)
  .chain((nhs) => fc.constantFrom(nhs, `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`));
const sentence = fc.constantFrom(
  'wrote a paragraph about the water cycle.',
  'needs support with fractions.',
  'answered the question on the Battle of Hastings in 1066.',
  'read chapter 3 of Holes.',
  'can explain photosynthesis.',
);

/** A line of lesson notes mentioning a pupil and some of their details. */
const line = fc.record({ name: nameArb, email: emailArb, upn: upnArb, nhs: nhsArb, sentence, shape: fc.integer({ min: 0, max: 3 }) }).map((r) => {
  const text = [
    `${r.name} ${r.sentence}`,
    `${r.name}'s parent can be reached at ${r.email}.`,
    `UPN ${r.upn}, NHS ${r.nhs}: ${r.name} ${r.sentence}`,
    `Seating: ${r.name.toUpperCase()} next to the window (${r.email}).`,
  ][r.shape]!;
  return { text, secrets: [r.name, r.email, r.upn, r.nhs].filter((s) => text.includes(s) || text.includes(s.toUpperCase())) };
});

describe('nothing private leaves the machine (property, over loopback)', () => {
  let h: AiHarness;
  beforeAll(async () => {
    h = await aiHarness();
    await h.core.ai.updateSettings({ classList: NAMES });
  });
  afterAll(async () => h.dispose());

  it('no request body contains a seeded name, email, UPN or NHS number, and the answer has them restored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 5 }), async (lines) => {
        const text = lines.map((l) => l.text).join('\n');
        const secrets = [...new Set(lines.flatMap((l) => l.secrets))];
        const before = h.server.requests.length;
        h.server.enqueue({ kind: 'echo-placeholders', prefix: 'Feedback for', chunkSize: 3 });
        const r = await h.run({ action: 'free-instruction', selection: { text }, params: { instruction: 'Write feedback for each pupil.' } });
        const sent = h.server.requests.slice(before).map((q) => q.body + JSON.stringify(q.url));
        expect(sent.length).toBeGreaterThan(0);
        for (const body of sent) {
          for (const secret of secrets) {
            expect(body).not.toContain(secret);
            expect(body.toLowerCase()).not.toContain(secret.toLowerCase());
            expect(body).not.toContain(JSON.stringify(secret).slice(1, -1));
          }
        }
        const answer = lastOf(r.events, 'ai.completed')!.text;
        expect(answer).not.toMatch(/\[(PUPIL|EMAIL|UPN|NHS)_\d+\]/);
        for (const l of lines) {
          const email = l.secrets.find((s) => s.includes('@'));
          if (email) expect(answer).toContain(email);
        }
        // The stored request is the redacted one, too.
        const stored = JSON.stringify(h.core.ai.getInteraction(r.interactionId));
        for (const secret of secrets) if (!/^[A-Z]/.test(secret) || secret.includes(' ')) expect(stored).not.toContain(secret);
      }),
      { numRuns: 40 },
    );
  });

  it('previews exactly what is sent', async () => {
    const input = { action: 'free-instruction', selection: { text: 'Amelia Jones (UPN B801200005001) did well.' }, params: { instruction: 'Praise her.' } };
    const preview = await h.core.ai.previewRequest(input);
    expect(preview.redactions).toEqual([
      { type: 'UPN', count: 1 },
      { type: 'PUPIL', count: 1 },
    ]);
    const before = h.server.requests.length;
    await h.run(input);
    expect(JSON.parse(h.server.requests[before]!.body)).toEqual(preview.body);
  });
});

describe('nothing raw is kept (issue 7 §5)', () => {
  const NOTES =
    'Amelia Jones (DOB 12/03/2014, NHS 943 476 5919, mum on 07700 900123 or amelia.jones@example.com) has dyslexia and an EHCP for autism; sits at the front.';
  const RAW = ['12/03/2014', '943 476 5919', '9434765919', '07700 900123', 'amelia.jones@example.com', 'Amelia Jones (DOB', 'Amelia Jones has'];
  let h: AiHarness;
  afterAll(async () => h?.dispose());

  /** Every byte SQLite holds on disk for the library: the main file and its write-ahead log. */
  const libraryBytes = () =>
    [LIBRARY_FILE, `${LIBRARY_FILE}-wal`]
      .map((f) => join(h.dataDir, f))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');

  it('stores the brief’s class notes only redacted, returns only that, and erases it with the lesson', async () => {
    h = await aiHarness();
    await h.core.ai.updateSettings({ classList: ['Amelia Jones', 'Oliver Smith'] });
    const r = await h.run({
      action: 'generate-lesson',
      params: { subject: 'Science', keyStage: 'KS2', topic: 'Plants', classNotes: NOTES },
    });
    const created = lastOf(r.events, 'ai.completed')!.documentId!;
    expect(created).toBeTruthy();

    // What the renderer receives.
    const full = await h.core.dispatch('provenance.getInteraction', { id: r.interactionId });
    const listed = await h.core.dispatch('provenance.listInteractions', { documentId: created });
    expect(full.ok && listed.ok).toBe(true);
    const received = JSON.stringify(full) + JSON.stringify(listed);
    for (const raw of RAW) expect(received).not.toContain(raw);
    const stored = full.ok ? (full.value.parameters.classNotes as string) : '';
    expect(stored).toMatch(/^\[PUPIL_1\] \(DOB \[DOB_1\], NHS \[NHS_1\], mum on \[PHONE_1\] or \[EMAIL_1\]\) has dyslexia/);
    // The stored parameters use the same placeholders as the request that was sent.
    expect(h.server.requests.at(-1)!.body).toContain(JSON.stringify(stored).slice(1, -1));

    // What is on disk.
    h.core.db.pragma('wal_checkpoint(PASSIVE)');
    const before = libraryBytes();
    for (const raw of RAW) expect(before).not.toContain(raw);
    expect(before).toContain('has dyslexia and an EHCP'); // the redacted notes are kept until the lesson goes

    // Deleted for good: the interaction's text goes too; its record still verifies.
    const trashed = await h.core.dispatch('documents.delete', { id: created });
    expect(trashed.ok).toBe(true);
    const purged = await h.core.dispatch('trash.empty', { ids: [created] });
    expect(purged).toEqual({ ok: true, value: { purged: 1 } });
    const after = h.core.ai.getInteraction(r.interactionId);
    expect(after).toMatchObject({ parameters: {}, request: {}, response: null, errorMessage: null, contentErasedAt: expect.any(Number) });
    expect(libraryBytes()).not.toContain('has dyslexia and an EHCP');
    expect(libraryBytes()).not.toContain('Notes about the class');
    const verified = await h.core.ai.verify();
    expect(verified).toMatchObject({ ok: true, erasedInteractions: 1, checkpoint: { status: 'match' } });
    expect(verified.message).toMatch(/1 entry's content erased by purge/);
  });
});
