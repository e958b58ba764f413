import MarkdownIt from 'markdown-it';

type Md = InstanceType<typeof MarkdownIt>;
type Token = ReturnType<Md['parse']>[number];
import type { TipTapDoc } from '../../contract';
import { htmlToDoc } from './htmlToDoc';
import type { ImportContext } from './importContext';

const TASK = /^\[([ xX])\]\s+/;

/**
 * GFM task lists (`- [ ] item`), which markdown-it leaves as text: the list and its items get the
 * attributes the editor's TaskList/TaskItem parse, and the `[ ]` marker goes.
 */
const taskLists = (md: Md): void => {
  md.core.ruler.after('inline', 'lectern-task-lists', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const item = tokens[i]!;
      if (item.type !== 'list_item_open') continue;
      const inline = tokens[i + 2];
      if (tokens[i + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline') continue;
      const match = TASK.exec(inline.content);
      if (!match) continue;
      const first = inline.children?.[0];
      if (first?.type === 'text') first.content = first.content.replace(TASK, '');
      item.attrSet('data-type', 'taskItem');
      item.attrSet('data-checked', String(match[1] !== ' '));
      const list = findListOpen(tokens, i, item.level);
      list?.attrSet('data-type', 'taskList');
    }
  });
};

function findListOpen(tokens: Token[], from: number, itemLevel: number): Token | undefined {
  for (let j = from - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.level === itemLevel - 1 && t.type === 'bullet_list_open') return t;
    if (t.level < itemLevel - 1) return undefined;
  }
  return undefined;
}

/** Raw HTML inside Markdown is shown as text, never interpreted: teachers' Markdown rarely has any. */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).use(taskLists);

/** Markdown (CommonMark + GFM tables, strikethrough and task lists) → TipTap JSON. */
export function markdownToHtml(markdown: string): string {
  return md.render(markdown);
}

export async function markdownToDoc(markdown: string, ctx: ImportContext): Promise<{ doc: TipTapDoc; title: string | undefined }> {
  return htmlToDoc(markdownToHtml(markdown), ctx);
}
