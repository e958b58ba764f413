import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx';
import { enGB } from '../../contract/i18n/en-GB';
import type { Exporter, ExportOptions } from './exporter';
import { documentBlocks } from './documentBlocks';
import { runsText, type Block, type Run } from './model';
import { quizView } from './quizView';
import { headerLine } from './headerLine';
import { decodeImage, fit } from './imageSize';
import { embedManifest } from './provenanceManifest';

/**
 * Word documents through the `docx` library: real styles (Title, Heading 1–3, List Bullet, List
 * Number, Quote), numbering definitions with nine nesting levels, tables with a repeated header row
 * and borders, hyperlinks, page numbers, a running header and the core properties. The provenance
 * part is added afterwards (provenanceManifest.embedManifest).
 */
export const docxExporter: Exporter = async (doc, options) => {
  const ctx = new DocxContext(options);
  const blocks = documentBlocks(doc, options);
  const children: Array<Paragraph | Table> = [];
  if (doc.title) children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }));
  for (const b of blocks) children.push(...ctx.block(b, 0));
  if (children.length === 0) children.push(new Paragraph({}));

  const document = new Document({
    title: doc.title || enGB.exportFile.untitled,
    ...(doc.subject ? { subject: doc.subject } : {}),
    keywords: [doc.subject, doc.keyStage, doc.yearGroup, ...doc.tags].filter(Boolean).join(', '),
    description: headerLine(doc, options.version),
    creator: options.author ?? 'Lectern',
    lastModifiedBy: options.author ?? 'Lectern',
    styles: STYLES,
    numbering: { config: ctx.numberingConfig() },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 },
          },
        },
        headers: { default: new Header({ children: [new Paragraph({ style: 'Header', children: [new TextRun(headerLine(doc, options.version))] })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                style: 'Footer',
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [`${enGB.exportFile.page} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(document));
  return options.manifest ? embedManifest(bytes, 'docx', options.manifest) : bytes;
};

const FONT = 'Calibri';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '555555' };

const STYLES = {
  default: { document: { run: { font: FONT, size: 22 } } },
  paragraphStyles: [
    { id: 'ListBullet', name: 'List Bullet', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: 60 } } },
    { id: 'ListNumber', name: 'List Number', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: 60 } } },
    { id: 'Quote', name: 'Quote', basedOn: 'Normal', quickFormat: true, run: { italics: true, color: '404040' }, paragraph: { indent: { left: 720 } } },
    { id: 'QuizQuestion', name: 'Quiz Question', basedOn: 'Normal', quickFormat: true, run: { bold: true }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
    { id: 'QuizOption', name: 'Quiz Option', basedOn: 'Normal', paragraph: { indent: { left: 567 }, spacing: { after: 40 }, keepNext: true } },
    { id: 'SourceCode', name: 'Source Code', basedOn: 'Normal', run: { font: 'Consolas', size: 19 }, paragraph: { spacing: { after: 0 } } },
  ],
};

function levels(format: 'bullet' | 'decimal'): ILevelsOptions[] {
  const bullets = ['•', '◦', '▪'];
  const decimal = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === 'bullet' ? LevelFormat.BULLET : decimal[level % 3]!,
    text: format === 'bullet' ? bullets[level % 3]! : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 283 } } },
  }));
}

class DocxContext {
  /** Each ordered list restarts its numbering: one numbering reference per list (and start number). */
  private readonly ordered: Array<{ reference: string; start: number }> = [];

  constructor(private readonly options: Pick<ExportOptions, 'version'>) {}

  numberingConfig() {
    return [
      { reference: 'bullets', levels: levels('bullet') },
      ...this.ordered.map((o) => ({ reference: o.reference, levels: levels('decimal').map((l, i) => (i === 0 ? { ...l, start: o.start } : l)) })),
    ];
  }

  runs(runs: readonly Run[], extra: { bold?: boolean } = {}): ParagraphChild[] {
    return runs.map((r) => {
      if (r.lineBreak) return new TextRun({ break: 1 });
      const run = new TextRun({
        text: r.text,
        bold: r.bold || extra.bold,
        italics: r.italic,
        underline: r.underline || r.href ? {} : undefined,
        strike: r.strike,
        ...(r.code ? { font: 'Consolas' } : {}),
        ...(r.href ? { style: 'Hyperlink' } : {}),
      });
      return r.href ? new ExternalHyperlink({ link: r.href, children: [run] }) : run;
    });
  }

  block(b: Block, depth: number): Array<Paragraph | Table> {
    switch (b.kind) {
      case 'heading': {
        const heading = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][b.level - 1];
        return [new Paragraph({ heading, children: this.runs(b.runs) })];
      }
      case 'paragraph':
        return [new Paragraph({ children: this.runs(b.runs) })];
      case 'list':
        return this.list(b, depth);
      case 'table':
        return [this.table(b)];
      case 'quote':
        return b.blocks.flatMap((c) =>
          c.kind === 'paragraph' ? [new Paragraph({ style: 'Quote', children: this.runs(c.runs) })] : this.block(c, depth),
        );
      case 'code':
        return b.text.split('\n').map((line) => new Paragraph({ style: 'SourceCode', children: [new TextRun(line)] }));
      case 'rule':
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '888888', space: 1 } }, children: [] })];
      case 'image': {
        const info = decodeImage(b.src);
        if (!info) return [new Paragraph({ children: [new TextRun({ text: `[${b.alt || enGB.exportFile.image}]`, italics: true })] })];
        return [
          new Paragraph({
            children: [
              new ImageRun({ type: info.type, data: info.data, transformation: fit(info, 600, 800), altText: { name: b.alt || enGB.exportFile.image, description: b.alt, title: b.alt } }),
            ],
          }),
        ];
      }
      case 'quiz': {
        const v = quizView(b, this.options.version);
        const out: Paragraph[] = [new Paragraph({ style: 'QuizQuestion', children: [new TextRun(`${v.label} `), ...this.runs(v.prompt, { bold: true })] })];
        for (const o of v.options) {
          out.push(
            new Paragraph({
              style: 'QuizOption',
              children: [new TextRun({ text: `${o.letter}. `, bold: true }), ...this.runs(o.runs, { bold: o.correct }), ...(o.correct ? [new TextRun({ text: ' ✓', bold: true })] : [])],
            }),
          );
        }
        if (v.answer) {
          out.push(
            new Paragraph({
              style: 'QuizOption',
              children: [new TextRun({ text: v.answer, italics: true }), ...(v.feedback.length ? [new TextRun(' — '), ...this.runs(v.feedback)] : [])],
            }),
          );
        }
        return out;
      }
    }
  }

  private list(b: Extract<Block, { kind: 'list' }>, depth: number): Array<Paragraph | Table> {
    const level = Math.min(depth, 8);
    let reference = 'bullets';
    if (b.style === 'ordered') {
      reference = `ordered-${this.ordered.length + 1}`;
      this.ordered.push({ reference, start: b.start });
    }
    const out: Array<Paragraph | Table> = [];
    for (const item of b.items) {
      let first = true;
      for (const child of item.blocks) {
        if (child.kind === 'list') {
          out.push(...this.list(child, depth + 1));
          continue;
        }
        if (first && (child.kind === 'paragraph' || child.kind === 'heading')) {
          first = false;
          if (b.style === 'task') {
            out.push(new Paragraph({ style: 'ListBullet', indent: { left: 567 * (level + 1), hanging: 340 }, children: [new TextRun(item.checked ? '☑ ' : '☐ '), ...this.runs(child.runs)] }));
          } else {
            out.push(new Paragraph({ style: b.style === 'ordered' ? 'ListNumber' : 'ListBullet', numbering: { reference, level }, children: this.runs(child.runs) }));
          }
          continue;
        }
        first = false;
        // Later paragraphs of an item line up with its text, without a bullet of their own.
        const rendered = this.block(child, depth + 1);
        for (const r of rendered) out.push(r instanceof Paragraph && child.kind === 'paragraph' ? new Paragraph({ indent: { left: 567 * (level + 1) }, children: this.runs(child.runs) }) : r);
      }
    }
    return out;
  }

  private table(b: Extract<Block, { kind: 'table' }>): Table {
    const rows = b.rows.map((row, i) => {
      const header = i === 0 && row.length > 0 && row.every((c) => c.header);
      return new TableRow({
        tableHeader: header,
        cantSplit: true,
        children: row.map(
          (cell) =>
            new TableCell({
              columnSpan: cell.colspan,
              rowSpan: cell.rowspan,
              ...(cell.header ? { shading: { fill: 'E8E8E8' } } : {}),
              children: cell.blocks.length > 0 ? cell.blocks.flatMap((c) => this.cellBlock(c, cell.header)) : [new Paragraph({})],
            }),
        ),
      });
    });
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
      rows: rows.length > 0 ? rows : [new TableRow({ children: [new TableCell({ children: [new Paragraph({})] })] })],
    });
  }

  private cellBlock(c: Block, header: boolean): Array<Paragraph | Table> {
    if (c.kind === 'paragraph') return [new Paragraph({ children: this.runs(c.runs, { bold: header }) })];
    const out = this.block(c, 0);
    return out.length > 0 ? out : [new Paragraph({ children: [new TextRun(runsText([]))] })];
  }
}
