import type { BlockContent, DefinitionContent, ListItem as MdListItem, PhrasingContent, Root, TableCell as MdCell, TableRow } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import type { Exporter } from './exporter';
import { documentBlocks } from './documentBlocks';
import { runsText, type Block, type Run } from './model';
import { quizView } from './quizView';
import type { ExportVersion } from '../../contract/services/export';

/**
 * GitHub-flavoured Markdown through mdast (the syntax tree of the unified ecosystem) and its
 * maintained serialiser, which escapes every character Markdown would otherwise read as syntax and
 * writes GFM tables, task lists and strikethrough. Marks with no Markdown form (underline) drop.
 */
export const markdownExporter: Exporter = async (doc, options) => {
  const root: Root = { type: 'root', children: documentBlocks(doc, options).flatMap((b) => mdBlock(b, options.version)) };
  const text = toMarkdown(root, { extensions: [gfmToMarkdown()], bullet: '-', listItemIndent: 'one', rule: '-' });
  return new TextEncoder().encode(text);
};

type Flow = BlockContent | DefinitionContent;

function phrasing(runs: readonly Run[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const run of runs) {
    if (run.lineBreak) {
      out.push({ type: 'break' });
      continue;
    }
    let node: PhrasingContent = run.code ? { type: 'inlineCode', value: run.text } : { type: 'text', value: run.text };
    if (run.strike) node = { type: 'delete', children: [node] };
    if (run.italic) node = { type: 'emphasis', children: [node] };
    if (run.bold) node = { type: 'strong', children: [node] };
    if (run.href) node = { type: 'link', url: run.href, children: [node] };
    out.push(node);
  }
  return out;
}

function mdBlock(b: Block, version: ExportVersion): Flow[] {
  switch (b.kind) {
    case 'heading':
      return [{ type: 'heading', depth: b.level, children: phrasing(b.runs) }];
    case 'paragraph':
      return b.runs.length > 0 ? [{ type: 'paragraph', children: phrasing(b.runs) }] : [];
    case 'list':
      return [
        {
          type: 'list',
          ordered: b.style === 'ordered',
          ...(b.style === 'ordered' ? { start: b.start } : {}),
          spread: false,
          children: b.items.map(
            (item): MdListItem => ({
              type: 'listItem',
              spread: false,
              ...(b.style === 'task' ? { checked: item.checked === true } : {}),
              children: item.blocks.flatMap((c) => mdBlock(c, version)),
            }),
          ),
        },
      ];
    case 'table': {
      // GFM tables have exactly one header row and no merged cells: the first row heads the table.
      const width = Math.max(1, ...b.rows.map((r) => r.reduce((n, c) => n + c.colspan, 0)));
      const rows = b.rows.map(
        (row): TableRow => ({
          type: 'tableRow',
          children: Array.from({ length: width }, (_, i): MdCell => {
            const cell = row[i];
            const text = cell ? cell.blocks.map(cellText).filter(Boolean).join(' / ') : '';
            return { type: 'tableCell', children: text ? [{ type: 'text', value: text }] : [] };
          }),
        }),
      );
      return rows.length > 0 ? [{ type: 'table', children: rows }] : [];
    }
    case 'quote':
      return [{ type: 'blockquote', children: b.blocks.flatMap((c) => mdBlock(c, version)) }];
    case 'code':
      return [{ type: 'code', lang: b.language, value: b.text }];
    case 'rule':
      return [{ type: 'thematicBreak' }];
    case 'image':
      return [{ type: 'paragraph', children: [{ type: 'image', url: b.src.startsWith('data:') ? '' : b.src, alt: b.alt }] }];
    case 'quiz': {
      const view = quizView(b, version);
      const out: Flow[] = [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: view.label }] }, { type: 'text', value: ' ' }, ...phrasing(view.prompt)] }];
      if (view.options.length > 0) {
        out.push({
          type: 'list',
          ordered: false,
          spread: false,
          children: view.options.map((o) => ({
            type: 'listItem',
            spread: false,
            children: [{ type: 'paragraph', children: [{ type: 'text', value: `${o.letter}. ` }, ...phrasing(o.runs), ...(o.correct ? [{ type: 'text', value: ' ✓' } as const] : [])] }],
          })),
        });
      }
      if (view.answer) out.push({ type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: view.answer }] }, ...(view.feedback.length > 0 ? [{ type: 'text', value: ' — ' } as const, ...phrasing(view.feedback)] : [])] });
      return out;
    }
  }
}

function cellText(b: Block): string {
  if (b.kind === 'heading' || b.kind === 'paragraph') return runsText(b.runs).replace(/\n/g, ' ');
  if (b.kind === 'list') return b.items.map((i) => i.blocks.map(cellText).join(' ')).join('; ');
  if (b.kind === 'quote') return b.blocks.map(cellText).join(' ');
  if (b.kind === 'code') return b.text.replace(/\n/g, ' ');
  return '';
}

