import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TipTapDoc, TipTapNode } from '../../../electron/contract';
import { openTestLibrary, type TestLibrary } from '../library/fixture';
import { nodesOf, png, textOf } from './fixtures';

let lib: TestLibrary;
beforeEach(() => {
  lib = openTestLibrary();
});
afterEach(() => lib.dispose());

async function importDoc(name: string, text: string | Buffer) {
  const [result] = await lib.core.importer.importFiles([{ name, bytes: Buffer.from(text) }]);
  expect(result!.status, result!.message).toBe('imported');
  return { result: result!, doc: lib.core.documents.get(result!.documentId!).content as TipTapDoc };
}

const markTypes = (doc: TipTapNode, text: string) => nodesOf(doc, 'text').find((t) => t.text === text)?.marks?.map((m) => m.type).filter((t) => t !== 'imported').sort();

describe('Markdown (markdown-it, GFM)', () => {
  it('keeps headings, nested lists, GFM tables, task lists, links and emphasis', async () => {
    const md = ['# Forces', '', 'Push **hard** and *gently*, ~~never~~ [see](https://example.org).', '', '- one', '  - nested', '- two', '', '1. first', '2. second', '', '| Force | Unit |', '| --- | --- |', '| Weight | N |', '', '- [x] Starter done', '- [ ] Plenary', ''].join('\n');
    const { result, doc } = await importDoc('forces.md', md);
    expect(result).toMatchObject({ format: 'markdown', title: 'Forces' });
    expect(markTypes(doc, 'hard')).toEqual(['bold']);
    expect(markTypes(doc, 'gently')).toEqual(['italic']);
    expect(markTypes(doc, 'never')).toEqual(['strike']);
    expect(markTypes(doc, 'see')).toEqual(['link']);
    expect(textOf(nodesOf(nodesOf(doc, 'bulletList')[0]!, 'bulletList')[1]!)).toBe('nested');
    expect(nodesOf(doc, 'orderedList')[0]!.content).toHaveLength(2);
    expect(nodesOf(doc, 'tableRow').map((r) => r.content!.map(textOf))).toEqual([
      ['Force', 'Unit'],
      ['Weight', 'N'],
    ]);
    expect(nodesOf(doc, 'tableHeader')).toHaveLength(2);
    expect(nodesOf(doc, 'taskItem').map((t) => [t.attrs?.checked, textOf(t)])).toEqual([
      [true, 'Starter done'],
      [false, 'Plenary'],
    ]);
  });

  it('shows raw HTML in Markdown as text, never as markup', async () => {
    const { doc } = await importDoc('x.md', 'Hello <script>alert(1)</script> <b>there</b>');
    expect(textOf(doc)).toContain('<script>alert(1)</script>');
    expect(markTypes(doc, 'there')).toBeUndefined();
  });
});

describe('HTML', () => {
  it('keeps structure, stores data: images with their alt text, and lists web images it will not fetch', async () => {
    const data = (await png(3)).toString('base64');
    const html = `<!doctype html><html><body><h2>Rocks</h2><p><strong>Igneous</strong> <em>rocks</em> <u>cool</u>.</p><img src="data:image/png;base64,${data}" alt="A basalt column"><img src="https://example.org/r.png" alt="remote"><ul><li>granite<ul><li>pink</li></ul></li></ul></body></html>`;
    const { result, doc } = await importDoc('rocks.html', html);
    expect(result).toMatchObject({ format: 'html', title: 'Rocks', imagesImported: 1 });
    expect(result.notImported).toContainEqual({ kind: 'remoteImage', count: 1, detail: 'https://example.org/r.png' });
    expect(nodesOf(doc, 'image')[0]!.attrs).toMatchObject({ alt: 'A basalt column', decorative: false });
    expect(markTypes(doc, 'cool')).toEqual(['underline']);
    expect(textOf(nodesOf(nodesOf(doc, 'bulletList')[0]!, 'bulletList')[1]!)).toBe('pink');
  });

  it('turns Word’s saved-as-HTML list paragraphs into real nested lists', async () => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Apples<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span>&nbsp; </span></span></span><![endif]>Bramley<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·</span><![endif]>Pears<o:p></o:p></p>
<p class=MsoNormal>After</p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span>Count</p>
</body></html>`;
    const { doc } = await importDoc('fruit.htm', html);
    const [bullets] = nodesOf(doc, 'bulletList');
    expect(bullets!.content!.map((li) => textOf(li.content![0]!))).toEqual(['Apples', 'Pears']);
    expect(textOf(nodesOf(bullets!, 'bulletList')[1]!)).toBe('Bramley');
    expect(textOf(nodesOf(doc, 'orderedList')[0]!)).toBe('Count');
    expect(textOf(doc)).not.toMatch(/·|Bramley.*o\b/);
  });
});

describe('plain text', () => {
  it('makes paragraphs at blank lines and keeps single line breaks; Windows-1252 and UTF-16 read right', async () => {
    const { doc, result } = await importDoc('notes.txt', 'Title line\nsecond line\n\n\nNext paragraph');
    expect(result.title).toBe('Title line');
    expect(nodesOf(doc, 'paragraph')).toHaveLength(2);
    expect(nodesOf(doc, 'hardBreak')).toHaveLength(1);
    const cp1252 = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x80, 0x35]);
    expect(textOf((await importDoc('menu.txt', cp1252)).doc)).toBe('Café – €5');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello — world', 'utf16le')]);
    expect(textOf((await importDoc('u16.txt', utf16)).doc)).toBe('Hello — world');
  });
});
