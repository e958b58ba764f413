import JSZip from 'jszip';
import sharp from 'sharp';
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  CommentRangeStart,
  CommentRangeEnd,
  CommentReference,
} from 'docx';
import type { TipTapNode } from '../../../electron/contract';

/** A small PNG of one colour, different for each seed (so images are not deduplicated). */
export async function png(seed = 0, size = 8): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: { r: seed % 256, g: (seed * 7) % 256, b: 200 } } })
    .png()
    .toBuffer();
}

/**
 * A Word document built with the `docx` library: headings, a nested bullet list, a numbered list,
 * a table, a link, bold/italic/underline, an image with alt text, a comment and tracked changes.
 */
export async function lessonDocx(options: { images?: number; pages?: number } = {}): Promise<Buffer> {
  const body: Array<Paragraph | Table> = [
    new Paragraph({ text: 'Photosynthesis', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({
      children: [
        new TextRun('Plants make '),
        new TextRun({ text: 'glucose', bold: true }),
        new TextRun(' from '),
        new TextRun({ text: 'light', italics: true }),
        new TextRun(' and '),
        new TextRun({ text: 'water', underline: {} }),
        new TextRun('. See '),
        new ExternalHyperlink({ link: 'https://example.org/plants', children: [new TextRun({ text: 'the plant guide', style: 'Hyperlink' })] }),
        new TextRun('.'),
      ],
    }),
    new Paragraph({ text: 'Objectives', heading: HeadingLevel.HEADING_2 }),
    new Paragraph({ text: 'Name the reactants', numbering: { reference: 'bullets', level: 0 } }),
    new Paragraph({ text: 'Carbon dioxide', numbering: { reference: 'bullets', level: 1 } }),
    new Paragraph({ text: 'Write the equation', numbering: { reference: 'bullets', level: 0 } }),
    new Paragraph({ text: 'First step', numbering: { reference: 'numbers', level: 0 } }),
    new Paragraph({ text: 'Second step', numbering: { reference: 'numbers', level: 0 } }),
    new Table({
      rows: [
        new TableRow({ children: [new TableCell({ children: [new Paragraph('Reactant')] }), new TableCell({ children: [new Paragraph('Product')] })] }),
        new TableRow({ children: [new TableCell({ children: [new Paragraph('Water')] }), new TableCell({ children: [new Paragraph('Oxygen')] })] }),
      ],
    }),
    new Paragraph({
      children: [
        new CommentRangeStart(0),
        new TextRun('Reviewed by the head of science.'),
        new CommentRangeEnd(0),
        new TextRun({ children: [new CommentReference(0)] }),
      ],
    }),
    new Paragraph({
      children: [
        new TextRun('Leaves are '),
        new InsertedTextRun({ text: 'green', id: 1, author: 'A Teacher', date: '2024-01-01T00:00:00Z' }),
        new DeletedTextRun({ text: 'blue', id: 2, author: 'A Teacher', date: '2024-01-01T00:00:00Z' }),
        new TextRun('.'),
      ],
    }),
  ];
  for (let i = 0; i < (options.images ?? 1); i++) {
    body.push(
      new Paragraph({
        children: [new ImageRun({ type: 'png', data: await png(i + 1), transformation: { width: 40, height: 40 }, altText: { name: `figure ${i + 1}`, description: `Leaf diagram ${i + 1}`, title: `Leaf ${i + 1}` } })],
      }),
    );
  }
  for (let page = 0; page < (options.pages ?? 0); page++) {
    body.push(new Paragraph({ text: `Section ${page + 1}`, heading: HeadingLevel.HEADING_2, pageBreakBefore: true }));
    for (let p = 0; p < 12; p++) {
      body.push(new Paragraph({ children: [new TextRun(`Paragraph ${p + 1} of section ${page + 1}: `), new TextRun({ text: 'chlorophyll absorbs red and blue light, ', bold: true }), new TextRun('reflecting green light that we see; the energy splits water into hydrogen and oxygen.')] }));
    }
    body.push(new Paragraph({ text: `Point ${page + 1}`, numbering: { reference: 'bullets', level: 0 } }));
  }
  const doc = new Document({
    comments: { children: [{ id: 0, author: 'Head of science', date: new Date('2024-01-01T00:00:00Z'), children: [new Paragraph('Looks good')] }] },
    numbering: {
      config: [
        { reference: 'bullets', levels: [0, 1].map((level) => ({ level, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })) },
        { reference: 'numbers', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] },
      ],
    },
    sections: [{ children: body }],
  });
  return Packer.toBuffer(doc);
}

/** Rewrites parts of a DOCX (to add what the `docx` library cannot write: text boxes, charts, macros). */
export async function editDocx(docx: Buffer, edit: (zip: JSZip) => Promise<void> | void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  await edit(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Appends raw WordprocessingML inside the body, before the section properties. */
export async function appendBodyXml(zip: JSZip, xml: string): Promise<void> {
  const doc = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', doc.replace(/<w:sectPr/, `${xml}<w:sectPr`));
}

/** Every node of a type, depth first. */
export function nodesOf(node: TipTapNode, type: string): TipTapNode[] {
  const out: TipTapNode[] = [];
  const walk = (n: TipTapNode) => {
    if (n.type === type) out.push(n);
    n.content?.forEach(walk);
  };
  walk(node);
  return out;
}

export function textOf(node: TipTapNode): string {
  if (node.text) return node.text;
  return (node.content ?? []).map(textOf).join(node.type === 'doc' ? '\n' : '');
}
