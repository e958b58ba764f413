import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNameCandidates } from '../../../electron/core/ai/redaction/nameCandidates';
import { aiHarness, type AiHarness } from './aiTestCore';

const words = (text: string) => findNameCandidates(text).map((c) => text.slice(c.start, c.end));

describe('words that look like a pupil’s name (for the no-class-list warning)', () => {
  it('finds first names, full names and a title with a surname, in the original text’s positions', () => {
    expect(words("Amelia Jones needs help. Mrs O'Brien called about Kacper; Mr Farsi too.")).toEqual(['Amelia Jones', "O'Brien", 'Kacper', 'Farsi']);
    expect(words('Sia\u0302n and Zo\u00ADë sat with Ffion.')).toEqual(['Sia\u0302n', 'Zo\u00ADë', 'Ffion']);
    expect(words('Aisha\u00A0Khan, Oisín and Dr. Patel')).toEqual(['Aisha\u00A0Khan', 'Oisín', 'Patel']);
  });

  it('leaves ordinary words alone, and takes a name that is also a word only with a surname', () => {
    expect(words('Plants will grow. Grace is a virtue. May the force. The rose is red.')).toEqual([]);
    expect(words('Grace Hughes and Will Smith were absent.')).toEqual(['Grace Hughes', 'Will Smith']);
    expect(words('Photosynthesis needs light. The Battle of Hastings was in 1066.')).toEqual([]);
  });
});

describe('ai.checkNames', () => {
  let h: AiHarness;
  beforeAll(async () => {
    h = await aiHarness();
  });
  afterAll(async () => h.dispose());

  it('returns the candidates for each text when there is no class list, and nothing once there is one', async () => {
    const texts = ['Write feedback for Amelia and Mr Farsi.', 'The water cycle.'];
    const without = await h.core.dispatch('ai.checkNames', { texts });
    expect(without).toEqual({
      ok: true,
      value: {
        classListInUse: false,
        candidates: [
          [
            { start: 19, end: 25 },
            { start: 33, end: 38 },
          ],
          [],
        ],
      },
    });
    await h.core.ai.updateSettings({ classList: ['Amelia Jones'] });
    expect(await h.core.dispatch('ai.checkNames', { texts })).toEqual({ ok: true, value: { classListInUse: true, candidates: [[], []] } });
    // Names switched off: nothing would be replaced, so the warning comes back.
    await h.core.ai.updateSettings({ redaction: { classListNames: false } });
    const off = await h.core.dispatch('ai.checkNames', { texts });
    expect(off.ok && off.value.classListInUse).toBe(false);
  });

  it('refuses more than 20 texts', async () => {
    const r = await h.core.dispatch('ai.checkNames', { texts: Array.from({ length: 21 }, () => 'x') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION');
  });
});
