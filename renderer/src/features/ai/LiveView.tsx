import { useEffect, useLayoutEffect, useRef } from 'react';
import { Editor } from '@tiptap/core';
import type { TipTapNode } from '../../../../electron/contract';
import { lessonExtensions } from '../editor/extensions';
import { aiJobs } from './aiJobs';
import { countWords } from './countWords';
import { firstChangedIndex, replaceTail } from './replaceTail';
import './ai.css';

/**
 * A read-only editor showing an AI answer as it streams: on each frame with news it swaps in only
 * the top-level nodes that changed, so earlier paragraphs are never rebuilt, and it keeps the
 * newest text in view unless the teacher has scrolled up to read.
 *
 * The editor is made and destroyed here rather than through useEditor: a view that only follows
 * a stream needs no React state, and owning its life means no update can land in an instance
 * React has since replaced.
 */
export function LiveView({
  jobId,
  label,
  busy,
  onWords,
  tall = false,
}: {
  jobId: string;
  label: string;
  busy: boolean;
  /** How many words are showing, after each change. */
  onWords?: (words: number) => void;
  tall?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const onWordsRef = useRef(onWords);
  useEffect(() => {
    onWordsRef.current = onWords;
  });

  // Before paint, so an answer that finished before this view appeared is on screen in its first frame.
  useLayoutEffect(() => {
    const element = host.current;
    if (!element) return;
    const editor = new Editor({
      element,
      extensions: lessonExtensions(),
      editable: false,
      editorProps: { attributes: { class: 'lesson-body ai-live__body', lang: 'en-GB' } },
    });
    let shown: readonly TipTapNode[] = [];
    const sync = () => {
      const nodes = aiJobs.get(jobId)?.nodes;
      if (!nodes || editor.isDestroyed) return;
      const from = firstChangedIndex(shown, nodes);
      if (from < 0) return;
      const el = box.current;
      const follow = el !== null && el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      try {
        editor.view.dispatch(replaceTail(editor.state, from, nodes.slice(from)));
        shown = nodes;
      } catch (error) {
        // A node this editor cannot show: show the whole answer afresh with the next update.
        shown = [];
        console.warn('Lectern: could not show part of the AI answer', error);
      }
      if (follow && el) el.scrollTop = el.scrollHeight;
      const doc = editor.state.doc;
      onWordsRef.current?.(countWords(doc.textBetween(0, doc.content.size, ' ', ' ')));
    };
    sync();
    const unsubscribe = aiJobs.subscribe(jobId, sync);
    return () => {
      unsubscribe();
      editor.destroy();
    };
  }, [jobId]);

  return (
    <div ref={box} role="region" aria-label={label} aria-busy={busy} className={tall ? 'ai-live ai-live--tall' : 'ai-live'}>
      <div ref={host} />
    </div>
  );
}
