/**
 * Runs in headless Chromium (bundled by review.bench.ts): a real TipTap editor with the lesson's
 * extensions, and a keystroke loop that times each edit until its DOM is updated and laid out.
 */
import { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { lessonExtensions } from '../../renderer/src/features/editor/extensions';
import type { TipTapDoc } from '../../electron/contract';

declare global {
  interface Window {
    benchTyping(doc: TipTapDoc, keystrokes: number): number[];
  }
}

window.benchTyping = (doc, keystrokes) => {
  const host = document.createElement('div');
  document.body.replaceChildren(host);
  const editor = new Editor({ element: host, extensions: lessonExtensions(), content: doc });
  const view = editor.view;
  view.focus();
  // Type in the middle of the lesson, as a teacher would.
  const middle = Math.floor(view.state.doc.content.size / 2);
  view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(middle))));
  const times: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const t0 = performance.now();
    view.dispatch(view.state.tr.insertText(i % 6 === 5 ? ' ' : 'e'));
    // Force style and layout, which the browser would do before the next frame.
    void view.dom.getBoundingClientRect();
    void (view.dom as HTMLElement).offsetHeight;
    times.push(performance.now() - t0);
  }
  editor.destroy();
  return times;
};
