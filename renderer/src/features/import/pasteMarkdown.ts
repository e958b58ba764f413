import { Extension } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import { DOMParser as PMDOMParser } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import MarkdownIt from 'markdown-it';
import { looksLikeMarkdown } from './looksLikeMarkdown';

/** Raw HTML in pasted Markdown stays text: the clipboard is not trusted. */
const md = new MarkdownIt({ html: false, linkify: true });

/** True when the clipboard's HTML is only a wrapper around its plain text (a code editor's colours). */
function htmlIsOnlyText(html: string): boolean {
  return !/<(h[1-6]|ul|ol|li|table|strong|b|em|i|u|a|img|p)\b/i.test(html.replace(/<(meta|html|body|head|span|div|pre|code|br)\b[^>]*>/gi, ''));
}

export const PASTE_MARKDOWN_META = 'lectern:markdownPaste';

/**
 * Pasted plain text that looks like Markdown (looksLikeMarkdown.ts) becomes headings, lists,
 * tables and emphasis. It goes in as plain text first and is converted in a second step, so one
 * Undo brings back the plain text the teacher pasted, and a second removes it.
 */
export const PasteMarkdown = Extension.create({
  name: 'pasteMarkdown',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('pasteMarkdown'),
        props: {
          handlePaste(view, event) {
            const text = event.clipboardData?.getData('text/plain') ?? '';
            const html = event.clipboardData?.getData('text/html') ?? '';
            if (!text || (html && !htmlIsOnlyText(html)) || !looksLikeMarkdown(text)) return false;
            if (view.state.selection.$from.parent.type.spec.code) return false;
            const start = view.state.selection.from;
            view.pasteText(text, event);
            const end = view.state.selection.to;
            view.dispatch(closeHistory(view.state.tr));
            const container = document.createElement('div');
            container.innerHTML = md.render(text);
            const slice = PMDOMParser.fromSchema(view.state.schema).parseSlice(container);
            const tr = view.state.tr.replaceRange(start, end, slice).scrollIntoView();
            tr.setMeta('uiEvent', 'paste');
            tr.setMeta(PASTE_MARKDOWN_META, true);
            view.dispatch(tr);
            return true;
          },
        },
      }),
    ];
  },
});
