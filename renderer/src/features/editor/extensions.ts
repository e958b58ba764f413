import StarterKit from '@tiptap/starter-kit';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import type { AnyExtension } from '@tiptap/core';
import { AiOrigin } from './marks/aiOrigin';
import { LessonImage } from './imageNode';
import { lessonMathematics } from './mathematics';
import { SuggestionInsert } from './marks/suggestionInsert';
import { SuggestionDelete } from './marks/suggestionDelete';
import { SuggestionBlock } from './marks/suggestionBlock';
import { Imported } from './marks/imported';

/** Links may only point at the web or an email address; anything else is refused. */
export const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

export function lessonExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => SAFE_LINK.test(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    AiOrigin,
    LessonImage,
    ...lessonMathematics(),
    SuggestionInsert,
    SuggestionDelete,
    SuggestionBlock,
    Imported,
  ];
}
