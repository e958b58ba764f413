import { Mark, mergeAttributes } from '@tiptap/core';
import { strings } from '../../../i18n';
import { aiOriginGuard } from './aiOriginGuard';

/**
 * Marks text the AI wrote, with the recorded interaction it came from (`{ interactionId }`).
 * Without this extension ProseMirror would refuse AI content, whose every text node carries it.
 * Not inclusive, not kept on split, and stripped from anything typed inside (see aiOriginGuard),
 * so the teacher's own words never count as the AI's.
 */
export const AiOrigin = Mark.create({
  name: 'aiOrigin',
  inclusive: false,
  keepOnSplit: false,

  addAttributes() {
    return {
      interactionId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-ai-origin'),
        renderHTML: (attributes) => ({ 'data-ai-origin': attributes.interactionId as string | null }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-ai-origin]' }];
  },

  renderHTML({ HTMLAttributes }) {
    // The title is the accessible description (and a tooltip), so the origin is not shown by colour alone.
    return ['span', mergeAttributes(HTMLAttributes, { class: 'ai-origin', title: strings.ai.aiWritten }), 0];
  },

  addProseMirrorPlugins() {
    return [aiOriginGuard(this.type)];
  },
});
