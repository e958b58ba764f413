import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeMarkdown } from '../../../renderer/src/features/import/looksLikeMarkdown';
import { cleanOfficeHtml } from '../../../renderer/src/features/import/pasteFromWord';

const window = new Window();
beforeAll(() => {
  (globalThis as { DOMParser?: unknown }).DOMParser = window.DOMParser;
});
afterAll(async () => {
  delete (globalThis as { DOMParser?: unknown }).DOMParser;
  await window.happyDOM.close();
});

describe('pasted Markdown is recognised, prose is not', () => {
  it.each([
    ['# Week 1\nStarter activity', true],
    ['- apples\n- pears', true],
    ['Some **bold** and a [link](https://example.org)', true],
    ['| a | b |\n| --- | --- |\n| 1 | 2 |', true],
    ['Bring a pen - and paper.', false],
    ['Dear parents, the trip is on Friday.', false],
    ['5 * 3 = 15', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeMarkdown(text)).toBe(expected);
  });
});

describe('Word clipboard HTML', () => {
  it('turns MsoListParagraph runs into nested lists and drops conditional comments and <o:p>', () => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><!--[endif]-->Solids<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-list:l0 level2 lfo1'><!--[if !supportLists]--><span>o<span>&nbsp;</span></span><!--[endif]-->Ice<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span>·</span><!--[endif]-->Liquids<o:p></o:p></p>
<p class=MsoNormal><b>Key word:</b> <span style='mso-bidi-font-weight:bold'>state</span><o:p></o:p></p><!--EndFragment--></body></html>`;
    const out = cleanOfficeHtml(html);
    expect(out).not.toMatch(/o:p|supportLists|·/);
    const doc = new window.DOMParser().parseFromString(out, 'text/html');
    const top = doc.querySelector('ul')!;
    expect(Array.from(top.children).map((li) => li.querySelector('p')!.textContent)).toEqual(['Solids', 'Liquids']);
    expect(top.querySelector('li ul li')!.textContent).toBe('Ice');
    expect(doc.querySelector('b')!.textContent).toBe('Key word:');
  });

  it('leaves Google Docs HTML (already structural) as it is', () => {
    const html = '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><ul><li><p>One</p></li></ul></b>';
    expect(cleanOfficeHtml(html)).toBe(html);
  });
});
