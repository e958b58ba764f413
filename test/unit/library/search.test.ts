import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoundedSnippets, MAX_SNIPPET_WINDOWS, SNIPPET_WINDOW_CHARS } from '../../../electron/core/library/boundedSnippet';
import { buildMatchQuery } from '../../../electron/core/library/search';
import { spellingVariants } from '../../../electron/core/library/spelling';
import { doc, openTestLibrary, type TestLibrary } from './fixture';

describe('search', () => {
  let lib: TestLibrary;
  beforeEach(() => {
    lib = openTestLibrary();
  });
  afterEach(() => lib.dispose());

  const create = async (title: string, text: string, extra: Record<string, unknown> = {}) =>
    (await lib.call('documents.create', { title, kind: 'lesson-plan', content: doc(text), ...extra } as never)) as { id: string };
  const titles = async (text: string, extra: Record<string, unknown> = {}) =>
    (await lib.call('search.query', { text, ...extra } as never)).results.map((r) => r.document.title);

  it('matches the last word as a prefix while typing, and whole words after a space', async () => {
    await create('Photosynthesis', 'Plants make glucose from light.');
    await create('Photography club', 'Cameras and lenses.');
    await create('Fractions', 'Halves and quarters.');
    expect(await titles('phot')).toEqual(expect.arrayContaining(['Photosynthesis', 'Photography club']));
    expect(await titles('photosyn')).toEqual(['Photosynthesis']);
    // The stemmer turns a final y into i, so a prefix ending in y is also tried without it.
    expect(await titles('photosy')).toContain('Photosynthesis');
    // Mid-word, where the indexed stem is shorter than what has been typed ("organisation" is
    // indexed as "organis"), results stay put.
    await create('Charity', 'The organisation of the school fair.');
    for (const typed of ['organ', 'organis', 'organisa', 'organisati', 'organisation']) expect(await titles(typed), typed).toContain('Charity');
    expect(await titles('plants gluc')).toEqual(['Photosynthesis']);
    // "gluc " is a finished word now, and no document says "gluc".
    expect(await titles('gluc ')).toEqual([]);
    // Stemming: "halve" finds "Halves".
    expect(await titles('halve ')).toEqual(['Fractions']);
  });

  it('finds a word saved a moment ago', async () => {
    const { id } = await create('Rivers', 'Source to mouth.');
    await lib.call('documents.save', { id, content: doc('Source to mouth, with an oxbow lake.') });
    expect(await titles('oxbow')).toEqual(['Rivers']);
    await lib.call('documents.rename', { id, title: 'Meanders' });
    expect(await titles('meand')).toEqual(['Meanders']);
    expect(await titles('rivers ')).toEqual([]);
  });

  it('finds British and American spellings of the same word, both ways', async () => {
    await create('Colour wheel', 'Mix primary colours and organise them around the centre.');
    await create('Color theory', 'Analyze how artists organize color on the canvas. Behavior of light.');
    const both = ['Colour wheel', 'Color theory'];
    expect(await titles('color ')).toEqual(expect.arrayContaining(both));
    expect(await titles('colour ')).toEqual(expect.arrayContaining(both));
    expect(await titles('colours ')).toEqual(expect.arrayContaining(both));
    expect(await titles('organize ')).toEqual(expect.arrayContaining(both));
    expect(await titles('organis')).toEqual(expect.arrayContaining(both));
    expect(await titles('analyse ')).toEqual(['Color theory']);
    expect(await titles('behaviour ')).toEqual(['Color theory']);
    expect(await titles('center ')).toEqual(['Colour wheel']);
  });

  it('returns highlighted snippets and titles as plain segments', async () => {
    await create('Volcano quiz', `${'Intro text. '.repeat(30)}Magma rises through the crust and erupts as lava. ${'Outro. '.repeat(30)}`);
    const [result] = (await lib.call('search.query', { text: 'magma lava ' })).results;
    expect(result!.title).toEqual([{ text: 'Volcano quiz', match: false }]);
    const matched = result!.snippet.filter((s) => s.match).map((s) => s.text);
    expect(matched).toEqual(['Magma', 'lava']);
    const snippet = result!.snippet.map((s) => s.text).join('');
    expect(snippet).toMatch(/^…/);
    expect(snippet).toContain('Magma rises through the crust and erupts as lava');
    expect(snippet.length).toBeLessThan(200);

    const [byTitle] = (await lib.call('search.query', { text: 'volcano ' })).results;
    expect(byTitle!.title).toEqual([
      { text: 'Volcano', match: true },
      { text: ' quiz', match: false },
    ]);
    expect(byTitle!.snippet).toEqual([]);
  });

  describe('snippets from one very long paragraph', () => {
    // 400 KB in one paragraph: FTS5's snippet() over the whole column took 109 s here.
    const filler = (bytes: number) => {
      const words = ['pupils', 'will', 'learn', 'to', 'explain', 'the', 'water', 'cycle', 'and', 'describe', 'evaporation'];
      const out: string[] = [];
      for (let size = 0, i = 0; size < bytes; i++) {
        const w = words[(i * 7 + (i >> 3)) % words.length]!;
        out.push(w);
        size += w.length + 1;
      }
      return out.join(' ');
    };
    const snippetText = (r: { snippet: Array<{ text: string }> }) => r.snippet.map((s) => s.text).join('');
    const matched = (r: { snippet: Array<{ text: string; match: boolean }> }) => r.snippet.filter((s) => s.match).map((s) => s.text);

    it('shows the match wherever it is, in a snippet of bounded size', async () => {
      const body = filler(400_000);
      await create('At the end', `${body} Finally the oxbow lake forms.`);
      await create('At the start', `Oxbow lakes first. ${body}`);
      await create('In the middle', `${body.slice(0, 200_000)} Zoë’s oxbow diagram. ${body.slice(200_000)}`);
      await create('Short', 'A short note on an oxbow.');
      const results = (await lib.call('search.query', { text: 'oxbow' })).results;
      expect(results.map((r) => r.document.title).sort()).toEqual(['At the end', 'At the start', 'In the middle', 'Short']);
      for (const r of results) {
        expect(matched(r).map((m) => m.toLowerCase()), r.document.title).toEqual([expect.stringMatching(/^oxbow/)]);
        expect(snippetText(r).length, r.document.title).toBeLessThan(300);
      }
      const byTitle = Object.fromEntries(results.map((r) => [r.document.title, snippetText(r)]));
      expect(byTitle['At the end']).toMatch(/^….* Finally the oxbow lake/);
      expect(byTitle['At the start']).toMatch(/^Oxbow lakes first\. .*…$/);
      expect(byTitle['In the middle']).toMatch(/^….*Zoë’s oxbow diagram\..*…$/);
      // Accents folded the way the index folds them, and words from both ends of the query.
      const [accented] = (await lib.call('search.query', { text: 'zoe diagram ' })).results;
      expect(accented!.document.title).toBe('In the middle');
      expect(matched(accented!)).toEqual(['Zoë', 'diagram']);
      const [stemmed] = (await lib.call('search.query', { text: 'lake forming ' })).results;
      expect(matched(stemmed!)).toEqual(['lake', 'forms']);
    });

    it('hands FTS5 a bounded amount of text, even when many words nearly match', () => {
      const snippets = new BoundedSnippets('porter unicode61 remove_diacritics 2', { open: '[', close: ']', ellipsis: '…', tokens: 16 });
      const body = `${'then there thence '.repeat(30_000)}the end`;
      const [found] = snippets.snippets([body], [{ text: 'the', prefix: false }], '"the"');
      expect(found!.windowsTried).toBe(MAX_SNIPPET_WINDOWS);
      expect(found!.charsIndexed).toBeLessThanOrEqual(MAX_SNIPPET_WINDOWS * SNIPPET_WINDOW_CHARS);
      // With the budget spent the document is still a result, just without a snippet.
      expect(found!.marked).toBeNull();
      const [early, none] = snippets.snippets([`${filler(400_000)} oxbow`, filler(10_000)], [{ text: 'oxbo', prefix: true }], '"oxbo"*');
      expect(early).toMatchObject({ windowsTried: 1, marked: expect.stringContaining('[oxbow]') });
      expect(early!.charsIndexed).toBeLessThanOrEqual(SNIPPET_WINDOW_CHARS);
      expect(none).toEqual({ marked: null, charsIndexed: 0, windowsTried: 0 });
      // A query FTS5 refuses leaves nothing behind in the scratch table for the next one.
      expect(() => snippets.snippets(['an oxbow lake'], [{ text: 'oxbow', prefix: false }], '"oxbow')).toThrow();
      expect(snippets.snippets(['an oxbow lake'], [{ text: 'oxbow', prefix: false }], '"oxbow"')[0]!.marked).toBe('an [oxbow] lake');
    });
  });

  it('ranks a title match above a body match', async () => {
    await create('Notes', 'Something about rainforests in passing, rainforest canopy, rainforest layers.');
    await create('Rainforests', 'Layers of the forest.');
    expect(await titles('rainforest ')).toEqual(['Rainforests', 'Notes']);
  });

  it('combines search with metadata filters and leaves out the trash', async () => {
    const a = await create('Forces A', 'Friction and gravity', { subject: 'Physics', keyStage: 'KS3', tags: ['forces'] });
    await create('Forces B', 'Friction and gravity', { subject: 'Physics', keyStage: 'KS4', folder: 'Year 10' });
    const c = await create('Forces C', 'Friction and gravity', { kind: 'quiz' });
    expect((await titles('friction')).sort()).toEqual(['Forces A', 'Forces B', 'Forces C']);
    expect(await titles('friction', { keyStage: 'KS4' })).toEqual(['Forces B']);
    expect(await titles('friction', { tag: 'forces' })).toEqual(['Forces A']);
    expect(await titles('friction', { kind: 'quiz' })).toEqual(['Forces C']);
    expect(await titles('friction', { folder: 'Year 10' })).toEqual(['Forces B']);
    await lib.call('documents.delete', { id: c.id });
    await lib.call('documents.delete', { id: a.id });
    expect(await titles('friction')).toEqual(['Forces B']);
    await lib.call('trash.restore', { id: a.id });
    expect((await titles('friction')).sort()).toEqual(['Forces A', 'Forces B']);
    await lib.call('trash.empty', {});
    expect((await titles('friction')).sort()).toEqual(['Forces A', 'Forces B']);
  });

  it('treats FTS5 syntax in what is typed as plain text', async () => {
    await create('Tricky "quotes"', 'NEAR the end OR the start, title: col:umn AND (brackets) * ^ - + {x}');
    const hostile = [
      '"',
      '""',
      '"unbalanced',
      'NEAR(',
      'title:tricky',
      'col:umn',
      'a OR',
      'AND',
      'NOT x',
      '(brackets',
      '*',
      '^start',
      '-minus',
      '{x} : ',
      "'; DROP TABLE documents; --",
      'x'.repeat(400),
      '\u0002marker\u0003',
    ];
    for (const text of hostile) {
      const result = await lib.core.dispatch('search.query', { text });
      expect(result, `query ${JSON.stringify(text)}`).toMatchObject({ ok: true });
    }
    expect(await titles('tricky quotes')).toEqual(['Tricky "quotes"']);
    expect(await titles('"quotes"')).toEqual(['Tricky "quotes"']);
    expect(await titles('title:tricky')).toEqual([]);
    expect(await titles('brackets)')).toEqual(['Tricky "quotes"']);
    expect((await lib.call('documents.list', {})).length).toBe(1);
  });

  it('answers an empty query with no results', async () => {
    await create('Anything', 'text');
    expect(await titles('')).toEqual([]);
    expect(await titles('   ')).toEqual([]);
    expect(await titles('…!?')).toEqual([]);
  });
});

describe('search query building', () => {
  it('quotes every word and expands spellings', () => {
    expect(buildMatchQuery('colour wheel')).toBe('("colour" OR "color") AND "wheel"*');
    expect(buildMatchQuery('colour wheel ')).toBe('("colour" OR "color") AND "wheel"');
    expect(buildMatchQuery('say "hi"')).toBe('"say" AND """hi"""*');
    // A one-letter last word is matched whole: a one-letter prefix would match much of the vocabulary.
    expect(buildMatchQuery('year 7 a')).toBe('"year" AND "7" AND "a"');
    // Stems the typed word may be heading for are added when the index holds them.
    const indexed = new Set(['organ', 'organis', 'when', 'where']);
    expect(buildMatchQuery('organisati', (t) => indexed.has(t))).toBe('("organisati"* OR "organizati"* OR "organ"* OR "organis"*)');
    expect(buildMatchQuery('wheel', (t) => indexed.has(t))).toBe('"wheel"*');
  });

  it('knows the common British and American pairs', () => {
    const pairs: Array<[string, string]> = [
      ['colour', 'color'],
      ['colourful', 'colorful'],
      ['organise', 'organize'],
      ['organisation', 'organization'],
      ['centre', 'center'],
      ['analyse', 'analyze'],
      ['behaviour', 'behavior'],
      ['programme', 'program'],
      ['practise', 'practice'],
      ['licence', 'license'],
      ['travelled', 'traveled'],
      ['modelling', 'modeling'],
      ['grey', 'gray'],
    ];
    for (const [british, american] of pairs) {
      expect(spellingVariants(british), british).toContain(american);
      expect(spellingVariants(american), american).toContain(british);
    }
    // Words that are -ise on both sides stay as they are.
    expect(spellingVariants('exercise')).toEqual(['exercise']);
    expect(spellingVariants('size')).toEqual(['size']);
    expect(spellingVariants('program', true)).toContain('programme');
    expect(spellingVariants('behaviou', true)).toContain('behavior');
  });
});
