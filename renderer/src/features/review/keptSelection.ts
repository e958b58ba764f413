import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

const key = new PluginKey<boolean>('keptSelection');

/**
 * While the lesson does not have the focus (the teacher is in the AI panel, say), its selected
 * text stays visibly highlighted: the browser hides an unfocused editor's selection, and the
 * teacher needs to see what the AI will work on. Plugin state: whether the editor has the focus.
 */
export function keptSelection(): Plugin<boolean> {
  return new Plugin<boolean>({
    key,
    state: {
      init: () => false,
      apply: (tr, focused) => (tr.getMeta(key) as boolean | undefined) ?? focused,
    },
    props: {
      decorations(state) {
        const { from, to, empty } = state.selection;
        if (key.getState(state) || empty) return null;
        return DecorationSet.create(state.doc, [Decoration.inline(from, to, { class: 'ai-selection-kept' })]);
      },
      handleDOMEvents: {
        focus: (view) => {
          view.dispatch(view.state.tr.setMeta(key, true));
          return false;
        },
        blur: (view) => {
          view.dispatch(view.state.tr.setMeta(key, false));
          return false;
        },
      },
    },
  });
}
