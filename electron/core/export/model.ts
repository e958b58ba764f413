import type { TipTapDoc, TipTapMark, TipTapNode } from '../../contract';
import { QUIZ_NODE, quizQuestionParts } from '../../contract/quizQuestion';

/**
 * One reading of a TipTap document that every exporter shares, so that DOCX, PDF, PPTX and the
 * text formats agree on what a lesson says. Unknown node types keep their text as a paragraph:
 * an export may look plainer than the editor, never lose words.
 */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  href?: string;
  /** The interaction that wrote this text (`aiOrigin`), when the teacher kept it as the AI wrote it. */
  ai?: string;
  /** A hard line break (text is empty). */
  lineBreak?: boolean;
}

export interface ListItem {
  /** Task lists only. */
  checked?: boolean;
  blocks: Block[];
}

export interface TableCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  blocks: Block[];
}

export interface QuizBlock {
  kind: 'quiz';
  /** 1-based, counting consecutive questions; a heading or other block starts again at 1. */
  number: number;
  prompt: Run[];
  answers: Array<{ runs: Run[]; correct: boolean }>;
  feedback: Run[];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; style: 'bullet' | 'ordered' | 'task'; start: number; items: ListItem[] }
  | { kind: 'table'; rows: TableCell[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string; language: string | null }
  | { kind: 'rule' }
  | { kind: 'image'; src: string; alt: string }
  | QuizBlock;

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

export function runsOf(nodes: readonly TipTapNode[] | undefined): Run[] {
  const runs: Run[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'text') {
      if (node.text) runs.push(runFromMarks(node.text, node.marks ?? []));
    } else if (node.type === 'hardBreak') {
      runs.push({ text: '', lineBreak: true });
    } else {
      // An inline node the exporters do not know: keep its text.
      runs.push(...runsOf(node.content));
    }
  }
  return runs;
}

function runFromMarks(text: string, marks: readonly TipTapMark[]): Run {
  const run: Run = { text };
  for (const mark of marks) {
    switch (mark.type) {
      case 'bold':
        run.bold = true;
        break;
      case 'italic':
        run.italic = true;
        break;
      case 'underline':
        run.underline = true;
        break;
      case 'strike':
        run.strike = true;
        break;
      case 'code':
        run.code = true;
        break;
      case 'link': {
        const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : '';
        if (SAFE_HREF.test(href)) run.href = href;
        break;
      }
      case 'aiOrigin':
        if (typeof mark.attrs?.interactionId === 'string') run.ai = mark.attrs.interactionId;
        break;
    }
  }
  return run;
}

function numberAttr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

function blocksOf(nodes: readonly TipTapNode[] | undefined): Block[] {
  const out: Block[] = [];
  let quizNumber = 0;
  for (const node of nodes ?? []) {
    const block = blockOf(node);
    if (!block) continue;
    if (block.kind === 'quiz') block.number = ++quizNumber;
    else quizNumber = 0;
    out.push(block);
  }
  return out;
}

function blockOf(node: TipTapNode): Block | undefined {
  switch (node.type) {
    case 'paragraph':
      return { kind: 'paragraph', runs: runsOf(node.content) };
    case 'heading': {
      const level = numberAttr(node.attrs?.level, 1);
      return { kind: 'heading', level: (level > 3 ? 3 : level) as 1 | 2 | 3, runs: runsOf(node.content) };
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      return {
        kind: 'list',
        style: node.type === 'bulletList' ? 'bullet' : node.type === 'orderedList' ? 'ordered' : 'task',
        start: numberAttr(node.attrs?.start, 1),
        items: (node.content ?? []).map((item) => ({
          ...(node.type === 'taskList' ? { checked: item.attrs?.checked === true } : {}),
          blocks: blocksOf(item.content),
        })),
      };
    case 'table':
      return {
        kind: 'table',
        rows: (node.content ?? []).map((row) =>
          (row.content ?? []).map((cell) => ({
            header: cell.type === 'tableHeader',
            colspan: numberAttr(cell.attrs?.colspan, 1),
            rowspan: numberAttr(cell.attrs?.rowspan, 1),
            blocks: blocksOf(cell.content),
          })),
        ),
      };
    case 'blockquote':
      return { kind: 'quote', blocks: blocksOf(node.content) };
    case 'codeBlock':
      return {
        kind: 'code',
        text: (node.content ?? []).map((t) => t.text ?? '').join(''),
        language: typeof node.attrs?.language === 'string' ? node.attrs.language : null,
      };
    case 'horizontalRule':
      return { kind: 'rule' };
    case 'image':
      return {
        kind: 'image',
        src: typeof node.attrs?.src === 'string' ? node.attrs.src : '',
        alt: typeof node.attrs?.alt === 'string' ? node.attrs.alt : '',
      };
    case QUIZ_NODE.question: {
      const parts = quizQuestionParts(node);
      return {
        kind: 'quiz',
        number: 1,
        prompt: runsOf(parts.prompt),
        answers: parts.answers.map((a) => ({ runs: runsOf(a.content), correct: a.correct })),
        feedback: runsOf(parts.feedback),
      };
    }
    default: {
      const runs = runsOf(collectInline(node));
      return runs.length > 0 ? { kind: 'paragraph', runs } : undefined;
    }
  }
}

/** Every text and hard break under a node, in order, for node types nobody knows yet. */
function collectInline(node: TipTapNode): TipTapNode[] {
  if (node.type === 'text' || node.type === 'hardBreak') return [node];
  return (node.content ?? []).flatMap(collectInline);
}

export function readDocument(doc: TipTapDoc): Block[] {
  return blocksOf(doc.content);
}

export const runsText = (runs: readonly Run[]): string => runs.map((r) => (r.lineBreak ? '\n' : r.text)).join('');

/** Plain text of blocks, one block a line: what the provenance hash covers and verify-export reads back. */
export function blocksText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  const walk = (list: readonly Block[]) => {
    for (const b of list) {
      switch (b.kind) {
        case 'heading':
        case 'paragraph':
          lines.push(runsText(b.runs));
          break;
        case 'list':
          for (const item of b.items) walk(item.blocks);
          break;
        case 'table':
          for (const row of b.rows) for (const cell of row) walk(cell.blocks);
          break;
        case 'quote':
          walk(b.blocks);
          break;
        case 'code':
          lines.push(b.text);
          break;
        case 'image':
          lines.push(b.alt);
          break;
        case 'quiz':
          lines.push(runsText(b.prompt));
          for (const a of b.answers) lines.push(runsText(a.runs));
          if (b.feedback.length > 0) lines.push(runsText(b.feedback));
          break;
        case 'rule':
          break;
      }
    }
  };
  walk(blocks);
  return lines.join('\n');
}

/** Every block, depth first, with nested list, table and quote content. */
export function* allBlocks(blocks: readonly Block[]): Generator<Block> {
  for (const b of blocks) {
    yield b;
    if (b.kind === 'list') for (const item of b.items) yield* allBlocks(item.blocks);
    else if (b.kind === 'table') for (const row of b.rows) for (const cell of row) yield* allBlocks(cell.blocks);
    else if (b.kind === 'quote') yield* allBlocks(b.blocks);
  }
}

export function blockRuns(b: Block): Run[] {
  if (b.kind === 'heading' || b.kind === 'paragraph') return b.runs;
  if (b.kind === 'quiz') return [...b.prompt, ...b.answers.flatMap((a) => a.runs), ...b.feedback];
  return [];
}

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const answerLetter = (i: number): string => LETTERS[i] ?? String(i + 1);
