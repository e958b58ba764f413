import { EditorContent, useEditor } from '@tiptap/react';
import type { TipTapDoc } from '../../../../electron/contract';
import { lessonExtensions } from '../editor/extensions';

/** A version's content, rendered by the lesson's own extensions, read-only. */
export function RevisionPreview({ content, label }: { content: TipTapDoc; label: string }) {
  const editor = useEditor({
    editable: false,
    extensions: lessonExtensions(),
    content,
    editorProps: {
      attributes: { class: 'lesson-body revision-preview__body', 'aria-readonly': 'true', lang: 'en-GB' },
    },
  });
  return (
    <div className="revision-preview" role="region" aria-label={label}>
      <EditorContent editor={editor} />
    </div>
  );
}
