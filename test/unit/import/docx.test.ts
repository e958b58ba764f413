import { getSchema } from '@tiptap/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TipTapDoc, TipTapNode } from '../../../electron/contract';
import { lessonExtensions } from '../../../renderer/src/features/editor/extensions';
import { openTestLibrary, type TestLibrary } from '../library/fixture';
import { appendBodyXml, editDocx, lessonDocx, nodesOf, textOf } from './fixtures';

let lib: TestLibrary;
beforeEach(() => {
  lib = openTestLibrary();
});
afterEach(() => lib.dispose());

async function importBytes(name: string, bytes: Buffer) {
  const [result] = await lib.core.importer.importFiles([{ name, bytes }]);
  return result!;
}

const marksOf = (doc: TipTapNode, text: string) => {
  const found: TipTapNode[] = [];
  const walk = (n: TipTapNode) => {
    if (n.type === 'text' && n.text?.includes(text)) found.push(n);
    n.content?.forEach(walk);
  };
  walk(doc);
  return found[0]?.marks?.map((m) => m.type).sort() ?? [];
};

/** Leaves out what the editor's schema does not have yet (the image node belongs to the images work). */
const withoutImages = (node: TipTapNode): TipTapNode => ({ ...node, ...(node.content ? { content: node.content.filter((c) => c.type !== 'image').map(withoutImages) } : {}) });

describe('DOCX import (mammoth → sanitised HTML → the editor schema)', () => {
  it('keeps headings, nested lists, a numbered list, a table, a link and bold/italic/underline', async () => {
    const result = await importBytes('Photosynthesis.docx', await lessonDocx());
    expect(result).toMatchObject({ status: 'imported', format: 'docx', title: 'Photosynthesis', imagesImported: 1 });
    const doc = lib.core.documents.get(result.documentId!).content as TipTapDoc;

    expect(nodesOf(doc, 'heading').map((h) => [h.attrs?.level, textOf(h)])).toEqual([
      [1, 'Photosynthesis'],
      [2, 'Objectives'],
    ]);
    const [bullets] = nodesOf(doc, 'bulletList');
    expect(bullets!.content).toHaveLength(2);
    expect(textOf(nodesOf(bullets!.content![0]!, 'bulletList')[0]!)).toBe('Carbon dioxide');
    expect(nodesOf(doc, 'orderedList')[0]!.content!.map(textOf)).toEqual(['First step', 'Second step']);
    expect(nodesOf(doc, 'tableRow').map((r) => r.content!.map(textOf))).toEqual([
      ['Reactant', 'Product'],
      ['Water', 'Oxygen'],
    ]);
    expect(marksOf(doc, 'glucose')).toEqual(['bold', 'imported']);
    expect(marksOf(doc, 'light')).toEqual(['imported', 'italic']);
    expect(marksOf(doc, 'water')).toEqual(['imported', 'underline']);
    const link = nodesOf(doc, 'text').find((t) => t.text === 'the plant guide')!;
    expect(link.marks!.find((m) => m.type === 'link')!.attrs!.href).toBe('https://example.org/plants');
  });

  it('brings the image in through the image store with its alt text', async () => {
    const result = await importBytes('leaf.docx', await lessonDocx({ images: 2 }));
    const doc = lib.core.documents.get(result.documentId!).content as TipTapDoc;
    const images = nodesOf(doc, 'image');
    expect(images).toHaveLength(2);
    expect(images[0]!.attrs).toMatchObject({ alt: 'Leaf diagram 1', decorative: false });
    expect(lib.core.assets.info(images[0]!.attrs!.assetId as string)).toMatchObject({ mime: 'image/png', width: 8 });
  });

  it('marks every imported character with its file and time, for the authorship panel', async () => {
    const result = await importBytes('Photosynthesis.docx', await lessonDocx({ images: 0 }));
    const doc = lib.core.documents.get(result.documentId!).content as TipTapDoc;
    const texts = nodesOf(doc, 'text');
    expect(texts.length).toBeGreaterThan(10);
    const importedAt = texts[0]!.marks!.find((m) => m.type === 'imported')!.attrs!.importedAt as string;
    expect(importedAt).toMatch(/^2026-09-01T09:00:00\.\d{3}Z$/);
    for (const t of texts) expect(t.marks).toContainEqual({ type: 'imported', attrs: { source: 'Photosynthesis.docx', importedAt } });
  });

  it('produces a document the editor itself accepts', async () => {
    const result = await importBytes('Photosynthesis.docx', await lessonDocx());
    const doc = lib.core.documents.get(result.documentId!).content as TipTapDoc;
    const schema = getSchema(lessonExtensions());
    expect(() => schema.nodeFromJSON(withoutImages(doc as TipTapNode)).check()).not.toThrow();
  });

  it('lists comments and tracked changes instead of dropping them silently', async () => {
    const result = await importBytes('reviewed.docx', await lessonDocx({ images: 0 }));
    expect(result.notImported).toEqual(
      expect.arrayContaining([
        { kind: 'comment', count: 1 },
        { kind: 'trackedChange', count: 2, detail: '1 insertions and 1 deletions, brought in as if accepted' },
      ]),
    );
    const doc = lib.core.documents.get(result.documentId!).content as TipTapDoc;
    expect(textOf(doc)).toContain('Leaves are green.');
  });

  it('lists text boxes, charts, SmartArt, embedded objects and equations read from the XML', async () => {
    const docx = await editDocx(await lessonDocx({ images: 0 }), async (zip) => {
      await appendBodyXml(
        zip,
        '<w:p><w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>' +
          '<w:p><w:r><w:drawing><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdX"/></w:drawing></w:r></w:p>' +
          '<w:p><w:r><w:drawing><dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></w:drawing></w:r></w:p>' +
          '<w:p><w:r><w:object/></w:r></w:p>' +
          '<w:p><m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>x=1</m:t></m:r></m:oMath></w:p>',
      );
      zip.file('word/charts/chart1.xml', '<c:chartSpace/>');
      zip.file('word/embeddings/oleObject1.bin', 'OLE');
    });
    const result = await importBytes('rich.docx', docx);
    expect(result.status).toBe('imported');
    const kinds = Object.fromEntries(result.notImported.map((n) => [n.kind, n.count]));
    expect(kinds).toMatchObject({ textBox: 1, chart: 1, smartArt: 1, embeddedObject: 1, equation: 1 });
  });

  it('imports several files at once into a folder, each reported on its own', async () => {
    const results = await lib.core.importer.importFiles(
      [
        { name: 'one.docx', bytes: await lessonDocx({ images: 0 }) },
        { name: 'notes.md', bytes: Buffer.from('# Notes\n\n- a\n- b\n') },
        { name: 'broken.docx', bytes: Buffer.from('not a word file') },
      ],
      { folder: 'Year 7/Imported' },
    );
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'failed']);
    expect(lib.core.documents.get(results[1]!.documentId!)).toMatchObject({ title: 'Notes', folder: 'Year 7/Imported' });
  });
});
